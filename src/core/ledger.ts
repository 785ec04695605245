import { effectiveEvents } from './balance';
import type { LedgerEvent, LoyaltyProgram, MemberSummary } from './types';

// Balances are never stored as truth: they are folds over the append-only ledger. The summary
// row is a cache that `applyEvent` keeps current and `foldEvents` can rebuild at any time.

/** Visits whose times a summary keeps (`latestVisits`): enough for "loyal" (4 in 90 days) and some more. */
export const LATEST_VISITS_KEPT = 8;

export function emptySummary(memberId: string): MemberSummary {
  return { memberId, stamps: 0, visits: 0, rewardsRedeemed: 0, points: 0, spendMinor: 0, latestVisits: [], expiringEarnings: 0 };
}

/** A punch or a purchase: what counts as a visit (and what the till's daily cap limits). */
export function isVisit(event: Pick<LedgerEvent, 'kind'>): boolean {
  return event.kind === 'stamp' || event.kind === 'earn';
}

function laterOf(a: string | undefined, b: string): string {
  return a !== undefined && a > b ? a : b;
}

/** The kept visit times with one more: newest first, the oldest dropped beyond LATEST_VISITS_KEPT. */
function withVisit(latest: readonly string[], at: string): string[] {
  let index = 0;
  while (index < latest.length && latest[index]! >= at) index++;
  if (index >= LATEST_VISITS_KEPT) return latest.slice();
  const next = [...latest.slice(0, index), at, ...latest.slice(index)];
  if (next.length > LATEST_VISITS_KEPT) next.length = LATEST_VISITS_KEPT;
  return next;
}

/**
 * Applies one new event to a summary. For a void, `voided` is the event it cancels.
 * Returns null when the summary cannot be updated incrementally (voiding the latest visit
 * needs the visit before it): the caller then rebuilds with `foldEvents`.
 */
export function applyEvent(
  summary: MemberSummary,
  event: LedgerEvent,
  voided?: LedgerEvent,
): MemberSummary | null {
  const next = { ...summary };
  if (event.kind === 'void') {
    if (!voided) throw new Error('applyEvent: a void needs the event it cancels');
    next.stamps -= voided.stamps ?? 0;
    next.points -= voided.points ?? 0;
    next.spendMinor -= voided.amountMinor ?? 0;
    if (voided.kind === 'redeem') next.rewardsRedeemed -= 1;
    if (voided.expiresAt !== undefined && next.expiringEarnings !== undefined) next.expiringEarnings -= 1;
    if (isVisit(voided)) {
      next.visits -= 1;
      if (voided.at === summary.lastVisitAt) return null;
      const latest = summary.latestVisits;
      const index = latest ? latest.indexOf(voided.at) : -1;
      if (latest && index >= 0) {
        // A full list may have left older visits out: one of them would move up.
        if (latest.length >= LATEST_VISITS_KEPT) return null;
        next.latestVisits = latest.filter((_, k) => k !== index);
      }
    }
    return next;
  }
  next.stamps += event.stamps ?? 0;
  next.points += event.points ?? 0;
  next.spendMinor += event.amountMinor ?? 0;
  if (event.expiresAt !== undefined && next.expiringEarnings !== undefined) next.expiringEarnings += 1;
  if (isVisit(event)) {
    next.visits += 1;
    next.lastVisitAt = laterOf(next.lastVisitAt, event.at);
    if (next.latestVisits) next.latestVisits = withVisit(next.latestVisits, event.at);
  }
  if (event.kind === 'redeem') next.rewardsRedeemed += 1;
  return next;
}

/** Rebuilds a member's summary from all of their events, in any order. */
export function foldEvents(memberId: string, events: readonly LedgerEvent[]): MemberSummary {
  return effectiveEvents(events)
    .reduce((summary, event) => applyEvent(summary, event)!, emptySummary(memberId));
}

/** How the stamp card looks: filled circles on the current card and rewards waiting. */
export interface StampCardView {
  goal: number;
  filled: number;
  rewardsReady: number;
  /** Stamps beyond the full cards, carried onto the next card after a redemption. */
  carriedOver: number;
}

/** Full cards in a balance (none while it is negative, after an offline double spend). */
export function rewardsReady(stamps: number, goal: number): number {
  return stamps > 0 ? Math.floor(stamps / goal) : 0;
}

export function stampCardView(stamps: number, program: Pick<LoyaltyProgram, 'goal'>): StampCardView {
  const goal = program.goal;
  const ready = rewardsReady(stamps, goal);
  if (ready === 0) return { goal, filled: Math.max(0, stamps), rewardsReady: 0, carriedOver: 0 };
  return { goal, filled: goal, rewardsReady: ready, carriedOver: stamps - ready * goal };
}
