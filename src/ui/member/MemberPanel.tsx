import { useEffect, useState } from 'preact/hooks';
import { stampCardView } from '../../core/ledger';
import { getMemberCard } from '../../db/memberRepository';
import { formatRelativeTime, t } from '../../i18n';
import { useApp } from '../context';
import { useLive } from '../hooks/useLive';
import { useNow } from '../hooks/useNow';
import { useProgram } from '../hooks/useProgram';
import { useTillState } from '../hooks/useTillState';
import { lazyComponent } from '../hooks/lazyComponent';
import { CooldownDialog } from './CooldownDialog';
import { StampCard } from './StampCard';
import { UndoButton } from './UndoButton';

const MemberHistory = lazyComponent(() => import('./MemberHistory').then((m) => m.MemberHistory));

export function MemberPanel({ memberId }: { memberId: string }) {
  const { ctx, actions } = useApp();
  const card = useLive(() => getMemberCard(ctx, memberId), [ctx, memberId]);
  const program = useProgram();
  const purchaseCount = useTillState((s) => s.purchaseCount);
  const cooldownPrompt = useTillState((s) => s.cooldownPrompt);
  const busy = useTillState((s) => s.writesInFlight > 0);
  const now = useNow(30_000);
  const [historyOpen, setHistoryOpen] = useState(false);
  useEffect(() => setHistoryOpen(false), [memberId]);
  if (!card || !program || card.member.id !== memberId) return null;

  const { member, summary } = card;
  const view = stampCardView(summary.stamps, program);
  // The stepper counts purchases; each earns the program's stamps per purchase.
  const maxPurchases = Math.floor(program.maxStampsPerPunch / program.stampsPerPurchase);
  // The owner may have lowered the limit since the count was set.
  const purchases = Math.min(purchaseCount, maxPurchases);
  const stamps = purchases * program.stampsPerPurchase;
  const reward = program.rewardName;
  return (
    <section class="member" aria-labelledby="member-name">
      <header class="member__header">
        <h2 id="member-name" class="member__name">
          {member.name}
        </h2>
        <button type="button" class="button button--quiet" onClick={actions.closeMember} aria-label={t('member.close')}>
          ✕
        </button>
      </header>
      <p class="member__meta">
        {summary.lastVisitAt
          ? t('member.lastVisit', { when: formatRelativeTime(summary.lastVisitAt, now) })
          : t('member.neverVisited')}
        {' · '}
        {t('member.visits', { count: summary.visits })}
      </p>
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
      <div class="member__secondary">
        <UndoButton memberId={memberId} undoSeconds={program.undoSeconds} />
        <button type="button" class="button button--quiet" onClick={() => actions.showCard(memberId)}>
          {t('member.showCard')}
        </button>
        <button type="button" class="button button--quiet" onClick={() => actions.openCardPrint(memberId)}>
          {t('print.cardButton')}
        </button>
        <button type="button" class="button button--quiet" onClick={() => actions.showCardToCustomer(memberId)}>
          {t('showCard.open')}
        </button>
        <button type="button" class="button button--quiet" aria-expanded={historyOpen} onClick={() => setHistoryOpen(!historyOpen)}>
          {t('member.history')}
        </button>
      </div>
      {historyOpen && <MemberHistory memberId={memberId} />}
      {cooldownPrompt?.memberId === memberId && <CooldownDialog prompt={cooldownPrompt} name={member.name} />}
    </section>
  );
}
