import { useMemo, useState } from 'preact/hooks';
import { VOIDABLE_KINDS } from '../../core/tillRules';
import type { LedgerEvent } from '../../core/types';
import { formatDateTime, t } from '../../i18n';
import '../../i18n/parts/memberPage.en';
import { useApp } from '../context';
import { useShop } from '../hooks/useProgram';
import { useTillState } from '../hooks/useTillState';
import { describe } from '../member/MemberHistory';

/** Entries rendered at a time: a member with thousands of entries still opens at once. */
export const LEDGER_PAGE = 50;

/**
 * The tablet that recorded an entry. Tablets have names only on the server (given at pairing),
 * which this tablet does not receive: the others show the end of their device id, the random
 * part of it (the start of a UUIDv7 is its creation time, alike for tablets set up together).
 */
export function tabletLabel(deviceId: string, thisDeviceId: string | undefined): string {
  if (deviceId === thisDeviceId) return t('memberPage.thisTablet');
  return t('memberPage.otherTablet', { id: deviceId.replace(/-/g, '').slice(-6) });
}

/** Every ledger entry, newest first, a page at a time: voids say what they cancel, voided entries say so; the owner may void. */
export function MemberLedger({ events, thisDeviceId, canVoid }: { events: readonly LedgerEvent[]; thisDeviceId: string | undefined; canVoid: boolean }) {
  const { ctx, actions } = useApp();
  const shop = useShop();
  const ownerUnlocked = useTillState((s) => s.ownerUnlockedUntil !== undefined && ctx.now() < s.ownerUnlockedUntil);
  const busy = useTillState((s) => s.writesInFlight > 0);
  const [shown, setShown] = useState(LEDGER_PAGE);
  const { newestFirst, byId, voidOf } = useMemo(() => {
    const byId = new Map(events.map((event) => [event.id, event]));
    const voidOf = new Map(events.filter((e) => e.kind === 'void' && e.voidsId !== undefined).map((e) => [e.voidsId!, e]));
    return { newestFirst: [...events].reverse(), byId, voidOf };
  }, [events]);
  if (!shop) return null;
  const visible = newestFirst.slice(0, shown);
  const more = Math.min(LEDGER_PAGE, newestFirst.length - visible.length);

  return (
    <section class="member-page__section member-ledger" aria-labelledby="member-ledger-title">
      <h3 id="member-ledger-title">{t('memberPage.historyTitle')}</h3>
      <p class="field__hint">{events.length === 0 ? t('memberPage.historyEmpty') : t('memberPage.historyCount', { count: events.length })}</p>
      <ol class="member-ledger__list">
        {visible.map((event) => {
          const cancelledBy = voidOf.get(event.id);
          const target = event.kind === 'void' && event.voidsId !== undefined ? byId.get(event.voidsId) : undefined;
          return (
            <li key={event.id} class={cancelledBy ? 'member-ledger__entry member-ledger__entry--voided' : 'member-ledger__entry'} data-kind={event.kind}>
              <span class="member-ledger__when">{formatDateTime(event.at)}</span>
              <span class="member-ledger__what">
                <span class="member-ledger__text">{describe(event, shop.currency)}</span>
                {event.kind === 'void' && (
                  <span class="member-ledger__detail">
                    {target
                      ? t('memberPage.voidOf', { what: describe(target, shop.currency), when: formatDateTime(target.at) })
                      : t('memberPage.voidOfUnknown')}
                    {event.reason === 'owner' && ` ${t('memberPage.voidByOwner')}`}
                  </span>
                )}
                {cancelledBy && <span class="member-ledger__detail">{t('memberPage.voidedAt', { when: formatDateTime(cancelledBy.at) })}</span>}
              </span>
              <span class="member-ledger__tablet">{t('memberPage.recordedOn', { tablet: tabletLabel(event.deviceId, thisDeviceId) })}</span>
              {canVoid && ownerUnlocked && VOIDABLE_KINDS.has(event.kind) && !cancelledBy && (
                <button type="button" class="button button--quiet" disabled={busy} onClick={() => void actions.voidAsOwner(event.id)}>
                  {t('history.void')}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {more > 0 && (
        <button type="button" class="button button--secondary" onClick={() => setShown(shown + LEDGER_PAGE)}>
          {t('memberPage.showMore', { count: more })}
        </button>
      )}
    </section>
  );
}
