import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertCouponUsable,
  couponRewardId,
  findCouponBatch,
  formatCouponCode,
  generateCouponCodes,
  normalizeCouponCode,
  reusedCoupons,
  type CouponUseEvent,
} from '../../../src/core/coupons';
import { DomainError } from '../../../src/core/errors';
import { encodeHlc } from '../../../src/core/hlc';
import type { CouponBatch } from '../../../src/core/types';

const RUNS = { numRuns: 200 };
const STORED_FORM = /^[A-HJKMNP-TV-Z][0-9A-HJKMNP-TV-Z]{7}$/;

/** A seeded byte source (xorshift32), as the till's crypto.getRandomValues would give. */
function seededBytes(seed: number) {
  let state = seed >>> 0 || 1;
  return (length: number) =>
    Uint8Array.from({ length }, () => {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      return state & 0xff;
    });
}

describe('reading a coupon code', () => {
  it('takes it in any case, with dashes or spaces', () => {
    expect(normalizeCouponCode('K7QX-29MD')).toBe('K7QX29MD');
    expect(normalizeCouponCode('k7qx-29md')).toBe('K7QX29MD');
    expect(normalizeCouponCode(' K7QX 29MD ')).toBe('K7QX29MD');
    expect(normalizeCouponCode('k-7-q-x-2-9-m-d')).toBe('K7QX29MD');
  });

  it('reads the letters that look like digits as those digits', () => {
    expect(normalizeCouponCode('KOQX-29MD')).toBe('K0QX29MD');
    expect(normalizeCouponCode('kiqx-l9md')).toBe('K1QX19MD');
    expect(normalizeCouponCode('KLQX-29Mo')).toBe('K1QX29M0');
  });

  it('wants 8 characters of the code alphabet, starting with a letter', () => {
    expect(normalizeCouponCode('12345678')).toBeUndefined(); // could be a card or phone number
    expect(normalizeCouponCode('7KQX29MD')).toBeUndefined();
    expect(normalizeCouponCode('OKQX29MD')).toBeUndefined(); // an O first reads as a 0
    expect(normalizeCouponCode('K7QX29M')).toBeUndefined();
    expect(normalizeCouponCode('K7QX29MDA')).toBeUndefined();
    expect(normalizeCouponCode('KUQX29MD')).toBeUndefined(); // no U in the alphabet
    expect(normalizeCouponCode('K7QX.29MD')).toBeUndefined();
    expect(normalizeCouponCode('K7QX_29M')).toBeUndefined();
    expect(normalizeCouponCode('')).toBeUndefined();
    expect(normalizeCouponCode('978020137962')).toBeUndefined();
  });

  it('gives the stored form or nothing, and reading the stored form changes nothing', () => {
    // What a cashier or a scanner could produce: the alphabet in both cases, look-alikes, separators.
    const typed = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -_.'), minLength: 6, maxLength: 12 });
    fc.assert(
      fc.property(fc.oneof(typed, fc.string({ maxLength: 12 })), (raw) => {
        const code = normalizeCouponCode(raw);
        if (code === undefined) return;
        expect(code).toMatch(STORED_FORM);
        expect(normalizeCouponCode(code)).toBe(code);
      }),
      RUNS,
    );
  });
});

describe('generating a campaign’s codes', () => {
  it('makes the number asked for, all different, each starting with a letter, read back as themselves', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 60 }), (seed, count) => {
        const codes = generateCouponCodes(count, new Set(), seededBytes(seed));
        expect(codes).toHaveLength(count);
        expect(new Set(codes).size).toBe(count);
        for (const code of codes) {
          expect(code).toMatch(STORED_FORM);
          expect(code).not.toMatch(/^\d+$/);
          expect(normalizeCouponCode(code)).toBe(code);
          expect(normalizeCouponCode(formatCouponCode(code).toLowerCase())).toBe(code);
        }
      }),
      RUNS,
    );
  });

  it('never hands out a code that is taken', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 30 }), (seed, count) => {
        // The same random source twice: the second batch would repeat the first without `taken`.
        const first = generateCouponCodes(count, new Set(), seededBytes(seed));
        const second = generateCouponCodes(count, new Set(first), seededBytes(seed));
        expect(second).toHaveLength(count);
        expect(second.filter((code) => first.includes(code))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('draws again when the source repeats itself', () => {
    const bytes = [new Uint8Array(8).fill(0), new Uint8Array(8).fill(0), new Uint8Array(8).fill(1)];
    let call = 0;
    const codes = generateCouponCodes(2, new Set(), () => bytes[call++]!);
    expect(codes).toEqual(['A0000000', 'B1111111']);
    expect(call).toBe(3);
  });

  it('prints a code in two groups of four', () => {
    expect(formatCouponCode('K7QX29MD')).toBe('K7QX-29MD');
  });
});

describe('accepting a coupon at the till', () => {
  const batch: CouponBatch = { id: 'b1', name: 'We miss you', benefit: '15 % off', codes: ['K7QX29MD', 'A0000000'], validUntil: '2026-12-31', createdAt: '2026-11-01T00:00:00.000Z' };
  const program = { coupons: [batch] };
  const refusal = (code: string, today: string, usedAt?: string) => {
    try {
      assertCouponUsable(findCouponBatch(program, code), code, today, usedAt);
      return 'accepted';
    } catch (error) {
      return error instanceof DomainError ? { code: error.code, params: error.params } : error;
    }
  };

  it('accepts a code of a batch up to and including its last day', () => {
    expect(refusal('K7QX29MD', '2026-11-23')).toBe('accepted');
    expect(refusal('K7QX29MD', '2026-12-31')).toBe('accepted');
    expect(assertCouponUsable(batch, 'K7QX29MD', '2026-12-31', undefined)).toBe(batch);
  });

  it('refuses it from the day after its last day', () => {
    expect(refusal('K7QX29MD', '2027-01-01')).toEqual({ code: 'coupon.expired', params: { code: 'K7QX-29MD', until: '2026-12-31' } });
  });

  it('never expires a batch without a last day', () => {
    expect(assertCouponUsable({ ...batch, validUntil: undefined }, 'K7QX29MD', '2099-01-01', undefined)).toMatchObject({ id: 'b1' });
  });

  it('refuses a code of no batch, and one used before', () => {
    expect(refusal('ZZZZ9999', '2026-11-23')).toEqual({ code: 'coupon.unknown', params: { code: 'ZZZZ-9999' } });
    expect(refusal('K7QX29MD', '2026-11-23', '2026-11-20T10:00:00.000Z')).toEqual({
      code: 'coupon.used',
      params: { code: 'K7QX-29MD', at: '2026-11-20T10:00:00.000Z' },
    });
  });

  it('names the use as a reward id of its own', () => {
    expect(couponRewardId('K7QX29MD')).toBe('coupon:K7QX29MD');
    expect(findCouponBatch(program, 'A0000000')).toBe(batch);
    expect(findCouponBatch(program, 'B0000000')).toBeUndefined();
  });
});

describe('a coupon used twice (two tablets offline)', () => {
  const use = (id: string, code: string, wallMs: number, device = 'a'): CouponUseEvent => ({ id, kind: 'redeem', rewardId: couponRewardId(code), hlc: encodeHlc({ wallMs, counter: 0 }, device) });
  const voidOf = (id: string, target: string, wallMs: number): CouponUseEvent => ({ id, kind: 'void', voidsId: target, hlc: encodeHlc({ wallMs, counter: 0 }, 'a') });

  it('flags the later use by HLC, whatever order the events arrive in', () => {
    const events = [use('second', 'K7QX29MD', 2000, 'b'), use('first', 'K7QX29MD', 1000, 'a'), use('other', 'A0000000', 1500)];
    expect(reusedCoupons(events).map((e) => e.id)).toEqual(['second']);
    expect(reusedCoupons([...events].reverse()).map((e) => e.id)).toEqual(['second']);
    // Same millisecond on two tablets: the device id decides, the same way everywhere.
    expect(reusedCoupons([use('onB', 'K7QX29MD', 1000, 'b'), use('onA', 'K7QX29MD', 1000, 'a')]).map((e) => e.id)).toEqual(['onB']);
  });

  it('flags every use after the first', () => {
    const events = [use('u1', 'K7QX29MD', 1000), use('u2', 'K7QX29MD', 2000), use('u3', 'K7QX29MD', 3000)];
    expect(reusedCoupons(events).map((e) => e.id)).toEqual(['u2', 'u3']);
  });

  it('ignores a voided use: the next one is then the first', () => {
    expect(reusedCoupons([use('u1', 'K7QX29MD', 1000), voidOf('v', 'u1', 1500), use('u2', 'K7QX29MD', 2000)])).toEqual([]);
    expect(reusedCoupons([use('u1', 'K7QX29MD', 1000), use('u2', 'K7QX29MD', 2000), voidOf('v', 'u2', 2500)])).toEqual([]);
  });

  it('ignores catalogue and stamp-card redemptions', () => {
    const cake: CouponUseEvent = { id: 'cake', kind: 'redeem', rewardId: 'cake', hlc: encodeHlc({ wallMs: 1, counter: 0 }, 'a') };
    const card: CouponUseEvent = { id: 'card', kind: 'redeem', hlc: encodeHlc({ wallMs: 2, counter: 0 }, 'a') };
    expect(reusedCoupons([cake, { ...cake, id: 'cake2', hlc: encodeHlc({ wallMs: 3, counter: 0 }, 'a') }, card])).toEqual([]);
  });
});
