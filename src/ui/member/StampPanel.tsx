import type { MemberStanding } from '../../core/standing';
import type { LoyaltyProgram } from '../../core/types';
import { t } from '../../i18n';
import { useApp } from '../context';
import { useTillState } from '../hooks/useTillState';
import { StampCard } from './StampCard';

/** The stamp card of a member (stamps mode): the card, the reward, and the punch with its stepper. */
export function StampPanel({ memberId, program, standing }: { memberId: string; program: LoyaltyProgram; standing: MemberStanding }) {
  const { actions } = useApp();
  const purchaseCount = useTillState((s) => s.purchaseCount);
  const busy = useTillState((s) => s.writesInFlight > 0);
  const view = standing.card;
  // The stepper counts purchases; each earns the program's stamps per purchase.
  const maxPurchases = Math.floor(program.maxStampsPerPunch / program.stampsPerPurchase);
  // The owner may have lowered the limit since the count was set.
  const purchases = Math.min(purchaseCount, maxPurchases);
  const stamps = purchases * program.stampsPerPurchase;
  const reward = program.rewardName;
  return (
    <>
      <StampCard view={view} />
      <p class="member__progress">
        {view.rewardsReady > 0
          ? t('member.rewardsReady', { count: view.rewardsReady, reward })
          : t('member.toGo', { count: program.goal - view.filled, reward })}
        {view.carriedOver > 0 && <span> · {t('member.carriedOver', { count: view.carriedOver })}</span>}
      </p>
      {view.rewardsReady > 0 && (
        <button type="button" class="button button--reward button--large" disabled={busy} onClick={() => void actions.redeem(memberId)}>
          {t('member.redeem', { reward })}
        </button>
      )}
      <div class="punch">
        <div class="stepper" role="group" aria-label={t('member.purchaseCount')}>
          <button
            type="button"
            class="button button--step"
            aria-label={t('member.fewer')}
            disabled={purchases <= 1}
            onClick={() => actions.setPurchaseCount(purchases - 1)}
          >
            −
          </button>
          <output class="stepper__value" aria-live="polite">
            {purchases}
          </output>
          <button
            type="button"
            class="button button--step"
            aria-label={t('member.more')}
            disabled={purchases >= maxPurchases}
            onClick={() => actions.setPurchaseCount(purchases + 1)}
          >
            +
          </button>
        </div>
        <button
          type="button"
          class="button button--primary button--huge"
          disabled={busy}
          onClick={() => void actions.punch(memberId, stamps)}
        >
          {t('member.punch', { count: stamps })}
        </button>
      </div>
    </>
  );
}
