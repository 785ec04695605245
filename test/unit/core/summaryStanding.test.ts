import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/core/calendar';
import { applyEvent, emptySummary, foldEvents, LATEST_VISITS_KEPT } from '../../../src/core/ledger';
import { memberStandingAt, memberStandingFromSummary } from '../../../src/core/memberExport';
import { DEFAULT_PROGRAM } from '../../../src/core/program';
import type { LedgerEvent, LedgerKind, LoyaltyProgram, MemberSummary } from '../../../src/core/types';

// The summary keeps the latest visits' times and a count of expiring earnings, so that the export
// (and the members list) can say where most members stand without reading their ledger. Whatever
// it answers must be exactly what folding the events says.

const NOW = '2026-11-23T12:00:00.000Z';
const DAY_MS = 86_400_000;

interface Step {
  kind: LedgerKind;
  daysAgo: number;
  minutes: number;
  stamps: number;
  points: number;
  amountMinor: number;
  expires: boolean;
  pick: number;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom<LedgerKind>('enroll', 'stamp', 'stamp', 'earn', 'earn', 'redeem', 'bonus', 'adjust', 'void', 'void'),
  // Mostly in the past, some clustered in the last weeks (segments, tier windows), a few in the future (clock skew).
  daysAgo: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: -3, max: 800 })),
  minutes: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  stamps: fc.integer({ min: -10, max: 5 }),
  points: fc.integer({ min: -200, max: 300 }),
  amountMinor: fc.integer({ min: 0, max: 20_000 }),
  expires: fc.boolean(),
  pick: fc.nat(),
});

/** A member's ledger from steps; a void cancels an earlier non-void event (possibly one already voided). */
function ledgerOf(steps: Step[], withExpiry: boolean): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  steps.forEach((step, i) => {
    const at = new Date(Date.parse(NOW) - step.daysAgo * DAY_MS + step.minutes * 60_000).toISOString();
    const base = { id: `e${i}`, memberId: 'm', deviceId: 'd', at, hlc: `${at}-${String(i).padStart(3, '0')}`, programVersion: 1 };
    if (step.kind === 'void') {
      const targets = events.filter((e) => e.kind !== 'void');
      if (targets.length === 0) return;
      events.push({ ...base, kind: 'void', voidsId: targets[step.pick % targets.length]!.id });
      return;
    }
    const earning = step.kind === 'redeem' ? { stamps: -Math.abs(step.stamps), points: -Math.abs(step.points) } : { stamps: step.stamps, points: step.points };
    events.push({
      ...base,
      kind: step.kind,
      ...(earning.stamps ? { stamps: earning.stamps } : {}),
      ...(earning.points ? { points: earning.points } : {}),
      ...(step.kind === 'earn' || step.kind === 'stamp' ? { amountMinor: step.amountMinor } : {}),
      ...(withExpiry && step.expires ? { expiresAt: addDays(at, 30 + (step.pick % 200)) } : {}),
    });
  });
  return events;
}

/** The summary as the till keeps it: applyEvent one event at a time, a refold where it cannot. */
function incremental(events: readonly LedgerEvent[]): MemberSummary {
  let summary = emptySummary('m');
  const seen: LedgerEvent[] = [];
  for (const event of events) {
    seen.push(event);
    const voided = event.kind === 'void' ? seen.find((e) => e.id === event.voidsId) : undefined;
    // A void of an event already voided changes nothing in the fold: the till would refold too.
    const alreadyVoided = voided && seen.some((e) => e !== event && e.kind === 'void' && e.voidsId === voided.id);
    summary = (alreadyVoided ? null : applyEvent(summary, event, voided)) ?? foldEvents('m', seen);
  }
  return summary;
}

const tiers = [
  { id: 'b', name: 'Bronze', threshold: 0, multiplierPercent: 100 },
  { id: 's', name: 'Silver', threshold: 3, multiplierPercent: 125 },
  { id: 'g', name: 'Gold', threshold: 6, multiplierPercent: 150 },
];

const programArb: fc.Arbitrary<LoyaltyProgram> = fc.record({
  tiers: fc.constantFrom([], tiers, [{ ...tiers[0]!, threshold: 1 }, { ...tiers[1]!, threshold: 20_000 }]),
  tierBasis: fc.constantFrom<LoyaltyProgram['tierBasis']>('spend', 'visits'),
  tierWindowDays: fc.constantFrom(30, 90, 365),
  pointsExpiry: fc.constantFrom<LoyaltyProgram['pointsExpiry']>('none', 'none', 'afterEarning', 'afterInactivity'),
  pointsExpiryMonths: fc.integer({ min: 1, max: 12 }),
}).map((fields) => ({ ...DEFAULT_PROGRAM, ...fields }));

const segmentRulesArb = fc.record({
  newDays: fc.constantFrom(30, 7),
  loyalVisits: fc.integer({ min: 1, max: LATEST_VISITS_KEPT + 2 }),
  loyalWindowDays: fc.constantFrom(90, 30, 400),
  atRiskDays: fc.constantFrom(60, 20),
  lapsedDays: fc.constantFrom(90, 40),
});

describe('the summary’s latest visits and expiring earnings', () => {
  it('are the same kept one event at a time as folded from the whole ledger', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), fc.boolean(), (steps, withExpiry) => {
        const events = ledgerOf(steps, withExpiry);
        const folded = foldEvents('m', events);
        expect(incremental(events)).toEqual(folded);
        expect(folded.latestVisits!.length).toBe(Math.min(folded.visits, LATEST_VISITS_KEPT));
        expect(folded.latestVisits![0]).toBe(folded.lastVisitAt);
      }),
      { numRuns: 400 },
    );
  });

  it('keep the newest visits first, at most LATEST_VISITS_KEPT', () => {
    const visits = Array.from({ length: LATEST_VISITS_KEPT + 3 }, (_, i) => ({
      id: `v${i}`,
      memberId: 'm',
      kind: 'stamp' as const,
      stamps: 1,
      deviceId: 'd',
      at: addDays(NOW, -((i * 7) % 11)),
      hlc: `h${i}`,
      programVersion: 1,
    }));
    const summary = foldEvents('m', visits);
    const expected = visits.map((v) => v.at).sort().reverse().slice(0, LATEST_VISITS_KEPT);
    expect(summary.latestVisits).toEqual(expected);
    expect(summary.expiringEarnings).toBe(0);
    const withExpiry = foldEvents('m', [...visits, { ...visits[0]!, id: 'x', expiresAt: addDays(NOW, 10) }]);
    expect(withExpiry.expiringEarnings).toBe(1);
  });
});

describe('a member’s standing from the summary alone', () => {
  it('is the standing folded from the events whenever it answers', () => {
    let answered = 0;
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), programArb, segmentRulesArb, fc.integer({ min: 0, max: 900 }), (steps, program, rules, joinedDaysAgo) => {
        const withExpiry = program.pointsExpiry !== 'none';
        const events = ledgerOf(steps, withExpiry);
        const member = { createdAt: addDays(NOW, -joinedDaysAgo) };
        const summary = incremental(events);
        const fromSummary = memberStandingFromSummary(program, NOW, rules)(member, summary);
        const fromEvents = memberStandingAt(program, NOW, rules)(member, summary, events);
        if (fromSummary) {
          answered++;
          expect(fromSummary).toEqual(fromEvents);
        }
      }),
      { numRuns: 1_500 },
    );
    // It must answer often, or it would be no use.
    expect(answered).toBeGreaterThan(300);
  });

  it('answers for a stamp card without expiry or tiers, and leaves the rest to the ledger', () => {
    const events = ledgerOf(
      [0, 3, 20, 40, 70, 100].map((daysAgo) => ({ kind: 'stamp', daysAgo, minutes: 0, stamps: 1, points: 0, amountMinor: 0, expires: true, pick: 0 })),
      false,
    );
    const member = { createdAt: addDays(NOW, -200) };
    const summary = foldEvents('m', events);
    const standing = memberStandingFromSummary(DEFAULT_PROGRAM, NOW)(member, summary);
    expect(standing).toEqual({ stamps: 6, points: 0, segment: 'loyal' });
    expect(standing).toEqual(memberStandingAt(DEFAULT_PROGRAM, NOW)(member, summary, events));
    // A summary written before these fields existed, none at all, expiring earnings, spend tiers in the window.
    const { latestVisits: _l, expiringEarnings: _e, ...old } = summary;
    expect(memberStandingFromSummary(DEFAULT_PROGRAM, NOW)(member, old)).toBeUndefined();
    expect(memberStandingFromSummary(DEFAULT_PROGRAM, NOW)(member, undefined)).toBeUndefined();
    expect(memberStandingFromSummary(DEFAULT_PROGRAM, NOW)(member, { ...summary, expiringEarnings: 1 })).toBeUndefined();
    expect(memberStandingFromSummary({ ...DEFAULT_PROGRAM, pointsExpiry: 'afterInactivity' }, NOW)(member, summary)).toBeUndefined();
    expect(memberStandingFromSummary({ ...DEFAULT_PROGRAM, tiers, tierBasis: 'spend' }, NOW)(member, summary)).toBeUndefined();
    // Visit tiers are counted from the kept visits: 5 in the last 90 days.
    expect(memberStandingFromSummary({ ...DEFAULT_PROGRAM, tiers, tierBasis: 'visits', tierWindowDays: 90 }, NOW)(member, summary)).toMatchObject({ tier: { name: 'Silver' } });
  });
});
