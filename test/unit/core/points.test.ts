import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/core/errors';
import { currencyMinorDigits, MAX_AMOUNT_MINOR, minorToDecimal, parseAmount } from '../../../src/core/money';
import { assertPurchaseAmount, MAX_EVENT_POINTS, pointsForAmount } from '../../../src/core/points';
import { DEFAULT_PROGRAM } from '../../../src/core/program';
import { nextProgram, type ProgramSettingsInput } from '../../../src/core/settingsSchema';
import type { LoyaltyProgram, PointsRounding } from '../../../src/core/types';

const RUNS = { numRuns: 200 };

const perHundred = (pointsRounding: PointsRounding = 'down') => ({ pointsPer: 1, pointsSpendUnitMinor: 100, pointsRounding });

/** amount × per × percent / (unit × 100) as an exact fraction, rounded by comparing integers only. */
function referencePoints(amount: number, per: number, unit: number, percent: number, rounding: PointsRounding): bigint {
  const numerator = BigInt(amount) * BigInt(per) * BigInt(percent);
  const denominator = BigInt(unit) * 100n;
  // The largest n with n ≤ numerator / denominator, found without dividing.
  let low = 0n;
  let high = numerator + 1n;
  while (high - low > 1n) {
    const mid = (low + high) / 2n;
    if (mid * denominator <= numerator) low = mid;
    else high = mid;
  }
  if (rounding === 'down') return low;
  // Half up: the fractional part (numerator − low·denominator) / denominator is at least ½.
  return 2n * (numerator - low * denominator) >= denominator ? low + 1n : low;
}

// Each range as the settings allow it, with its ends (where exactness breaks first) drawn often.
const rules = fc.record({
  pointsPer: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constantFrom(1, 999, 1000)),
  pointsSpendUnitMinor: fc.oneof(fc.integer({ min: 1, max: 100_000_000 }), fc.integer({ min: 1, max: 1000 })),
  pointsRounding: fc.constantFrom<PointsRounding>('down', 'nearest'),
});
const amount = fc.oneof(fc.integer({ min: 1, max: MAX_AMOUNT_MINOR }), fc.integer({ min: MAX_AMOUNT_MINOR - 1000, max: MAX_AMOUNT_MINOR }));
const percent = fc.oneof(fc.integer({ min: 100, max: 1000 }), fc.constantFrom(100, 999, 1000));

describe('points for a purchase', () => {
  it('gives 1 point per 100 HUF, whole forints only', () => {
    expect(currencyMinorDigits('HUF')).toBe(0);
    const amount = parseAmount('2 450', currencyMinorDigits('HUF'))!;
    expect(amount).toBe(2450);
    expect(pointsForAmount(amount, perHundred())).toBe(24);
    expect(pointsForAmount(99, perHundred())).toBe(0);
  });

  it('gives 1 point per 1.00 EUR, counted in cents', () => {
    expect(currencyMinorDigits('EUR')).toBe(2);
    const amount = parseAmount('12,99', 2)!;
    expect(amount).toBe(1299);
    expect(pointsForAmount(amount, perHundred('down'))).toBe(12);
    expect(pointsForAmount(amount, perHundred('nearest'))).toBe(13);
  });

  it("rounds exactly half up under 'nearest', and just below half down", () => {
    expect(pointsForAmount(150, perHundred('nearest'))).toBe(2);
    expect(pointsForAmount(149, perHundred('nearest'))).toBe(1);
    expect(pointsForAmount(150, perHundred('down'))).toBe(1);
    // 0.1 + 0.2 style traps: 35 points per 1000 on 100 is exactly 3.5.
    expect(pointsForAmount(100, { pointsPer: 35, pointsSpendUnitMinor: 1000, pointsRounding: 'nearest' })).toBe(4);
  });

  it('applies a 150 % tier multiplier before rounding, once', () => {
    expect(pointsForAmount(1000, perHundred(), 150)).toBe(15);
    expect(pointsForAmount(1010, perHundred(), 150)).toBe(15); // 15.15
    // 250 HUF is 2.5 points; at 150 % 3.75: rounding the base first would give 3 (2 × 1.5).
    expect(pointsForAmount(250, perHundred(), 150)).toBe(3);
    expect(pointsForAmount(250, perHundred('nearest'), 150)).toBe(4);
    // 50 HUF earns nothing at 100 % but one point at 200 %.
    expect(pointsForAmount(50, perHundred(), 100)).toBe(0);
    expect(pointsForAmount(50, perHundred(), 200)).toBe(1);
  });

  it('equals the exact rational result, rounded as the program says', () => {
    fc.assert(
      fc.property(amount, rules, percent, (a, r, p) => {
        const expected = referencePoints(a, r.pointsPer, r.pointsSpendUnitMinor, p, r.pointsRounding);
        fc.pre(expected <= BigInt(MAX_EVENT_POINTS)); // what a program the owner can save allows, see below
        expect(BigInt(pointsForAmount(a, r, p))).toBe(expected);
      }),
      RUNS,
    );
  });

  it('never gives fewer points for a larger amount or a higher multiplier', () => {
    fc.assert(
      fc.property(amount, amount, rules, percent, percent, (a, b, r, p, q) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        const [low, high] = p <= q ? [p, q] : [q, p];
        expect(pointsForAmount(small, r, low)).toBeLessThanOrEqual(pointsForAmount(large, r, low));
        expect(pointsForAmount(small, r, low)).toBeLessThanOrEqual(pointsForAmount(small, r, high));
      }),
      RUNS,
    );
  });

  it("gives under 'nearest' what 'down' gives, or one more", () => {
    fc.assert(
      fc.property(amount, rules, percent, (a, r, p) => {
        const down = pointsForAmount(a, { ...r, pointsRounding: 'down' }, p);
        const nearest = pointsForAmount(a, { ...r, pointsRounding: 'nearest' }, p);
        expect(nearest === down || nearest === down + 1).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('programs the owner can save', () => {
  const pointsProgram = (input: ProgramSettingsInput) =>
    nextProgram(DEFAULT_PROGRAM, { mode: 'points', catalogue: [{ id: 'coffee', name: 'Coffee', cost: 50 }], ...input });
  const topTier = (multiplierPercent: number) => [
    { id: 'base', name: 'Base', threshold: 0, multiplierPercent: 100 },
    { id: 'top', name: 'Top', threshold: 100_000, multiplierPercent },
  ];

  it('refuses a largest purchase that would earn more points than an event carries (or than a double holds exactly)', () => {
    // 999 points per forint at 999 %: 999 999 999 900 HUF would be 9 980 009 999 001 999 points,
    // beyond 2⁵³ (Number() of the exact result is off by one) and beyond what the server accepts.
    const extreme = { pointsPer: 999, pointsSpendUnitMinor: 1, maxPurchaseMinor: 999_999_999_900, tiers: topTier(999) };
    expect(() => pointsProgram(extreme)).toThrow(expect.objectContaining({ code: 'settings.invalid', params: { field: 'maxPurchaseMinor' } }));
    // The same rate with a shop-sized limit is fine: 10 000 HUF at 999 % is 99 800 100 points.
    expect(pointsProgram({ ...extreme, maxPurchaseMinor: 10_000 }).maxPurchaseMinor).toBe(10_000);
    // Only the points program earns points: a stamp card keeps whatever points settings it has.
    expect(() => nextProgram(DEFAULT_PROGRAM, { pointsPer: 1000, pointsSpendUnitMinor: 1, maxPurchaseMinor: MAX_AMOUNT_MINOR })).not.toThrow();
  });

  it('lets every purchase of a saved program earn an exact number of points that fits in one ledger event', () => {
    fc.assert(
      fc.property(rules, fc.integer({ min: 1, max: MAX_AMOUNT_MINOR }), percent, fc.double({ min: 0, max: 1, noNaN: true }), (r, maxPurchaseMinor, top, where) => {
        let program: LoyaltyProgram;
        try {
          program = pointsProgram({ ...r, maxPurchaseMinor, tiers: topTier(top) });
        } catch {
          return; // refused: nothing to check
        }
        const amountMinor = Math.max(1, Math.floor(maxPurchaseMinor * where));
        for (const [a, p] of [[maxPurchaseMinor, top], [amountMinor, 100]] as const) {
          const points = pointsForAmount(a, program, p);
          expect(BigInt(points)).toBe(referencePoints(a, r.pointsPer, r.pointsSpendUnitMinor, p, r.pointsRounding));
          expect(points).toBeLessThanOrEqual(MAX_EVENT_POINTS);
        }
      }),
      RUNS,
    );
  });
});

describe('purchase amounts the till accepts', () => {
  const program = { maxPurchaseMinor: 50_000 };
  const code = (amountMinor: number) => {
    try {
      assertPurchaseAmount(amountMinor, program);
      return 'ok';
    } catch (error) {
      return error instanceof DomainError ? error.code : String(error);
    }
  };

  it('takes whole minor units above zero up to the owner’s limit', () => {
    expect(code(1)).toBe('ok');
    expect(code(50_000)).toBe('ok');
    expect(code(50_001)).toBe('purchase.tooLarge');
    expect(code(0)).toBe('purchase.amount');
    expect(code(-100)).toBe('purchase.amount');
    expect(code(12.5)).toBe('purchase.amount');
    expect(code(Number.NaN)).toBe('purchase.amount');
  });

  it('never accepts more than the global maximum, whatever the owner set', () => {
    expect(() => assertPurchaseAmount(MAX_AMOUNT_MINOR + 1, { maxPurchaseMinor: Number.MAX_SAFE_INTEGER })).toThrow(DomainError);
  });
});

describe('money as text', () => {
  it('knows how many decimals a currency uses', () => {
    expect(currencyMinorDigits('HUF')).toBe(0);
    expect(currencyMinorDigits('JPY')).toBe(0);
    expect(currencyMinorDigits('EUR')).toBe(2);
    expect(currencyMinorDigits('KWD')).toBe(3);
    expect(currencyMinorDigits('not a currency')).toBe(2);
  });

  it('reads amounts the way people type them, exactly', () => {
    expect(parseAmount('12', 2)).toBe(1200);
    expect(parseAmount('12.5', 2)).toBe(1250);
    expect(parseAmount('12,50', 2)).toBe(1250);
    expect(parseAmount('1 234,50', 2)).toBe(123450);
    expect(parseAmount('1\u00a0234', 0)).toBe(1234);
    expect(parseAmount("1'234.05", 2)).toBe(123405);
    expect(parseAmount('0.07', 2)).toBe(7);
    // 0.1 + 0.2 ≠ 0.3 in floating point; 0.29 × 100 is 28.999… — both exact here.
    expect(parseAmount('0.29', 2)).toBe(29);
    expect(parseAmount('1.005', 3)).toBe(1005);
    expect(parseAmount('12.', 2)).toBe(1200);
  });

  it('refuses too many decimals, negatives and garbage', () => {
    expect(parseAmount('12.345', 2)).toBeUndefined();
    expect(parseAmount('12.5', 0)).toBeUndefined();
    expect(parseAmount('-5', 2)).toBeUndefined();
    expect(parseAmount('', 2)).toBeUndefined();
    expect(parseAmount('.5', 2)).toBeUndefined();
    expect(parseAmount('1.2.3', 2)).toBeUndefined();
    expect(parseAmount('1,234.50', 2)).toBeUndefined();
    expect(parseAmount('12 EUR', 2)).toBeUndefined();
    expect(parseAmount('1e3', 2)).toBeUndefined();
    expect(parseAmount('0x10', 2)).toBeUndefined();
    expect(parseAmount('10000000000001', 0)).toBeUndefined(); // more than any purchase
  });

  it('writes minor units as exact decimal text', () => {
    expect(minorToDecimal(123450, 2)).toBe('1234.50');
    expect(minorToDecimal(5, 2)).toBe('0.05');
    expect(minorToDecimal(0, 2)).toBe('0.00');
    expect(minorToDecimal(2450, 0)).toBe('2450');
    expect(minorToDecimal(-5, 2)).toBe('-0.05');
  });

  it('reads back every amount it writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_MINOR }), fc.integer({ min: 0, max: 3 }), (minor, digits) => {
        expect(parseAmount(minorToDecimal(minor, digits), digits)).toBe(minor);
      }),
      RUNS,
    );
  });

  it('refuses any text with more decimals than the currency has', () => {
    fc.assert(
      fc.property(fc.nat({ max: 999_999 }), fc.integer({ min: 0, max: 3 }), fc.stringMatching(/^\d{1,4}$/), (whole, digits, extra) => {
        const fraction = '5'.repeat(digits) + extra;
        expect(parseAmount(`${whole}.${fraction}`, digits)).toBeUndefined();
        expect(parseAmount(`-${whole}`, digits)).toBeUndefined();
      }),
      RUNS,
    );
  });

  it('returns a whole number of minor units or nothing, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.integer({ min: 0, max: 3 }), (text, digits) => {
        const minor = parseAmount(text, digits);
        if (minor !== undefined) {
          expect(Number.isSafeInteger(minor)).toBe(true);
          expect(minor).toBeGreaterThanOrEqual(0);
          expect(minor).toBeLessThanOrEqual(MAX_AMOUNT_MINOR);
        }
      }),
      RUNS,
    );
  });
});
