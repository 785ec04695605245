import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/core/errors';
import { encodeHlc } from '../../../src/core/hlc';
import { DEFAULT_PROGRAM } from '../../../src/core/program';
import { LedgerEventSchema, LoyaltyProgramSchema } from '../../../src/core/protocol';
import { nextProgram, type ProgramSettingsInput } from '../../../src/core/settingsSchema';
import { EXPIRY_WARNING_DAYS, memberStanding } from '../../../src/core/standing';
import { earnedSince, isWithinCooldown } from '../../../src/core/tillRules';
import type { LedgerEvent, LoyaltyProgram } from '../../../src/core/types';

const DAY_MS = 86_400_000;
const catalogue = [
  { id: 'coffee', name: 'Coffee', cost: 100 },
  { id: 'cake', name: 'Cake', cost: 500 },
];
const pointsInput: ProgramSettingsInput = { mode: 'points', catalogue };

function refusedField(input: ProgramSettingsInput, current: LoyaltyProgram = DEFAULT_PROGRAM): string | undefined {
  try {
    nextProgram(current, input);
    return undefined;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'settings.invalid') return String(error.params.field);
    throw error;
  }
}

describe('saving a loyalty program', () => {
  it('makes a new version with the points settings', () => {
    const next = nextProgram(DEFAULT_PROGRAM, { ...pointsInput, pointsPer: 2, pointsSpendUnitMinor: 500, pointsRounding: 'nearest' });
    expect(next).toMatchObject({ version: 2, mode: 'points', pointsPer: 2, pointsSpendUnitMinor: 500, pointsRounding: 'nearest', catalogue });
  });

  it('needs a catalogue for points, with no reward twice', () => {
    expect(refusedField({ mode: 'points' })).toBe('catalogue');
    expect(refusedField({ ...pointsInput, catalogue: [catalogue[0]!, { ...catalogue[1]!, id: 'coffee' }] })).toBe('catalogue');
    expect(refusedField({ ...pointsInput, catalogue: [catalogue[0]!, { ...catalogue[1]!, name: 'COFFEE' }] })).toBe('catalogue');
    expect(refusedField({ ...pointsInput, catalogue: [{ ...catalogue[0]!, cost: 0 }] })).toBe('catalogue');
  });

  it('wants tiers that need more as they go up and never earn less', () => {
    const bronze = { id: 'b', name: 'Bronze', threshold: 0, multiplierPercent: 100 };
    const silver = { id: 's', name: 'Silver', threshold: 1000, multiplierPercent: 125 };
    expect(refusedField({ ...pointsInput, tiers: [bronze, silver] })).toBeUndefined();
    expect(refusedField({ ...pointsInput, tiers: [silver, bronze] })).toBe('tiers');
    expect(refusedField({ ...pointsInput, tiers: [bronze, { ...silver, threshold: 0 }] })).toBe('tiers');
    expect(refusedField({ ...pointsInput, tiers: [bronze, { ...silver, multiplierPercent: 90 }] })).toBe('tiers');
    expect(refusedField({ ...pointsInput, tiers: [{ ...bronze, multiplierPercent: 150 }, { ...silver, multiplierPercent: 125 }] })).toBe('tiers');
    expect(refusedField({ ...pointsInput, tiers: [bronze, { ...silver, name: 'bronze' }] })).toBe('tiers');
    // A stamp card records no amounts: its tiers go by visits.
    expect(refusedField({ tiers: [bronze, silver], tierBasis: 'spend' })).toBe('tierBasis');
    expect(refusedField({ tiers: [bronze, silver], tierBasis: 'visits' })).toBeUndefined();
  });

  it('refuses a code in two coupon batches', () => {
    const batch = { id: 'b1', name: 'Spring', benefit: '10 % off', codes: ['K7QX29MD'], createdAt: '2026-03-01T00:00:00.000Z' };
    expect(refusedField({ coupons: [batch] })).toBeUndefined();
    expect(refusedField({ coupons: [batch, { ...batch, id: 'b2' }] })).toBe('coupons');
    expect(refusedField({ coupons: [batch, { ...batch, codes: ['A0000000'] }] })).toBe('coupons'); // same batch id
    expect(refusedField({ coupons: [{ ...batch, codes: ['k7qx-29md'] }] })).toBe('coupons'); // only the stored form
  });

  it('keeps a welcome bonus below a full card, and binds the daily cap to a purchase’s stamps on a stamp card only', () => {
    expect(refusedField({ welcomeBonusStamps: 10, goal: 10 })).toBe('welcomeBonusStamps');
    // A points program's daily cap is in points: one stamp purchase's size does not bind it.
    expect(refusedField({ ...pointsInput, dailyCap: 1, stampsPerPurchase: 2, maxStampsPerPunch: 2 })).toBeUndefined();
    expect(refusedField({ dailyCap: 1, stampsPerPurchase: 2, maxStampsPerPunch: 2 })).toBe('dailyCap');
  });
});

describe('a program from an older tablet', () => {
  it('reads the settings it lacks as their defaults', () => {
    const old = { version: 3, goal: 8, rewardName: 'Free tea', welcomeBonusStamps: 0, cooldownMinutes: 5, undoSeconds: 10 };
    const parsed = v.parse(LoyaltyProgramSchema, old);
    expect(parsed).toEqual({ ...DEFAULT_PROGRAM, ...old });
  });

  it('gets a fresh default list each time, never one shared with DEFAULT_PROGRAM', () => {
    const old = { version: 3, goal: 8, rewardName: 'Free tea', welcomeBonusStamps: 0, cooldownMinutes: 5, undoSeconds: 10 };
    const parsed = v.parse(LoyaltyProgramSchema, old);
    parsed.catalogue.push({ id: 'x', name: 'X', cost: 1 });
    expect(DEFAULT_PROGRAM.catalogue).toEqual([]);
  });

  it('lets a ledger event carry its expiry, normalised like every time', () => {
    const event = {
      id: '0b9a3f1e-5a4c-4c1e-9d7a-2f1f6f7d8e90',
      memberId: '1c9a3f1e-5a4c-4c1e-9d7a-2f1f6f7d8e90',
      kind: 'earn',
      points: 10,
      amountMinor: 1000,
      expiresAt: '2027-01-31T10:00:00+01:00',
      deviceId: 'a',
      at: '2026-01-31T09:00:00.000Z',
      hlc: encodeHlc({ wallMs: 1, counter: 0 }, 'a'),
      programVersion: 1,
    };
    expect(v.parse(LedgerEventSchema, event).expiresAt).toBe('2027-01-31T09:00:00.000Z');
    expect(v.safeParse(LedgerEventSchema, { ...event, points: 1_000_000_001 }).success).toBe(false);
  });
});

describe('what the till shows about a member', () => {
  const NOW_MS = Date.parse('2026-06-01T12:00:00Z');
  let n = 0;
  const event = (kind: LedgerEvent['kind'], daysAgo: number, fields: Partial<LedgerEvent> = {}): LedgerEvent => {
    const ms = NOW_MS - daysAgo * DAY_MS;
    return { id: `e${n++}`, memberId: 'm', kind, deviceId: 'a', at: new Date(ms).toISOString(), hlc: encodeHlc({ wallMs: ms, counter: n }, 'a'), programVersion: 1, ...fields };
  };
  const now = new Date(NOW_MS).toISOString();

  it('lists the rewards the points pay for, and warns of points about to expire', () => {
    const program: LoyaltyProgram = { ...DEFAULT_PROGRAM, mode: 'points', catalogue, pointsExpiry: 'afterEarning', pointsExpiryMonths: 12 };
    const soon = new Date(NOW_MS + (EXPIRY_WARNING_DAYS - 1) * DAY_MS).toISOString();
    const events = [event('earn', 300, { points: 80, expiresAt: soon }), event('earn', 1, { points: 70, expiresAt: new Date(NOW_MS + 360 * DAY_MS).toISOString() })];
    const standing = memberStanding(events, program, now);
    expect(standing.balance.points).toBe(150);
    expect(standing.affordable.map((r) => r.id)).toEqual(['coffee']);
    expect(standing.expiresSoon).toEqual({ unit: 'points', amount: 80, at: soon });
  });

  it('does not warn of an expiry beyond the warning window, nor of the other unit', () => {
    const program: LoyaltyProgram = { ...DEFAULT_PROGRAM, stampExpiryDays: 90 };
    const later = new Date(NOW_MS + (EXPIRY_WARNING_DAYS + 1) * DAY_MS).toISOString();
    const soon = new Date(NOW_MS + DAY_MS).toISOString();
    const standing = memberStanding([event('stamp', 10, { stamps: 12, expiresAt: later }), event('bonus', 5, { points: 5, expiresAt: soon })], program, now);
    expect(standing.card).toEqual({ goal: 10, filled: 10, rewardsReady: 1, carriedOver: 2 });
    expect(standing.expiresSoon).toBeUndefined();
  });
});

describe('limits at the till', () => {
  const at = (iso: string) => new Date(iso).toISOString();
  const base = { memberId: 'm', deviceId: 'a', hlc: 'h', programVersion: 1 };

  it('counts what was earned since the local midnight, purchases only, undone ones left out', () => {
    const events: LedgerEvent[] = [
      { ...base, id: 'yesterday', kind: 'earn', points: 50, at: at('2026-06-01T23:59:59Z') },
      { ...base, id: 'morning', kind: 'earn', points: 30, at: at('2026-06-02T00:00:00Z') },
      { ...base, id: 'undone', kind: 'earn', points: 40, at: at('2026-06-02T08:00:00Z') },
      { ...base, id: 'void', kind: 'void', voidsId: 'undone', at: at('2026-06-02T08:00:05Z') },
      { ...base, id: 'bonus', kind: 'bonus', points: 100, at: at('2026-06-02T09:00:00Z') },
      { ...base, id: 'redeem', kind: 'redeem', points: -20, at: at('2026-06-02T10:00:00Z') },
      { ...base, id: 'stamp', kind: 'stamp', stamps: 2, at: at('2026-06-02T10:00:00Z') },
    ];
    expect(earnedSince(events, 'points', at('2026-06-02T00:00:00Z'))).toBe(30);
    expect(earnedSince(events, 'stamps', at('2026-06-02T00:00:00Z'))).toBe(2);
  });

  it('asks before a visit inside the cooldown, up to but not at its end', () => {
    const program = { ...DEFAULT_PROGRAM, cooldownMinutes: 5 };
    const last = '2026-06-02T10:00:00.000Z';
    const lastMs = Date.parse(last);
    expect(isWithinCooldown(last, lastMs + 5 * 60_000 - 1, program)).toBe(true);
    expect(isWithinCooldown(last, lastMs + 5 * 60_000, program)).toBe(false);
    expect(isWithinCooldown(undefined, lastMs, program)).toBe(false);
    expect(isWithinCooldown(last, lastMs, { ...program, cooldownMinutes: 0 })).toBe(false);
  });
});
