import { useEffect, useState } from 'preact/hooks';
import { getMemberCard } from '../../db/memberRepository';
import { getMemberStanding } from '../../db/tillRepository';
import { formatRelativeTime, t } from '../../i18n';
import { useApp } from '../context';
import { useLive } from '../hooks/useLive';
import { useNow } from '../hooks/useNow';
import { useProgram, useShop } from '../hooks/useProgram';
import { useTillState } from '../hooks/useTillState';
import { lazyComponent } from '../hooks/lazyComponent';
import { CooldownDialog } from './CooldownDialog';
import { MemberStatus } from './MemberStatus';
import { StampPanel } from './StampPanel';
import { UndoButton } from './UndoButton';

const MemberHistory = lazyComponent(() => import('./MemberHistory').then((m) => m.MemberHistory));
const loadPointsPanel = () => import('./PointsPanel').then((m) => m.PointsPanel);
const PointsPanel = lazyComponent(loadPointsPanel);

/** Fetches the points till's chunk ahead (the program is in points mode): the first member opened need not wait. */
export function preloadPointsPanel(): void {
  loadPointsPanel().catch(() => undefined); // A failure is reported when the panel renders.
}

export function MemberPanel({ memberId }: { memberId: string }) {
  const { ctx, actions } = useApp();
  const card = useLive(() => getMemberCard(ctx, memberId), [ctx, memberId]);
  const now = useNow(30_000);
  // Balances depend on the time too (stamps and points expire, tiers look back N days): re-read with the clock.
  const live = useLive(() => getMemberStanding(ctx, memberId).then((standing) => ({ memberId, standing })), [ctx, memberId, now]);
  const program = useProgram();
  const shop = useShop();
  const cooldownPrompt = useTillState((s) => s.cooldownPrompt);
  const [historyOpen, setHistoryOpen] = useState(false);
  useEffect(() => setHistoryOpen(false), [memberId]);
  const mergedInto = card?.member.id === memberId ? card.member.mergedInto : undefined;
  useEffect(() => {
    if (mergedInto !== undefined) void actions.followMerge(memberId);
  }, [memberId, mergedInto]);
  if (!card || !program || !shop || !live || card.member.id !== memberId || live.memberId !== memberId) return null;

  const { member, summary } = card;
  const { standing } = live;
  return (
    <section class="member" aria-labelledby="member-name" data-mode={program.mode}>
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
      <MemberStatus program={program} standing={standing} currency={shop.currency} />
      {program.mode === 'points' ? (
        <PointsPanel memberId={memberId} program={program} standing={standing} currency={shop.currency} />
      ) : (
        <StampPanel memberId={memberId} program={program} standing={standing} />
      )}
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
