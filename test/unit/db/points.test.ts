import { describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../../src/core/calendar';
import { DomainError } from '../../../src/core/errors';
import { DEFAULT_SHOP } from '../../../src/core/program';
import type { ProgramSettingsInput } from '../../../src/core/settingsSchema';
import type { CouponBatch, MemberSummary, TierLevel } from '../../../src/core/types';
import { PunchlineDatabase } from '../../../src/db/database';
import { memberEvents } from '../../../src/db/ledgerRepository';
import { enrollMember } from '../../../src/db/memberRepository';
import { saveSettings } from '../../../src/db/settingsChanges';
import { getProgram } from '../../../src/db/settingsRepository';
import { recordPunch, recordPurchase, redeemCoupon, redeemReward, voidEntry } from '../../../src/db/tillRepository';
import { makeTestContext, TestClock } from '../../support/dbContext';
import { databaseAtVersion } from '../../support/olderSchemas';

// The shop is in HUF (whole forints): amounts in minor units are forints.

const MINUTE = 60_000;
const DAY = 86_400_000;

const bronze: TierLevel = { id: 'bronze', name: 'Bronze', threshold: 0, multiplierPercent: 100 };
const silver: TierLevel = { id: 'silver', name: 'Silver', threshold: 10_000, multiplierPercent: 150 };

const coffee = { id: 'coffee', name: 'Coffee', cost: 100 };
const cake = { id: 'cake', name: 'Cake', cost: 500 };

/** 1 point per 100 HUF, a coffee for 100 points, a cake for 500; no cooldown unless asked. */
const POINTS_PROGRAM: ProgramSettingsInput = {
  mode: 'points',
  pointsPer: 1,
  pointsSpendUnitMinor: 100,
  catalogue: [coffee, cake],
  cooldownMinutes: 0,
};

const ann = { name: 'Ann', phone: '', email: '', marketingConsent: false, welcomeBonus: false };

async function shopWith(program: ProgramSettingsInput, clock?: TestClock) {
  const ctx = await makeTestContext(clock);
  await saveSettings(ctx, { shop: DEFAULT_SHOP, program: { ...POINTS_PROGRAM, ...program } });
  const { member } = await enrollMember(ctx, ann);
  return { ctx, member };
}

async function expectDomainError(promise: Promise<unknown>, code: string, params?: Record<string, unknown>) {
  await expect(promise).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === code);
  if (params) await expect(promise).rejects.toMatchObject({ params });
}

describe('purchases in a points program', () => {
  it('earns points for the amount, at the rate of the tier the member held before the purchase', async () => {
    const { ctx, member } = await shopWith({ tiers: [bronze, silver], tierBasis: 'spend', tierWindowDays: 365 });

    const first = await recordPurchase(ctx, { memberId: member.id, amountMinor: 8_050 });
    expect(first.event).toMatchObject({ kind: 'earn', points: 80, amountMinor: 8_050 });
    expect(first).toMatchObject({ tierBefore: bronze, tierAfter: bronze });

    // This purchase takes Ann to Silver, but earns at Bronze's rate: 40 points, not 60.
    const upgrade = await recordPurchase(ctx, { memberId: member.id, amountMinor: 4_000 });
    expect(upgrade.event.points).toBe(40);
    expect(upgrade).toMatchObject({ tierBefore: bronze, tierAfter: silver });

    // From now on 150 %: 1 000 HUF is 15 points.
    const silverRate = await recordPurchase(ctx, { memberId: member.id, amountMinor: 1_000 });
    expect(silverRate.event.points).toBe(15);
    expect(silverRate).toMatchObject({ tierBefore: silver, tierAfter: silver });
    expect(silverRate.summary).toMatchObject({ points: 135, spendMinor: 13_050, visits: 3 });
  });

  it('reports the tier a purchase lifts the member into even when the clock moves during the write', async () => {
    const { ctx, member } = await shopWith({ tiers: [bronze, silver], tierBasis: 'spend', tierWindowDays: 365 });
    // A real clock: every read is a millisecond later, so the event is stamped after the write began.
    const ticking = { ...ctx, now: () => (ctx.clock.ms += 1) };
    const upgrade = await recordPurchase(ticking, { memberId: member.id, amountMinor: 10_000 });
    expect(upgrade).toMatchObject({ tierBefore: bronze, tierAfter: silver });
  });

  it('drops back a tier when the spend that earned it leaves the window', async () => {
    const { ctx, member } = await shopWith({ tiers: [bronze, silver], tierBasis: 'spend', tierWindowDays: 30 });
    await recordPurchase(ctx, { memberId: member.id, amountMinor: 10_000 });
    ctx.clock.advance(30 * DAY);
    const later = await recordPurchase(ctx, { memberId: member.id, amountMinor: 1_000 });
    expect(later.event.points).toBe(10);
    expect(later).toMatchObject({ tierBefore: bronze, tierAfter: bronze });
  });

  it('without tiers reports none', async () => {
    const { ctx, member } = await shopWith({});
    const write = await recordPurchase(ctx, { memberId: member.id, amountMinor: 250 });
    expect(write.event.points).toBe(2);
    expect(write.tierBefore).toBeUndefined();
    expect(write.tierAfter).toBeUndefined();
  });

  it('refuses amounts that are not whole, not positive or beyond the owner’s limit, and writes nothing', async () => {
    const { ctx, member } = await shopWith({ maxPurchaseMinor: 100_000 });
    const before = await ctx.db.events.count();
    await expectDomainError(recordPurchase(ctx, { memberId: member.id, amountMinor: 0 }), 'purchase.amount');
    await expectDomainError(recordPurchase(ctx, { memberId: member.id, amountMinor: 10.5 }), 'purchase.amount');
    await expectDomainError(recordPurchase(ctx, { memberId: member.id, amountMinor: 100_001 }), 'purchase.tooLarge');
    expect(await ctx.db.events.count()).toBe(before);
  });

  it('asks before a second purchase inside the cooldown, then records it when confirmed', async () => {
    const { ctx, member } = await shopWith({ cooldownMinutes: 5 });
    await recordPurchase(ctx, { memberId: member.id, amountMinor: 1_000 });
    ctx.clock.advance(2 * MINUTE);
    await expectDomainError(recordPurchase(ctx, { memberId: member.id, amountMinor: 1_000 }), 'punch.cooldown', { minutes: 5 });
    const confirmed = await recordPurchase(ctx, { memberId: member.id, amountMinor: 1_000, confirmedDespiteCooldown: true });
    expect(confirmed.summary.points).toBe(20);
  });

  it('caps the points a member may earn in a day, not counting undone purchases', async () => {
    const { ctx, member } = await shopWith({ dailyCap: 100 });
    await recordPurchase(ctx, { memberId: member.id, amountMinor: 8_000 });
    const undone = await recordPurchase(ctx, { memberId: member.id, amountMinor: 1_500 });
    await voidEntry(ctx, undone.event.id);
    await expectDomainError(recordPurchase(ctx, { memberId: member.id, amountMinor: 3_000 }), 'punch.dailyCap', { cap: 100, left: 20 });
    expect((await recordPurchase(ctx, { memberId: member.id, amountMinor: 2_000 })).summary.points).toBe(100);
    ctx.clock.advance(DAY);
    expect((await recordPurchase(ctx, { memberId: member.id, amountMinor: 3_000 })).summary.points).toBe(130);
  });

  it('refuses stamps in a points program, and purchases on a stamp card', async () => {
    const { ctx, member } = await shopWith({});
    await expectDomainError(recordPunch(ctx, { memberId: member.id, stamps: 1 }), 'purchase.wrongMode');
    await saveSettings(ctx, { shop: DEFAULT_SHOP, program: { mode: 'stamps' } });
    await expectDomainError(recordPurchase(ctx, { memberId: member.id, amountMinor: 1_000 }), 'purchase.wrongMode');
    expect((await memberEvents(ctx, member.id)).map((e) => e.kind)).toEqual(['enroll']);
  });
});

describe('catalogue rewards', () => {
  it('refuses a reward the points do not cover, says how many are missing, and pays one they do', async () => {
    const { ctx, member } = await shopWith({});
    await recordPurchase(ctx, { memberId: member.id, amountMinor: 13_500 });
    await expectDomainError(redeemReward(ctx, member.id, 'cake'), 'redeem.notEnoughPoints', { missing: 365, reward: 'Cake' });
    const paid = await redeemReward(ctx, member.id, 'coffee');
    expect(paid.event).toMatchObject({ kind: 'redeem', points: -100, rewardId: 'coffee', reason: 'Coffee' });
    expect(paid.summary).toMatchObject({ points: 35, rewardsRedeemed: 1 });
    await expectDomainError(redeemReward(ctx, member.id, 'coffee'), 'redeem.notEnoughPoints', { missing: 65 });
    await expectDomainError(redeemReward(ctx, member.id, 'no-such-reward'), 'redeem.unknownReward');
    await expectDomainError(redeemReward(ctx, member.id), 'redeem.unknownReward');
  });

  it('does not let expired points pay, though the summary still counts them as earned', async () => {
    const { ctx, member } = await shopWith({ pointsExpiry: 'afterEarning', pointsExpiryMonths: 1 });
    await recordPurchase(ctx, { memberId: member.id, amountMinor: 20_000 });
    ctx.clock.advance(40 * DAY);
    await expectDomainError(redeemReward(ctx, member.id, 'coffee'), 'redeem.notEnoughPoints', { missing: 100 });
    expect((await ctx.db.summaries.get(member.id))!.points).toBe(200);
  });

  it('lets the owner void an earning only once what it paid for is voided', async () => {
    const { ctx, member } = await shopWith({});
    const earning = await recordPurchase(ctx, { memberId: member.id, amountMinor: 15_000 });
    const redemption = await redeemReward(ctx, member.id, 'coffee');
    ctx.clock.advance(DAY);
    await expectDomainError(voidEntry(ctx, earning.event.id, 'owner'), 'void.wouldGoNegative');
    await voidEntry(ctx, redemption.event.id, 'owner');
    const voided = await voidEntry(ctx, earning.event.id, 'owner');
    expect(voided.summary).toMatchObject({ points: 0, spendMinor: 0, visits: 0, rewardsRedeemed: 0 });
  });
});

describe('campaign coupons', () => {
  const batch = (validUntil?: string): CouponBatch => ({
    id: 'miss-you',
    name: 'We miss you',
    benefit: '15 % off',
    codes: ['K7QX29MD', 'A0000000'],
    ...(validUntil ? { validUntil } : {}),
    createdAt: '2026-11-01T00:00:00.000Z',
  });
  // Noon UTC: the same calendar day on a tablet in any time zone from UTC−11 to UTC+11.
  const noon = (day: string) => new TestClock(Date.parse(`${day}T12:00:00Z`));

  it('accepts a code once: a second use, by anyone, is refused', async () => {
    const { ctx, member } = await shopWith({ coupons: [batch('2026-12-31')] }, noon('2026-12-31'));
    const { member: bob } = await enrollMember(ctx, { ...ann, name: 'Bob' });
    const use = await redeemCoupon(ctx, member.id, 'K7QX29MD');
    expect(use.event).toMatchObject({ kind: 'redeem', rewardId: 'coupon:K7QX29MD', reason: 'We miss you' });
    expect(use.event.points).toBeUndefined();
    expect(use.batch.benefit).toBe('15 % off');
    expect(use.summary).toMatchObject({ points: 0, rewardsRedeemed: 1 });
    await expectDomainError(redeemCoupon(ctx, member.id, 'K7QX29MD'), 'coupon.used', { code: 'K7QX-29MD', at: use.event.at });
    await expectDomainError(redeemCoupon(ctx, bob.id, 'K7QX29MD'), 'coupon.used');
    // The other code of the batch is still good.
    expect((await redeemCoupon(ctx, bob.id, 'A0000000')).event.rewardId).toBe('coupon:A0000000');
  });

  it('refuses a code the day after the batch’s last day, and a code of no batch', async () => {
    const { ctx, member } = await shopWith({ coupons: [batch('2026-12-31')] }, noon('2027-01-01'));
    await expectDomainError(redeemCoupon(ctx, member.id, 'K7QX29MD'), 'coupon.expired', { until: '2026-12-31' });
    await expectDomainError(redeemCoupon(ctx, member.id, 'ZZZZ9999'), 'coupon.unknown');
    expect((await memberEvents(ctx, member.id)).map((e) => e.kind)).toEqual(['enroll']);
  });

  it('frees the code again when its use is undone', async () => {
    const { ctx, member } = await shopWith({ coupons: [batch()] });
    const { member: bob } = await enrollMember(ctx, { ...ann, name: 'Bob' });
    const use = await redeemCoupon(ctx, member.id, 'K7QX29MD');
    await voidEntry(ctx, use.event.id);
    const again = await redeemCoupon(ctx, bob.id, 'K7QX29MD');
    expect(again.event.memberId).toBe(bob.id);
    await expectDomainError(redeemCoupon(ctx, member.id, 'K7QX29MD'), 'coupon.used', { at: again.event.at });
  });

  it('works on a stamp card too, taking no stamps', async () => {
    const { ctx, member } = await shopWith({ mode: 'stamps', coupons: [batch()] });
    await recordPunch(ctx, { memberId: member.id, stamps: 3 });
    const use = await redeemCoupon(ctx, member.id, 'A0000000');
    expect(use.summary.stamps).toBe(3);
  });
});

describe('expiry dates written on earnings', () => {
  it('dates points N months after they were earned under "after earning"', async () => {
    const { ctx, member } = await shopWith({ pointsExpiry: 'afterEarning', pointsExpiryMonths: 12 });
    const { event } = await recordPurchase(ctx, { memberId: member.id, amountMinor: 20_000 });
    expect(event.expiresAt).toBe(addMonths(event.at, 12));
    const redemption = await redeemReward(ctx, member.id, 'coffee');
    expect(redemption.event.expiresAt).toBeUndefined();
  });

  it('dates nothing under "none" or the inactivity rule (the last visit decides then)', async () => {
    for (const pointsExpiry of ['none', 'afterInactivity'] as const) {
      const { ctx, member } = await shopWith({ pointsExpiry });
      const { event } = await recordPurchase(ctx, { memberId: member.id, amountMinor: 20_000 });
      expect(event.expiresAt).toBeUndefined();
    }
  });

  it('dates stamps, the welcome bonus included, N days after they were given', async () => {
    const ctx = await makeTestContext();
    await saveSettings(ctx, { shop: DEFAULT_SHOP, program: { mode: 'stamps', stampExpiryDays: 90, welcomeBonusStamps: 1 } });
    const { member, events } = await enrollMember(ctx, { ...ann, welcomeBonus: true });
    expect(events[0]!.expiresAt).toBeUndefined(); // the sign-up itself
    expect(events[1]).toMatchObject({ kind: 'bonus', stamps: 1, expiresAt: addDays(events[1]!.at, 90) });
    const { event } = await recordPunch(ctx, { memberId: member.id, stamps: 2 });
    expect(event.expiresAt).toBe(addDays(event.at, 90));
  });

  it('carries the date in the outbox, for the other tablets and the server', async () => {
    const { ctx, member } = await shopWith({ pointsExpiry: 'afterEarning', pointsExpiryMonths: 6 });
    const { event } = await recordPurchase(ctx, { memberId: member.id, amountMinor: 1_000 });
    const sent = (await ctx.db.outbox.toArray()).map((row) => row.mutation).filter((m) => m.kind === 'event.append');
    expect(sent.at(-1)).toMatchObject({ event: { id: event.id, expiresAt: addMonths(event.at, 6) } });
  });
});

describe('welcome bonus in a points program', () => {
  it('gives the bonus points at sign-up when the box is ticked', async () => {
    const ctx = await makeTestContext();
    await saveSettings(ctx, { shop: DEFAULT_SHOP, program: { ...POINTS_PROGRAM, welcomeBonusPoints: 50, welcomeBonusStamps: 3 } });
    const { summary, events } = await enrollMember(ctx, { ...ann, welcomeBonus: true });
    expect(events.map((e) => e.kind)).toEqual(['enroll', 'bonus']);
    expect(events[1]).toMatchObject({ points: 50, reason: 'welcome' });
    expect(events[1]!.stamps).toBeUndefined(); // the stamp card's bonus is not given in points mode
    expect(summary).toMatchObject({ points: 50, stamps: 0, visits: 0 });
  });

  it('gives nothing when the box is unticked or the bonus is zero', async () => {
    const ctx = await makeTestContext();
    await saveSettings(ctx, { shop: DEFAULT_SHOP, program: { ...POINTS_PROGRAM, welcomeBonusPoints: 50 } });
    expect((await enrollMember(ctx, ann)).events.map((e) => e.kind)).toEqual(['enroll']);
    await saveSettings(ctx, { shop: DEFAULT_SHOP, program: { welcomeBonusPoints: 0 } });
    expect((await enrollMember(ctx, { ...ann, name: 'Bob', welcomeBonus: true })).events.map((e) => e.kind)).toEqual(['enroll']);
  });
});

describe('a tablet upgraded from schema version 2', () => {
  it('gives the summaries it stored zero points and zero spend, and keeps everything else', async () => {
    const name = `upgrade-${Date.now()}-${Math.random()}`;
    // Version 2: the versions before points existed.
    const old = databaseAtVersion(name, 2);
    const stored = { memberId: 'm1', stamps: 7, visits: 4, rewardsRedeemed: 1, lastVisitAt: '2026-11-20T10:00:00.000Z' };
    await old.table('summaries').put(stored);
    await old.table('events').put({ id: 'e1', memberId: 'm1', kind: 'stamp', stamps: 7, deviceId: 'd', at: '2026-11-20T10:00:00.000Z', hlc: 'h', programVersion: 1 });
    old.close();

    const db = new PunchlineDatabase(name);
    const summary: MemberSummary | undefined = await db.summaries.get('m1');
    expect(summary).toEqual({ ...stored, points: 0, spendMinor: 0 });
    expect(db.verno).toBe(4);
    // The new index answers for the old events (none is a coupon use).
    expect(await db.events.where('rewardId').equals('coupon:K7QX29MD').count()).toBe(0);
    expect(await db.events.where('memberId').equals('m1').count()).toBe(1);
    db.close();
  });

  it('reads a program saved before points existed with the new settings at their defaults', async () => {
    const ctx = await makeTestContext();
    await ctx.db.settings.put({
      key: 'program',
      // As an older tablet stored it: no mode, no points settings.
      value: { version: 4, goal: 8, rewardName: 'Free tea', welcomeBonusStamps: 1, cooldownMinutes: 5, undoSeconds: 10 } as never,
    });
    const program = await getProgram(ctx);
    expect(program).toMatchObject({ version: 4, goal: 8, mode: 'stamps', pointsPer: 1, catalogue: [], tiers: [], coupons: [], pointsExpiry: 'none', stampExpiryDays: 0 });
    const { member } = await enrollMember(ctx, ann);
    expect((await recordPunch(ctx, { memberId: member.id, stamps: 1 })).event.expiresAt).toBeUndefined();
  });
});
