import { describe, expect, it } from 'vitest';
import { DEFAULT_PROGRAM } from '../../../src/core/program';
import { nextProgram } from '../../../src/core/settingsSchema';
import type { LoyaltyProgram } from '../../../src/core/types';
import { couponBatchOf } from '../../../src/ui/settings/couponForm';
import {
  newTierRow,
  programFormOf,
  programInputOf,
  roundingExample,
  sortTierRows,
  withMode,
  type ProgramForm,
} from '../../../src/ui/settings/programForm';

const pointsProgram: LoyaltyProgram = {
  ...DEFAULT_PROGRAM,
  mode: 'points',
  dailyCap: 500,
  pointsPer: 1,
  pointsSpendUnitMinor: 100,
  maxPurchaseMinor: 50_000,
  catalogue: [{ id: 'r1', name: 'Free drink', cost: 50 }],
  tierBasis: 'spend',
  tiers: [
    { id: 't1', name: 'Bronze', threshold: 0, multiplierPercent: 100 },
    { id: 't2', name: 'Silver', threshold: 25_050, multiplierPercent: 125 },
  ],
  pointsExpiry: 'afterEarning',
  pointsExpiryMonths: 12,
};

describe('the program form', () => {
  it('shows amounts as money of the shop currency and reads them back exactly', () => {
    const form = programFormOf(pointsProgram, 'EUR');
    expect(form).toMatchObject({ pointsSpendUnit: '1.00', maxPurchase: '500.00', dailyCapPoints: '500', dailyCapStamps: '0' });
    expect(form.tiers.map((tier) => tier.threshold)).toEqual(['0.00', '250.50']);
    expect(programInputOf(form, 'EUR')).toMatchObject({
      mode: 'points',
      pointsSpendUnitMinor: 100,
      maxPurchaseMinor: 50_000,
      dailyCap: 500,
      tierBasis: 'spend',
      tiers: [
        { id: 't1', name: 'Bronze', threshold: 0, multiplierPercent: 100 },
        { id: 't2', name: 'Silver', threshold: 25_050, multiplierPercent: 125 },
      ],
      catalogue: [{ id: 'r1', name: 'Free drink', cost: 50 }],
      pointsExpiry: 'afterEarning',
      pointsExpiryMonths: 12,
    });
    // Whole forints: 100 Ft is 100 minor units; a comma or a point, and spaces in thousands, read alike.
    const huf = { ...programFormOf(pointsProgram, 'HUF'), pointsSpendUnit: '100', maxPurchase: '200 000' };
    expect(programInputOf(huf, 'huf')).toMatchObject({ pointsSpendUnitMinor: 100, maxPurchaseMinor: 200_000 });
    expect(programInputOf({ ...form, pointsSpendUnit: '1,50' }, 'EUR').pointsSpendUnitMinor).toBe(150);
  });

  it('turns text that is no value into NaN, which the program validation refuses by field', () => {
    const form = programFormOf(pointsProgram, 'EUR');
    for (const [patch, field] of [
      [{ pointsSpendUnit: '1.005' }, 'pointsSpendUnitMinor'],
      [{ pointsSpendUnit: 'abc' }, 'pointsSpendUnitMinor'],
      [{ pointsPer: '' }, 'pointsPer'],
      [{ pointsPer: '1.5' }, 'pointsPer'],
      [{ maxPurchase: '' }, 'maxPurchaseMinor'],
    ] as [Partial<ProgramForm>, string][]) {
      const input = programInputOf({ ...form, ...patch }, 'EUR');
      expect(() => nextProgram(pointsProgram, input), JSON.stringify(patch)).toThrow(expect.objectContaining({ params: { field } }));
    }
    // HUF has no decimals: 1.50 Ft is no amount.
    expect(programInputOf({ ...programFormOf(pointsProgram, 'HUF'), pointsSpendUnit: '1.50' }, 'HUF').pointsSpendUnitMinor).toBeNaN();
  });

  it('leaves out the settings of the other kind of program, and the months when points never expire', () => {
    const stamps = programInputOf(programFormOf(DEFAULT_PROGRAM, 'HUF'), 'HUF');
    expect(stamps).toMatchObject({ mode: 'stamps', goal: 10, rewardName: 'Free coffee', dailyCap: 0, stampExpiryDays: 0, tiers: [] });
    expect(stamps).not.toHaveProperty('catalogue');
    expect(stamps).not.toHaveProperty('pointsSpendUnitMinor');
    expect(stamps).not.toHaveProperty('tierBasis');

    const points = programInputOf({ ...programFormOf(pointsProgram, 'EUR'), goal: 'garbage', pointsExpiry: 'none', pointsExpiryMonths: '' }, 'EUR');
    expect(points).not.toHaveProperty('goal');
    expect(points).not.toHaveProperty('pointsExpiryMonths');
    expect(nextProgram(pointsProgram, points)).toMatchObject({ goal: 10, pointsExpiry: 'none', pointsExpiryMonths: 12 });
  });

  it('keeps a stamp card’s daily cap in stamps out of a points program, and the other way round', () => {
    const form = programFormOf({ ...DEFAULT_PROGRAM, dailyCap: 6 }, 'EUR');
    expect(programInputOf(form, 'EUR').dailyCap).toBe(6);
    const switched = withMode(form, 'points');
    expect(programInputOf(switched, 'EUR').dailyCap).toBe(0);
    // A points program starts with one empty reward row to fill in; left empty, it is dropped and the save refused.
    expect(switched.catalogue).toHaveLength(1);
    expect(programInputOf(switched, 'EUR').catalogue).toEqual([]);
    expect(() => nextProgram(DEFAULT_PROGRAM, programInputOf(switched, 'EUR'))).toThrow(expect.objectContaining({ params: { field: 'catalogue' } }));
    expect(withMode(programFormOf(pointsProgram, 'EUR'), 'points').catalogue).toHaveLength(1);
  });

  it('counts visits for the tiers of a stamp card, whatever basis a points program had', () => {
    const form = withMode(programFormOf(pointsProgram, 'HUF'), 'stamps');
    const tiers = [
      { id: 'a', name: 'Regular', threshold: '5', multiplierPercent: '100' },
      { id: 'b', name: 'Friend', threshold: '20', multiplierPercent: '100' },
    ];
    const input = programInputOf({ ...form, tiers }, 'HUF');
    expect(input).toMatchObject({ tierBasis: 'visits', tiers: [{ threshold: 5 }, { threshold: 20 }] });
    expect(nextProgram(pointsProgram, input)).toMatchObject({ mode: 'stamps', tierBasis: 'visits' });
  });

  it('puts tiers in ascending order, unreadable thresholds last, and drops empty rows', () => {
    const form = programFormOf(pointsProgram, 'EUR');
    const rows = [
      { id: 'gold', name: 'Gold', threshold: '1 000', multiplierPercent: '150' },
      { id: 'typing', name: 'Platinum', threshold: '', multiplierPercent: '200' },
      { id: 'bronze', name: 'Bronze', threshold: '0', multiplierPercent: '100' },
      { id: 'silver', name: 'Silver', threshold: '250,50', multiplierPercent: '125' },
      { id: 'blank', name: '', threshold: '', multiplierPercent: '200' },
    ];
    expect(sortTierRows({ ...form, tiers: rows }, 'EUR').map((row) => row.id)).toEqual(['bronze', 'silver', 'gold', 'typing', 'blank']);
    const input = programInputOf({ ...form, tiers: rows.filter((row) => row.id !== 'typing') }, 'EUR');
    expect(input.tiers).toEqual([
      { id: 'bronze', name: 'Bronze', threshold: 0, multiplierPercent: 100 },
      { id: 'silver', name: 'Silver', threshold: 25_050, multiplierPercent: 125 },
      { id: 'gold', name: 'Gold', threshold: 100_000, multiplierPercent: 150 },
    ]);
    expect(nextProgram(pointsProgram, input).tiers.map((tier) => tier.name)).toEqual(['Bronze', 'Silver', 'Gold']);
  });

  it('starts the first new tier at 0 and a later one at the multiplier before it', () => {
    const first = newTierRow([]);
    expect(first).toMatchObject({ threshold: '0', multiplierPercent: '100' });
    expect(newTierRow([first, { ...first, id: 'x', multiplierPercent: '140' }])).toMatchObject({ threshold: '', multiplierPercent: '140' });
  });

  it('works out the rounding example for twelve and a half steps of the rate', () => {
    const form = programFormOf(pointsProgram, 'EUR');
    expect(roundingExample(form, 'EUR')).toEqual({ amountMinor: 1250, points: 12 });
    expect(roundingExample({ ...form, pointsRounding: 'nearest' }, 'EUR')).toEqual({ amountMinor: 1250, points: 13 });
    expect(roundingExample({ ...form, pointsPer: '3', pointsSpendUnit: '100' }, 'HUF')).toEqual({ amountMinor: 1250, points: 37 });
    expect(roundingExample({ ...form, pointsSpendUnit: '' }, 'EUR')).toBeUndefined();
    expect(roundingExample({ ...form, pointsPer: '0' }, 'EUR')).toBeUndefined();
  });
});

describe('the coupon form', () => {
  const today = '2026-05-10';
  const form = { name: ' We miss you ', benefit: '15 % off', count: '20', validUntil: '2026-06-30' };

  it('makes the batch input, trimmed, with or without a last day', () => {
    expect(couponBatchOf(form, today)).toEqual({ ok: true, input: { name: 'We miss you', benefit: '15 % off', count: 20, validUntil: '2026-06-30' } });
    expect(couponBatchOf({ ...form, validUntil: '' }, today)).toEqual({ ok: true, input: { name: 'We miss you', benefit: '15 % off', count: 20 } });
    expect(couponBatchOf({ ...form, validUntil: today }, today)).toMatchObject({ ok: true });
  });

  it('says what is wrong', () => {
    expect(couponBatchOf({ ...form, name: '  ' }, today)).toMatchObject({ ok: false, key: 'coupons.nameRequired' });
    expect(couponBatchOf({ ...form, benefit: '' }, today)).toMatchObject({ ok: false, key: 'coupons.benefitRequired' });
    for (const count of ['0', '501', '', '2.5', '-1']) {
      expect(couponBatchOf({ ...form, count }, today), count).toEqual({ ok: false, key: 'coupons.countInvalid', params: { max: 500 } });
    }
    expect(couponBatchOf({ ...form, validUntil: '2026-05-09' }, today)).toMatchObject({ ok: false, key: 'coupons.dateInvalid' });
  });
});
