import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { multiplierPercent, tierForMetric, tierMetric, tierStanding, type TierEvent } from '../../../src/core/tiers';
import type { LoyaltyProgram, TierLevel } from '../../../src/core/types';

const RUNS = { numRuns: 200 };
const DAY_MS = 86_400_000;
const NOW_MS = Date.parse('2026-06-30T12:00:00Z');
const NOW = new Date(NOW_MS).toISOString();

const bronze: TierLevel = { id: 'bronze', name: 'Bronze', threshold: 0, multiplierPercent: 100 };
const silver: TierLevel = { id: 'silver', name: 'Silver', threshold: 50_000, multiplierPercent: 125 };
const gold: TierLevel = { id: 'gold', name: 'Gold', threshold: 200_000, multiplierPercent: 150 };

type TierRules = Pick<LoyaltyProgram, 'tierBasis' | 'tierWindowDays' | 'tiers'>;
const bySpend: TierRules = { tierBasis: 'spend', tierWindowDays: 365, tiers: [bronze, silver, gold] };
const byVisits: TierRules = { tierBasis: 'visits', tierWindowDays: 30, tiers: [{ ...bronze }, { ...silver, threshold: 5 }, { ...gold, threshold: 10 }] };

let nextId = 0;
function purchase(msBeforeNow: number, amountMinor: number, kind: TierEvent['kind'] = 'earn'): TierEvent {
  return { id: `e${nextId++}`, kind, at: new Date(NOW_MS - msBeforeNow).toISOString(), amountMinor };
}
function voidOf(target: TierEvent): TierEvent {
  return { id: `e${nextId++}`, kind: 'void', voidsId: target.id, at: NOW };
}

describe('the tier a metric reaches', () => {
  it('is the highest whose threshold is reached', () => {
    const levels = [bronze, silver, gold];
    expect(tierForMetric(0, levels)).toBe(bronze);
    expect(tierForMetric(49_999, levels)).toBe(bronze);
    expect(tierForMetric(50_000, levels)).toBe(silver);
    expect(tierForMetric(199_999, levels)).toBe(silver);
    expect(tierForMetric(200_000, levels)).toBe(gold);
    expect(tierForMetric(10 ** 12, levels)).toBe(gold);
    expect(tierForMetric(10, [])).toBeUndefined();
  });

  it('never maps a higher metric to a lower tier', () => {
    const ascendingLevels = fc
      .uniqueArray(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 6 })
      .map((thresholds) => thresholds.sort((a, b) => a - b).map((threshold, i) => ({ id: `t${i}`, name: `T${i}`, threshold, multiplierPercent: 100 + i * 10 })));
    fc.assert(
      fc.property(ascendingLevels, fc.nat({ max: 2_000_000 }), fc.nat({ max: 2_000_000 }), (levels, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const rank = (metric: number) => levels.indexOf(tierForMetric(metric, levels)!);
        expect(rank(low)).toBeLessThanOrEqual(rank(high));
        expect(multiplierPercent({ level: tierForMetric(low, levels), metric: low })).toBeLessThanOrEqual(
          multiplierPercent({ level: tierForMetric(high, levels), metric: high }),
        );
      }),
      RUNS,
    );
  });
});

describe('a member’s tier from their purchases', () => {
  it('adds up the spend of the rolling window', () => {
    const events = [purchase(DAY_MS, 30_000), purchase(100 * DAY_MS, 25_000), purchase(400 * DAY_MS, 500_000)];
    expect(tierStanding(events, bySpend, NOW)).toEqual({ level: silver, metric: 55_000, next: { level: gold, missing: 145_000 } });
  });

  it('lets a purchase leave the window exactly when it is windowDays old', () => {
    const edge = purchase(365 * DAY_MS, 60_000);
    expect(tierMetric([edge], bySpend, NOW)).toBe(0);
    expect(tierMetric([purchase(365 * DAY_MS - 1, 60_000)], bySpend, NOW)).toBe(60_000);
    // The same purchase, looked at one millisecond earlier, still counts.
    expect(tierStanding([edge], bySpend, new Date(NOW_MS - 1).toISOString()).level).toBe(silver);
    expect(tierStanding([edge], bySpend, NOW).level).toBe(bronze);
  });

  it('counts a purchase made at this very moment, and none recorded later', () => {
    expect(tierMetric([purchase(0, 1000)], bySpend, NOW)).toBe(1000);
    expect(tierMetric([purchase(-1, 1000)], bySpend, NOW)).toBe(0);
  });

  it('leaves voided purchases out, and the voids themselves', () => {
    const big = purchase(DAY_MS, 250_000);
    const small = purchase(2 * DAY_MS, 60_000);
    expect(tierStanding([big, small], bySpend, NOW).level).toBe(gold);
    expect(tierStanding([big, small, voidOf(big)], bySpend, NOW)).toMatchObject({ level: silver, metric: 60_000 });
    const visits = [purchase(DAY_MS, 0, 'stamp'), purchase(DAY_MS, 0, 'stamp')];
    expect(tierMetric([...visits, voidOf(visits[0]!)], byVisits, NOW)).toBe(1);
  });

  it('counts only purchases: no sign-up, bonus, redemption or coupon', () => {
    const others: TierEvent[] = [
      { id: 'enroll', kind: 'enroll', at: NOW },
      { id: 'bonus', kind: 'bonus', at: NOW },
      { id: 'redeem', kind: 'redeem', at: NOW },
      { id: 'adjust', kind: 'adjust', at: NOW, amountMinor: 99_999 },
    ];
    expect(tierMetric(others, bySpend, NOW)).toBe(0);
    expect(tierMetric(others, byVisits, NOW)).toBe(0);
  });

  it('by visits, counts each punch or purchase in the window once, whatever it cost', () => {
    const events = [
      ...Array.from({ length: 4 }, (_, i) => purchase(i * DAY_MS, 100, 'stamp')),
      purchase(2 * DAY_MS, 1_000_000, 'earn'),
      purchase(30 * DAY_MS, 100, 'stamp'), // exactly 30 days old: gone
    ];
    expect(tierStanding(events, byVisits, NOW)).toEqual({ level: byVisits.tiers[1], metric: 5, next: { level: byVisits.tiers[2], missing: 5 } });
  });

  it('has no next tier at the top, and no tier without tiers', () => {
    expect(tierStanding([purchase(0, 300_000)], bySpend, NOW)).toEqual({ level: gold, metric: 300_000 });
    expect(tierStanding([purchase(0, 300_000)], { ...bySpend, tiers: [] }, NOW)).toEqual({ metric: 0 });
    expect(multiplierPercent(tierStanding([], { ...bySpend, tiers: [] }, NOW))).toBe(100);
    expect(multiplierPercent(tierStanding([purchase(0, 300_000)], bySpend, NOW))).toBe(150);
  });

  it('below a first threshold above zero, is no tier yet and says what the first one needs', () => {
    const rules = { ...bySpend, tiers: [silver, gold] };
    expect(tierStanding([purchase(0, 10_000)], rules, NOW)).toEqual({ metric: 10_000, next: { level: silver, missing: 40_000 } });
  });
});

const eventArb = fc.record({
  kind: fc.constantFrom<TierEvent['kind']>('stamp', 'earn', 'bonus', 'redeem'),
  daysAgo: fc.oneof(fc.integer({ min: 0, max: 800 }), fc.constantFrom(0, 30, 365)),
  amountMinor: fc.nat({ max: 300_000 }),
  voided: fc.boolean(),
});

function buildEvents(items: readonly { kind: TierEvent['kind']; daysAgo: number; amountMinor: number; voided: boolean }[]): TierEvent[] {
  return items.flatMap((item) => {
    const event = purchase(item.daysAgo * DAY_MS, item.amountMinor, item.kind);
    return item.voided ? [event, voidOf(event)] : [event];
  });
}

describe('tiers, for any history', () => {
  const rulesArb = fc.constantFrom(bySpend, byVisits);

  it('never drop when a purchase is added at the same moment', () => {
    fc.assert(
      fc.property(rulesArb, fc.array(eventArb, { maxLength: 30 }), fc.nat({ max: 400 }), fc.nat({ max: 300_000 }), fc.constantFrom<TierEvent['kind']>('stamp', 'earn'), (rules, items, daysAgo, amountMinor, kind) => {
        const events = buildEvents(items);
        const before = tierStanding(events, rules, NOW);
        const after = tierStanding([...events, purchase(daysAgo * DAY_MS, amountMinor, kind)], rules, NOW);
        expect(after.metric).toBeGreaterThanOrEqual(before.metric);
        expect(rules.tiers.indexOf(after.level!)).toBeGreaterThanOrEqual(rules.tiers.indexOf(before.level!));
        expect(multiplierPercent(after)).toBeGreaterThanOrEqual(multiplierPercent(before));
      }),
      RUNS,
    );
  });

  it('do not depend on the order of the events', () => {
    fc.assert(
      fc.property(rulesArb, fc.array(eventArb, { maxLength: 30 }), (rules, items) => {
        const events = buildEvents(items);
        expect(tierStanding([...events].reverse(), rules, NOW)).toEqual(tierStanding(events, rules, NOW));
      }),
      RUNS,
    );
  });

  it('say exactly what the next tier is missing', () => {
    fc.assert(
      fc.property(rulesArb, fc.array(eventArb, { maxLength: 30 }), (rules, items) => {
        const standing = tierStanding(buildEvents(items), rules, NOW);
        if (standing.next) {
          expect(standing.next.missing).toBeGreaterThan(0);
          expect(tierForMetric(standing.metric + standing.next.missing, rules.tiers)).toBe(standing.next.level);
          expect(tierForMetric(standing.metric + standing.next.missing - 1, rules.tiers)).toBe(standing.level);
        } else {
          expect(standing.level).toBe(rules.tiers.at(-1));
        }
      }),
      RUNS,
    );
  });
});
