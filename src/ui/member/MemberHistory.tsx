import { couponCodeOf, formatCouponCode } from '../../core/coupons';
import { VOIDABLE_KINDS } from '../../core/tillRules';
import type { LedgerEvent } from '../../core/types';
import { memberEvents } from '../../db/ledgerRepository';
import { formatDateTime, formatMoney, pointsParams, t } from '../../i18n';
import '../../i18n/parts/history.en';
import { useApp } from '../context';
import { useLive } from '../hooks/useLive';
import { useShop } from '../hooks/useProgram';
import { useTillState } from '../hooks/useTillState';

const SHOWN = 15;

/** One entry in words ("Punched 2 stamps"); the owner's member page shows its full history with it too. */
export function describe(event: Pick<LedgerEvent, 'kind' | 'stamps' | 'points' | 'amountMinor' | 'rewardId' | 'reason'>, currency: string): string {
  const count = Math.abs(event.stamps ?? 0);
  const pointsShown = pointsParams(Math.abs(event.points ?? 0));
  switch (event.kind) {
    case 'enroll':
      return t('history.kind.enroll');
    case 'stamp':
      return t('history.kind.stamp', { count });
    case 'earn':
      return t('history.kind.earn', { ...pointsShown, amount: formatMoney(event.amountMinor ?? 0, currency) });
    case 'bonus':
      return event.points ? t('history.kind.bonusPoints', pointsShown) : t('history.kind.bonus', { count });
    case 'redeem': {
      const couponCode = couponCodeOf(event.rewardId);
      if (couponCode !== undefined) return t('history.kind.coupon', { campaign: event.reason ?? '', code: formatCouponCode(couponCode) });
      if (event.points) return t('history.kind.redeemPoints', { ...pointsShown, reward: event.reason ?? '' });
      return t('history.kind.redeem', { reward: event.reason ?? '' });
    }
    case 'void':
      return t('history.kind.void');
    default:
      return t('history.kind.other', { kind: event.kind });
  }
}

/** A member's latest entries, newest first; the owner (behind the PIN) may void any of them. */
export function MemberHistory({ memberId }: { memberId: string }) {
  const { ctx, actions } = useApp();
  const events = useLive(() => memberEvents(ctx, memberId), [ctx, memberId]);
  const shop = useShop();
  const ownerUnlocked = useTillState((s) => s.ownerUnlockedUntil !== undefined && ctx.now() < s.ownerUnlockedUntil);
  const busy = useTillState((s) => s.writesInFlight > 0);
  if (!events || !shop) return null;
  const voided = new Set(events.filter((e) => e.kind === 'void').map((e) => e.voidsId));
  const latest = events.slice(-SHOWN).reverse();
  return (
    <section class="history" aria-labelledby="history-title">
      <h3 id="history-title">{t('history.title')}</h3>
      {latest.length === 0 && <p>{t('history.empty')}</p>}
      <ol class="history__list">
        {latest.map((event) => (
          <li key={event.id} class={voided.has(event.id) ? 'history__entry history__entry--voided' : 'history__entry'}>
            <span class="history__when">{formatDateTime(event.at)}</span>
            <span class="history__what">
              {describe(event, shop.currency)}
              {voided.has(event.id) && ` · ${t('history.voided')}`}
            </span>
            {ownerUnlocked && VOIDABLE_KINDS.has(event.kind) && !voided.has(event.id) && (
              <button type="button" class="button button--quiet" disabled={busy} onClick={() => void actions.voidAsOwner(event.id)}>
                {t('history.void')}
              </button>
            )}
          </li>
        ))}
      </ol>
      {!ownerUnlocked && <p class="history__hint">{t('history.ownerOnly')}</p>}
    </section>
  );
}
