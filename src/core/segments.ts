import { effectiveEvents } from './balance';
import { addDays } from './calendar';
import { isVisit } from './ledger';
import type { Iso, LedgerEvent } from './types';

// The marketing segments of ../shared/PRODUCT.md, with its default thresholds (issue 7 makes them
// adjustable). One segment per member, first match wins: new, lapsed, at risk, loyal; a member in
// none of them is "regular".

export type Segment = 'new' | 'loyal' | 'atRisk' | 'lapsed' | 'regular';

export interface SegmentRules {
  /** Joined within this many days: new. */
  newDays: number;
  /** At least this many visits within `loyalWindowDays`: loyal. */
  loyalVisits: number;
  loyalWindowDays: number;
  /** No visit for this many days: at risk; for `lapsedDays`: lapsed. */
  atRiskDays: number;
  lapsedDays: number;
}

export const DEFAULT_SEGMENT_RULES: SegmentRules = { newDays: 30, loyalVisits: 4, loyalWindowDays: 90, atRiskDays: 60, lapsedDays: 90 };

export interface SegmentFacts {
  joinedAt: Iso;
  /** The last visit; none: the member has not visited since joining (then joining counts as the last contact). */
  lastVisitAt?: Iso;
  /** Visits within the last `loyalWindowDays`. */
  recentVisits: number;
}

export type SegmentEvent = Pick<LedgerEvent, 'id' | 'kind' | 'voidsId' | 'at'>;

/** Visits (not voided) in the window (now − days, now]. */
export function visitsWithin(events: readonly SegmentEvent[], days: number, now: Iso): number {
  return visitsBetween(events, addDays(now, -days), now);
}

function visitsBetween(events: readonly SegmentEvent[], from: Iso, to: Iso): number {
  return effectiveEvents(events).filter((e) => isVisit(e) && e.at > from && e.at <= to).length;
}

/** The rules' moments at `now`, worked out once for many members (an export of 100k). */
export interface SegmentCutoffs {
  now: Iso;
  loyalVisits: number;
  newAfter: Iso;
  loyalFrom: Iso;
  atRiskBy: Iso;
  lapsedBy: Iso;
}

export function segmentCutoffs(now: Iso, rules: SegmentRules = DEFAULT_SEGMENT_RULES): SegmentCutoffs {
  return {
    now,
    loyalVisits: rules.loyalVisits,
    newAfter: addDays(now, -rules.newDays),
    loyalFrom: addDays(now, -rules.loyalWindowDays),
    atRiskBy: addDays(now, -rules.atRiskDays),
    lapsedBy: addDays(now, -rules.lapsedDays),
  };
}

export function memberSegment(facts: SegmentFacts, now: Iso, rules: SegmentRules = DEFAULT_SEGMENT_RULES): Segment {
  return segmentAt(facts, segmentCutoffs(now, rules));
}

export function segmentAt(facts: SegmentFacts, cutoffs: SegmentCutoffs): Segment {
  if (facts.joinedAt > cutoffs.newAfter) return 'new';
  const lastContact = facts.lastVisitAt ?? facts.joinedAt;
  if (lastContact <= cutoffs.lapsedBy) return 'lapsed';
  if (lastContact <= cutoffs.atRiskBy) return 'atRisk';
  if (facts.recentVisits >= cutoffs.loyalVisits) return 'loyal';
  return 'regular';
}

/** A member's segment from their events (visits in the loyal window) at the cutoffs' moment. */
export function segmentOfMember(joinedAt: Iso, lastVisitAt: Iso | undefined, events: readonly SegmentEvent[], cutoffs: SegmentCutoffs): Segment {
  const recentVisits = visitsBetween(events, cutoffs.loyalFrom, cutoffs.now);
  return segmentAt({ joinedAt, ...(lastVisitAt ? { lastVisitAt } : {}), recentVisits }, cutoffs);
}
