import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { earningExpiry, memberBalance, type BalanceUnit, type ExpiryRules } from '../../../src/core/balance';
import { addDays, addMonths, localDate, localMidnight } from '../../../src/core/calendar';
import { DomainError } from '../../../src/core/errors';
import { encodeHlc } from '../../../src/core/hlc';
import { DEFAULT_PROGRAM } from '../../../src/core/program';
import { assertCanRedeemCard, assertCanRedeemReward, assertCanVoid } from '../../../src/core/tillRules';
import type { LedgerEvent, LoyaltyProgram } from '../../../src/core/types';

const RUNS = { numRuns: 200 };
const DAY_MS = 86_400_000;

const NO_EXPIRY: ExpiryRules = { pointsExpiry: 'none', pointsExpiryMonths: 12 };
const inactivity = (months: number): ExpiryRules => ({ pointsExpiry: 'afterInactivity', pointsExpiryMonths: months });

/** Events of one member on one tablet, in the order written: each gets the next HLC. */
function ledger() {
  const events: LedgerEvent[] = [];
  let counter = 0;
  const add = (at: string, kind: LedgerEvent['kind'], fields: Partial<LedgerEvent> = {}): LedgerEvent => {
    const event: LedgerEvent = {
      id: `e${events.length + 1}`,
      memberId: 'm',
      kind,
      deviceId: 'a',
      at: new Date(at).toISOString(),
      hlc: encodeHlc({ wallMs: Date.parse(at), counter: counter++ }, 'a'),
      programVersion: 1,
      ...fields,
    };
    events.push(event);
    return event;
  };
  return {
    events,
    add,
    earn: (at: string, points: number, expiresAt?: string) => add(at, 'earn', { points, ...(expiresAt ? { expiresAt: new Date(expiresAt).toISOString() } : {}) }),
    stamp: (at: string, stamps: number, expiresAt?: string) => add(at, 'stamp', { stamps, ...(expiresAt ? { expiresAt: new Date(expiresAt).toISOString() } : {}) }),
    redeem: (at: string, change: { points?: number; stamps?: number }) => add(at, 'redeem', change),
    void: (at: string, target: LedgerEvent) => add(at, 'void', { voidsId: target.id }),
  };
}

const iso = (text: string) => new Date(text).toISOString();

describe('calendar arithmetic', () => {
  it('adds months keeping the day, or the last day of a shorter month', () => {
    expect(addMonths(iso('2026-01-31T10:30:00Z'), 1)).toBe(iso('2026-02-28T10:30:00Z'));
    expect(addMonths(iso('2028-01-31T10:30:00Z'), 1)).toBe(iso('2028-02-29T10:30:00Z')); // leap year
    expect(addMonths(iso('2026-03-31T00:00:00Z'), 1)).toBe(iso('2026-04-30T00:00:00Z'));
    expect(addMonths(iso('2026-08-31T23:59:59.999Z'), 6)).toBe(iso('2027-02-28T23:59:59.999Z'));
    expect(addMonths(iso('2026-12-15T08:00:00Z'), 2)).toBe(iso('2027-02-15T08:00:00Z'));
    expect(addMonths(iso('2026-01-15T08:00:00Z'), 12)).toBe(iso('2027-01-15T08:00:00Z'));
    expect(addMonths(iso('2026-03-31T08:00:00Z'), -1)).toBe(iso('2026-02-28T08:00:00Z'));
  });

  it('adds days in UTC, whatever the tablet’s daylight saving does', () => {
    expect(addDays(iso('2026-03-28T12:00:00Z'), 2)).toBe(iso('2026-03-30T12:00:00Z'));
    expect(addDays(iso('2026-12-31T23:00:00Z'), 1)).toBe(iso('2027-01-01T23:00:00Z'));
  });

  it('moves by whole months: the same time of day, never a later day of the month, the right month', () => {
    const moment = fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true });
    fc.assert(
      fc.property(moment, fc.integer({ min: -120, max: 120 }), (date, months) => {
        const result = new Date(addMonths(date.toISOString(), months));
        expect(result.getUTCDate()).toBeLessThanOrEqual(date.getUTCDate());
        expect(result.getUTCFullYear() * 12 + result.getUTCMonth()).toBe(date.getUTCFullYear() * 12 + date.getUTCMonth() + months);
        expect(result.toISOString().slice(10)).toBe(date.toISOString().slice(10));
        // Only a day the target month lacks is moved, to its last day.
        if (result.getUTCDate() < date.getUTCDate()) {
          expect(new Date(result.getTime() + DAY_MS).getUTCMonth()).not.toBe(result.getUTCMonth());
        }
      }),
      RUNS,
    );
  });

  it('finds the local midnight that starts an instant’s local day', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2020-01-01'), max: Date.parse('2040-01-01') }), (ms) => {
        const midnight = Date.parse(localMidnight(ms));
        expect(midnight).toBeLessThanOrEqual(ms);
        expect(ms - midnight).toBeLessThan(25 * 3600_000);
        expect(localDate(midnight)).toBe(localDate(ms));
        expect(localDate(midnight - 1)).not.toBe(localDate(ms));
      }),
      RUNS,
    );
  });
});

describe('when an earning expires', () => {
  const program = (changes: Partial<LoyaltyProgram>): LoyaltyProgram => ({ ...DEFAULT_PROGRAM, ...changes });
  const at = iso('2026-01-31T10:00:00Z');

  it('dates points N months after they were earned, and stamps N days after', () => {
    expect(earningExpiry({ points: 10 }, program({ pointsExpiry: 'afterEarning', pointsExpiryMonths: 1 }), at)).toBe(iso('2026-02-28T10:00:00Z'));
    expect(earningExpiry({ stamps: 1 }, program({ stampExpiryDays: 90 }), at)).toBe(iso('2026-05-01T10:00:00Z'));
  });

  it('dates nothing that never expires, and nothing that was spent', () => {
    expect(earningExpiry({ points: 10 }, program({ pointsExpiry: 'none' }), at)).toBeUndefined();
    // Under the inactivity rule points have no date of their own: the last visit sets it.
    expect(earningExpiry({ points: 10 }, program({ pointsExpiry: 'afterInactivity' }), at)).toBeUndefined();
    expect(earningExpiry({ stamps: 1 }, program({ stampExpiryDays: 0 }), at)).toBeUndefined();
    expect(earningExpiry({ points: -10 }, program({ pointsExpiry: 'afterEarning' }), at)).toBeUndefined();
    expect(earningExpiry({ stamps: -10 }, program({ stampExpiryDays: 30 }), at)).toBeUndefined();
    expect(earningExpiry({}, program({ pointsExpiry: 'afterEarning', stampExpiryDays: 30 }), at)).toBeUndefined();
  });
});

describe('a balance with expiry, by hand', () => {
  it('spends the oldest points first and lets each lot expire on its own date', () => {
    const l = ledger();
    l.earn('2026-01-10T12:00:00Z', 100, '2027-01-10T12:00:00Z');
    l.earn('2026-02-10T12:00:00Z', 50, '2027-02-10T12:00:00Z');
    l.earn('2026-03-10T12:00:00Z', 30, '2027-03-10T12:00:00Z');
    l.redeem('2026-04-01T12:00:00Z', { points: -120 }); // all of January's, 20 of February's

    const balanceAt = (now: string) => memberBalance(l.events, NO_EXPIRY, iso(now));
    expect(balanceAt('2026-04-02T00:00:00Z')).toEqual({
      stamps: 0,
      points: 60,
      expiring: [
        { unit: 'points', amount: 30, at: iso('2027-02-10T12:00:00Z') },
        { unit: 'points', amount: 30, at: iso('2027-03-10T12:00:00Z') },
      ],
      overdrawn: [],
    });
    // January's lot was spent: its date passes without loss.
    expect(balanceAt('2027-01-10T12:00:00Z').points).toBe(60);
    // A lot expires at its instant, not a moment later.
    expect(balanceAt('2027-02-10T11:59:59.999Z').points).toBe(60);
    expect(balanceAt('2027-02-10T12:00:00Z').points).toBe(30);
    expect(balanceAt('2027-03-10T12:00:00Z')).toEqual({ stamps: 0, points: 0, expiring: [], overdrawn: [] });
  });

  it('does not let expired points pay for a later redemption', () => {
    const l = ledger();
    l.earn('2026-01-10T12:00:00Z', 100, '2026-02-10T12:00:00Z');
    l.earn('2026-01-20T12:00:00Z', 10);
    const late = l.redeem('2026-03-01T12:00:00Z', { points: -50 }); // only 10 were left: recorded by an offline tablet
    const balance = memberBalance(l.events, NO_EXPIRY, iso('2026-03-02T00:00:00Z'));
    expect(balance.points).toBe(-40);
    expect(balance.overdrawn).toEqual([late.id]);
    // The next earning pays the debt back before it counts.
    l.earn('2026-03-05T12:00:00Z', 45, '2026-06-05T12:00:00Z');
    expect(memberBalance(l.events, NO_EXPIRY, iso('2026-03-06T00:00:00Z'))).toMatchObject({
      points: 5,
      expiring: [{ unit: 'points', amount: 5, at: iso('2026-06-05T12:00:00Z') }],
    });
  });

  it('expires stamps lot by lot, the oldest card stamps first', () => {
    const l = ledger();
    l.stamp('2026-01-01T10:00:00Z', 6, '2026-04-01T10:00:00Z');
    l.stamp('2026-02-01T10:00:00Z', 6, '2026-05-02T10:00:00Z');
    l.redeem('2026-02-15T10:00:00Z', { stamps: -10 }); // 6 of January, 4 of February
    l.stamp('2026-03-01T10:00:00Z', 3); // given before stamps expired: never expires
    const at = (now: string) => memberBalance(l.events, NO_EXPIRY, iso(now));
    expect(at('2026-03-02T00:00:00Z')).toMatchObject({ stamps: 5, expiring: [{ unit: 'stamps', amount: 2, at: iso('2026-05-02T10:00:00Z') }] });
    expect(at('2026-05-02T10:00:00Z')).toMatchObject({ stamps: 3, expiring: [] });
  });

  it('under the inactivity rule expires every point N months after the last visit', () => {
    const l = ledger();
    l.earn('2026-01-31T10:00:00Z', 100);
    l.earn('2026-02-15T10:00:00Z', 20);
    const rules = inactivity(6);
    const at = (now: string) => memberBalance(l.events, rules, iso(now));
    expect(at('2026-08-15T09:59:59Z')).toMatchObject({ points: 120, expiring: [{ unit: 'points', amount: 120, at: iso('2026-08-15T10:00:00Z') }] });
    expect(at('2026-08-15T10:00:00Z').points).toBe(0);

    // Any visit keeps them all alive: a redemption in July moves the deadline to January.
    l.redeem('2026-07-31T10:00:00Z', { points: -20 });
    expect(at('2026-08-15T10:00:00Z').points).toBe(100);
    expect(at('2027-01-31T09:00:00Z')).toMatchObject({ points: 100, expiring: [{ unit: 'points', amount: 100, at: iso('2027-01-31T10:00:00Z') }] });
    expect(at('2027-01-31T10:00:00Z').points).toBe(0);

    // Once gone they stay gone: a visit after the deadline starts from nothing.
    l.earn('2027-03-01T10:00:00Z', 7);
    expect(at('2027-03-02T00:00:00Z').points).toBe(7);
  });

  it('counts the inactivity months from the end of a month as the calendar does (Jan 31 + 1 month)', () => {
    const l = ledger();
    l.earn('2026-01-31T10:00:00Z', 10);
    expect(memberBalance(l.events, inactivity(1), iso('2026-02-28T09:59:59Z')).points).toBe(10);
    expect(memberBalance(l.events, inactivity(1), iso('2026-02-28T10:00:00Z')).points).toBe(0);
    const leap = ledger();
    leap.earn('2028-01-31T10:00:00Z', 10);
    expect(memberBalance(leap.events, inactivity(1), iso('2028-02-29T09:59:59Z')).points).toBe(10);
    expect(memberBalance(leap.events, inactivity(1), iso('2028-02-29T10:00:00Z')).points).toBe(0);
  });

  it('under the inactivity rule keeps the earlier of a lot’s own date and the deadline', () => {
    const l = ledger();
    l.earn('2026-01-01T10:00:00Z', 10, '2026-03-01T10:00:00Z'); // earned under an "after earning" program
    l.earn('2026-01-02T10:00:00Z', 5);
    const balance = memberBalance(l.events, inactivity(3), iso('2026-01-03T00:00:00Z'));
    expect(balance.expiring).toEqual([
      { unit: 'points', amount: 10, at: iso('2026-03-01T10:00:00Z') },
      { unit: 'points', amount: 5, at: iso('2026-04-02T10:00:00Z') },
    ]);
  });

  it('lists lots that expire at one moment as one line, stamps and points apart', () => {
    const l = ledger();
    l.earn('2026-01-01T10:00:00Z', 10, '2026-06-01T00:00:00Z');
    l.earn('2026-01-02T10:00:00Z', 5, '2026-06-01T00:00:00Z');
    l.stamp('2026-01-03T10:00:00Z', 2, '2026-06-01T00:00:00Z');
    expect(memberBalance(l.events, NO_EXPIRY, iso('2026-02-01T00:00:00Z')).expiring).toEqual([
      { unit: 'points', amount: 15, at: iso('2026-06-01T00:00:00Z') },
      { unit: 'stamps', amount: 2, at: iso('2026-06-01T00:00:00Z') },
    ]);
  });

  it('leaves voided entries and the voids out, as if they never happened', () => {
    const l = ledger();
    const first = l.earn('2026-01-01T10:00:00Z', 100, '2026-02-01T10:00:00Z');
    l.earn('2026-01-05T10:00:00Z', 100, '2026-12-01T10:00:00Z');
    const redemption = l.redeem('2026-01-10T10:00:00Z', { points: -100 });
    l.void('2026-01-11T10:00:00Z', first);
    // Without January's first lot the redemption took the second one.
    expect(memberBalance(l.events, NO_EXPIRY, iso('2026-01-12T00:00:00Z'))).toMatchObject({ points: 0, expiring: [] });
    l.void('2026-01-12T10:00:00Z', redemption);
    expect(memberBalance(l.events, NO_EXPIRY, iso('2026-01-13T00:00:00Z'))).toMatchObject({ points: 100 });
  });
});

// ---- Properties over generated ledgers.

interface Step {
  kind: 'earn' | 'stamp' | 'bonus' | 'redeem' | 'void';
  unit: BalanceUnit;
  amount: number;
  gapMinutes: number;
  expiresInDays: number | null;
  pick: number;
}

const step: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom('earn', 'stamp', 'bonus', 'redeem', 'redeem', 'void'),
  unit: fc.constantFrom<BalanceUnit>('stamps', 'points'),
  amount: fc.integer({ min: 1, max: 40 }),
  gapMinutes: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 200 * 24 * 60 })),
  expiresInDays: fc.option(fc.integer({ min: 1, max: 400 }), { nil: null }),
  pick: fc.nat(),
});

const START_MS = Date.parse('2026-01-01T09:00:00Z');

/** A ledger as tablets may have written it (redemptions unchecked, so overdrafts happen too). */
function buildLedger(steps: readonly Step[]): LedgerEvent[] {
  const l = ledger();
  let ms = START_MS;
  for (const s of steps) {
    ms += s.gapMinutes * 60_000 + 1000;
    const at = new Date(ms).toISOString();
    const expiresAt = s.expiresInDays === null ? undefined : addDays(at, s.expiresInDays);
    if (s.kind === 'void') {
      const targets = l.events.filter((e) => e.kind !== 'void');
      if (targets.length > 0) l.void(at, targets[s.pick % targets.length]!);
    } else if (s.kind === 'redeem') {
      l.redeem(at, { [s.unit]: -s.amount });
    } else {
      l.add(at, s.kind, { [s.unit]: s.amount, ...(expiresAt ? { expiresAt } : {}) });
    }
  }
  return l.events;
}

const rulesArb: fc.Arbitrary<ExpiryRules> = fc.record({
  pointsExpiry: fc.constantFrom<ExpiryRules['pointsExpiry']>('none', 'afterEarning', 'afterInactivity'),
  pointsExpiryMonths: fc.integer({ min: 1, max: 24 }),
});
const laterMs = fc.integer({ min: 0, max: 4 * 365 * DAY_MS });

function shuffled<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, i) => ({ item, key: keys[i % Math.max(1, keys.length)] ?? 0, i }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map(({ item }) => item);
}

describe('a balance with expiry, for any ledger', () => {
  it('is the same whatever order the events arrive in', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), rulesArb, laterMs, fc.array(fc.double({ noNaN: true }), { minLength: 1 }), (steps, rules, after, keys) => {
        const events = buildLedger(steps);
        const now = new Date(START_MS + after).toISOString();
        const expected = memberBalance(events, rules, now);
        expect(memberBalance(shuffled(events, keys), rules, now)).toEqual(expected);
        expect(memberBalance([...events].reverse(), rules, now)).toEqual(expected);
      }),
      RUNS,
    );
  });

  it('never expires more than was earned, and expiry only ever lowers a balance', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), rulesArb, laterMs, (steps, rules, after) => {
        const events = buildLedger(steps);
        const now = new Date(START_MS + after).toISOString();
        const withExpiry = memberBalance(events, rules, now);
        const withoutExpiry = memberBalance(
          events.map(({ expiresAt: _, ...event }) => event),
          NO_EXPIRY,
          now,
        );
        for (const unit of ['stamps', 'points'] as const) {
          const voided = new Set(events.map((e) => e.voidsId));
          const earned = events.filter((e) => !voided.has(e.id) && (e[unit] ?? 0) > 0).reduce((sum, e) => sum + e[unit]!, 0);
          const expired = withoutExpiry[unit] - withExpiry[unit];
          expect(expired).toBeGreaterThanOrEqual(0);
          expect(expired).toBeLessThanOrEqual(earned);
          expect(withExpiry.expiring.filter((x) => x.unit === unit).reduce((sum, x) => sum + x.amount, 0)).toBeLessThanOrEqual(Math.max(0, withExpiry[unit]));
        }
      }),
      RUNS,
    );
  });

  it('only ever loses points and stamps as time passes, with nothing new recorded', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), rulesArb, laterMs, laterMs, (steps, rules, a, b) => {
        const events = buildLedger(steps);
        const [early, late] = a <= b ? [a, b] : [b, a];
        const before = memberBalance(events, rules, new Date(START_MS + early).toISOString());
        const after = memberBalance(events, rules, new Date(START_MS + late).toISOString());
        expect(after.stamps).toBeLessThanOrEqual(before.stamps);
        expect(after.points).toBeLessThanOrEqual(before.points);
        expect(after.overdrawn).toEqual(before.overdrawn);
      }),
      RUNS,
    );
  });

  it('spends the oldest lot first: what is left is a tail of the lots, at most one of them cut', () => {
    // Lots far from expiry (each with its own date, in any order), so what is left of each lot
    // shows in `expiring`.
    const lotsAndSpends = fc.array(
      fc.oneof(
        fc.record({ earn: fc.integer({ min: 1, max: 50 }), expiresInDays: fc.integer({ min: 1000, max: 5000 }) }),
        fc.record({ spend: fc.integer({ min: 1, max: 80 }) }),
      ),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(lotsAndSpends, (items) => {
        const l = ledger();
        const lots: { amount: number; expiresAt: string }[] = [];
        const taken = new Set<string>();
        let spent = 0;
        items.forEach((item, i) => {
          const at = new Date(START_MS + i * 3600_000).toISOString();
          if ('earn' in item) {
            let expiresAt = addDays(at, item.expiresInDays);
            while (taken.has(expiresAt)) expiresAt = addDays(expiresAt, 1);
            taken.add(expiresAt);
            lots.push({ amount: item.earn, expiresAt });
            l.earn(at, item.earn, expiresAt);
          } else {
            spent += item.spend;
            l.redeem(at, { points: -item.spend });
          }
        });
        const balance = memberBalance(l.events, NO_EXPIRY, new Date(START_MS + items.length * 3600_000).toISOString());
        const left = lots.map((lot) => balance.expiring.find((x) => x.at === lot.expiresAt)?.amount ?? 0);
        const firstKept = left.findIndex((amount) => amount > 0);
        if (firstKept >= 0) {
          // Everything older is gone, everything newer untouched.
          expect(left.slice(firstKept + 1)).toEqual(lots.slice(firstKept + 1).map((lot) => lot.amount));
          expect(left[firstKept]).toBeLessThanOrEqual(lots[firstKept]!.amount);
        }
        // Nothing expired, so nothing is lost either: spending beyond the lots is a debt the next lot repays.
        const earned = lots.reduce((sum, lot) => sum + lot.amount, 0);
        expect(balance.points).toBe(earned - spent);
        expect(left.reduce((a, b) => a + b, 0)).toBe(Math.max(0, balance.points));
      }),
      RUNS,
    );
  });

  it('expires the oldest earnings first when every lot lives equally long', () => {
    const earnings = fc.array(fc.record({ points: fc.integer({ min: 1, max: 50 }), gapDays: fc.integer({ min: 0, max: 90 }) }), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(earnings, fc.integer({ min: 1, max: 12 }), laterMs, (items, months, after) => {
        const program = { ...DEFAULT_PROGRAM, pointsExpiry: 'afterEarning' as const, pointsExpiryMonths: months };
        const l = ledger();
        let ms = START_MS;
        const lots = items.map((item) => {
          ms += item.gapDays * DAY_MS + 1000;
          const at = new Date(ms).toISOString();
          l.earn(at, item.points, earningExpiry({ points: item.points }, program, at));
          return { points: item.points, at };
        });
        const now = new Date(ms + after).toISOString(); // after the last earning
        const balance = memberBalance(l.events, program, now);
        // What is left is exactly the youngest lots whose months have not run out.
        const alive = lots.filter((lot) => addMonths(lot.at, months) > now);
        expect(balance.points).toBe(alive.reduce((sum, lot) => sum + lot.points, 0));
        expect(alive.every((lot, i) => i === 0 || lot.at > alive[i - 1]!.at)).toBe(true);
        if (alive.length > 0) expect(lots.slice(lots.length - alive.length)).toEqual(alive);
      }),
      RUNS,
    );
  });
});

// ---- At the till: every redemption and void goes through the till's checks.

type TillOp =
  | { op: 'earn'; amount: number }
  | { op: 'bonus'; amount: number }
  | { op: 'redeem'; pick: number }
  | { op: 'void'; pick: number }
  | { op: 'wait'; minutes: number };

const tillOp: fc.Arbitrary<TillOp> = fc.oneof(
  fc.record({ op: fc.constant('earn' as const), amount: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ op: fc.constant('bonus' as const), amount: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ op: fc.constant('redeem' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('redeem' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('void' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('wait' as const), minutes: fc.oneof(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 400 * 24 * 60 })) }),
);

const tillProgram: fc.Arbitrary<LoyaltyProgram> = fc
  .record({
    mode: fc.constantFrom<LoyaltyProgram['mode']>('stamps', 'points'),
    goal: fc.integer({ min: 2, max: 12 }),
    pointsExpiry: fc.constantFrom<LoyaltyProgram['pointsExpiry']>('none', 'afterEarning', 'afterInactivity'),
    pointsExpiryMonths: fc.integer({ min: 1, max: 12 }),
    stampExpiryDays: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 365 })),
    costs: fc.uniqueArray(fc.integer({ min: 1, max: 80 }), { minLength: 1, maxLength: 4 }),
  })
  .map(({ costs, ...rest }) => ({
    ...DEFAULT_PROGRAM,
    ...rest,
    catalogue: costs.map((cost) => ({ id: `r${cost}`, name: `Reward ${cost}`, cost })),
  }));

function refusedBy(check: () => void): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe('the balance at the till', () => {
  it('never goes below zero, now or later, when every redemption and void is checked', () => {
    fc.assert(
      fc.property(tillProgram, fc.array(tillOp, { minLength: 1, maxLength: 40 }), fc.array(laterMs, { minLength: 1, maxLength: 3 }), (program, ops, laters) => {
        const l = ledger();
        const unit: BalanceUnit = program.mode === 'points' ? 'points' : 'stamps';
        let ms = START_MS;
        l.add(new Date(ms).toISOString(), 'enroll');
        for (const op of ops) {
          ms += 60_000;
          if (op.op === 'wait') ms += op.minutes * 60_000;
          const now = new Date(ms).toISOString();
          const balance = memberBalance(l.events, program, now);
          if (op.op === 'earn' || op.op === 'bonus') {
            const draft = { [unit]: op.amount };
            const expiresAt = earningExpiry(draft, program, now);
            l.add(now, op.op === 'earn' ? (unit === 'points' ? 'earn' : 'stamp') : 'bonus', { ...draft, ...(expiresAt ? { expiresAt } : {}) });
          } else if (op.op === 'redeem') {
            const reward = program.catalogue[op.pick % program.catalogue.length]!;
            const refused =
              unit === 'stamps' ? refusedBy(() => assertCanRedeemCard(balance, program)) : refusedBy(() => assertCanRedeemReward(balance, reward));
            if (!refused) l.redeem(now, unit === 'stamps' ? { stamps: -program.goal } : { points: -reward.cost });
          } else if (op.op === 'void') {
            const target = l.events[op.pick % l.events.length]!;
            const refused = refusedBy(() => assertCanVoid(target, l.events, program, now));
            if (!refused) l.void(now, target);
          }
          for (const later of [0, ...laters]) {
            const then = memberBalance(l.events, program, new Date(ms + later).toISOString());
            expect(then.stamps).toBeGreaterThanOrEqual(0);
            expect(then.points).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      RUNS,
    );
  });

  it('refuses to void an earning whose points paid for a redemption', () => {
    const program: LoyaltyProgram = { ...DEFAULT_PROGRAM, mode: 'points', catalogue: [{ id: 'cake', name: 'Cake', cost: 50 }] };
    const l = ledger();
    const earning = l.earn('2026-01-01T10:00:00Z', 60);
    const redemption = l.redeem('2026-01-02T10:00:00Z', { points: -50 });
    expect(refusedBy(() => assertCanVoid(earning, l.events, program, iso('2026-01-03T10:00:00Z')))).toBe('void.wouldGoNegative');
    expect(refusedBy(() => assertCanVoid(redemption, l.events, program, iso('2026-01-03T10:00:00Z')))).toBeUndefined();
  });

  it('refuses to void the visit that kept points alive when a later redemption spent them', () => {
    // Without the visit of 25 January the points would have expired on 1 February, before the redemption.
    const program: LoyaltyProgram = { ...DEFAULT_PROGRAM, mode: 'points', pointsExpiry: 'afterInactivity', pointsExpiryMonths: 1 };
    const l = ledger();
    l.earn('2026-01-01T10:00:00Z', 100);
    const visit = l.earn('2026-01-25T10:00:00Z', 1);
    l.redeem('2026-02-15T10:00:00Z', { points: -100 });
    expect(refusedBy(() => assertCanVoid(visit, l.events, program, iso('2026-02-16T10:00:00Z')))).toBe('void.wouldGoNegative');
  });
});
