import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { runCommand } from '../../server/cli';
import { createBusiness, createPairingCode, pairDevice } from '../../server/repositories/businessRepository';
import { DEFAULT_PROGRAM } from '../../src/core/program';
import type { SyncedSettings } from '../../src/core/protocol';
import type { CouponBatch, LoyaltyProgram } from '../../src/core/types';
import { enrollMember, getMemberCard } from '../../src/db/memberRepository';
import { saveSettings } from '../../src/db/settingsChanges';
import { getProgram } from '../../src/db/settingsRepository';
import { getSyncStatus } from '../../src/db/syncState';
import { recordPurchase, redeemCoupon, redeemReward, voidEntry } from '../../src/db/tillRepository';
import { eventRecord, hlcAt, memberRecord, numbered, settingsRecord } from '../support/records';
import { businessWithDevices, openSyncTestApp, rawSyncClient } from '../support/syncServer';
import { serverBackends, type TestDatabase } from '../support/serverDatabases';
import { expectConverged, inProcessFetch, syncUntilQuiet, Tablet } from '../support/tablets';

// Points, catalogue rewards and campaign coupons across tablets: what two tablets do offline that
// the rules forbid (the same points spent twice, one coupon code used twice) is kept, flagged
// once on the server and listed for the owner's review; the new program settings travel intact.

const backends = await serverBackends();

const SHOP = { name: 'Loyalty café', country: 'HU', currency: 'HUF', locale: 'en' };
const CODE = 'K7QX29MD';

const signUp = (tablet: Tablet, name: string) =>
  enrollMember(tablet.ctx, { name, phone: '', email: '', marketingConsent: false, welcomeBonus: false });

const couponBatch = (codes: string[]): CouponBatch => ({
  id: 'batch-spring',
  name: 'Spring comeback',
  benefit: '15 % off one drink',
  codes,
  validUntil: '2099-12-31',
  createdAt: '2026-03-01T09:00:00.000Z',
});

/** A points program with every new setting away from its default. */
const POINTS_PROGRAM = {
  mode: 'points',
  pointsPer: 2,
  pointsSpendUnitMinor: 10_000,
  pointsRounding: 'nearest',
  welcomeBonusPoints: 20,
  maxPurchaseMinor: 5_000_000,
  catalogue: [
    { id: 'cake', name: 'Cake of the day', cost: 100 },
    { id: 'mug', name: 'Punchline mug', cost: 400 },
  ],
  tierBasis: 'spend',
  tierWindowDays: 180,
  tiers: [
    { id: 'member', name: 'Member', threshold: 0, multiplierPercent: 100 },
    { id: 'gold', name: 'Gold', threshold: 500_000, multiplierPercent: 150 },
  ],
  pointsExpiry: 'afterEarning',
  pointsExpiryMonths: 6,
  stampExpiryDays: 90,
  coupons: [couponBatch([CODE, 'M4RC8H2Q'])],
} satisfies Partial<LoyaltyProgram>;

interface FlagRow {
  id: string;
  member_id: string;
  reward_id: string | null;
  overdrawn_at: Date | null;
  coupon_reused_at: Date | null;
}

describe.each(backends)('points and coupons across tablets on %s', (_name, open) => {
  let handle: TestDatabase;
  let app: Hono;
  let close: (() => Promise<void>) | undefined;
  const tablets: Tablet[] = [];

  beforeAll(async () => {
    ({ handle, app, close } = await openSyncTestApp(open));
  }, 60_000);
  afterAll(async () => {
    for (const tablet of tablets) tablet.close();
    await close?.();
  });

  async function shopWithTablets(count: number) {
    const business = await createBusiness(handle.db, { name: `Loyalty café ${tablets.length}` });
    const list: Tablet[] = [];
    for (let i = 0; i < count; i++) {
      const tablet = await new Tablet(`tablet ${tablets.length + 1}`, inProcessFetch(app)).start();
      await tablet.pair(handle.db, business.shopId);
      tablets.push(tablet);
      list.push(tablet);
    }
    return { ...business, tablets: list };
  }

  const flags = (businessId: string) =>
    handle.db.query<FlagRow>(
      `SELECT id, member_id, reward_id, overdrawn_at, coupon_reused_at FROM events WHERE business_id = $1 AND kind = 'redeem' ORDER BY hlc COLLATE "C"`,
      [businessId],
    );

  async function review(): Promise<string[]> {
    const lines: string[] = [];
    expect(await runCommand(handle.db, 'review', [], (line) => lines.push(line))).toBe(0);
    return lines;
  }

  it.each([
    ['two members', false],
    ['the same member', true],
  ])('flags the later of two offline uses of one coupon code (%s), once, keeps both and lists it for review', async (_case, sameMember) => {
    const { businessId, tablets: [a, b, c] } = await shopWithTablets(3);
    await saveSettings(a!.ctx, { program: { coupons: [couponBatch([CODE])] }, shop: SHOP });
    const first = (await signUp(a!, 'Anna First')).member;
    const second = sameMember ? first : (await signUp(a!, 'Bela Second')).member;
    await syncUntilQuiet([a!, b!, c!]);

    // Offline, both tablets accept the code: neither has heard of the other's use.
    await redeemCoupon(a!.ctx, first.id, CODE);
    b!.clock.advance(60_000);
    const later = await redeemCoupon(b!.ctx, second.id, CODE);
    // The later use reaches the server first: it is flagged when the earlier one arrives.
    await syncUntilQuiet([b!, a!]);
    await syncUntilQuiet([a!, b!]);

    const uses = await flags(businessId);
    expect(uses.map((u) => u.reward_id)).toEqual([`coupon:${CODE}`, `coupon:${CODE}`]);
    expect(uses.filter((u) => u.coupon_reused_at !== null).map((u) => u.id)).toEqual([later.event.id]);
    expect(uses.every((u) => u.overdrawn_at === null)).toBe(true);
    const flaggedAt = uses[1]!.coupon_reused_at!.getTime();
    // Both tablets now know the code is spent.
    await expect(redeemCoupon(a!.ctx, first.id, CODE)).rejects.toMatchObject({ code: 'coupon.used' });
    await expect(redeemCoupon(b!.ctx, second.id, CODE)).rejects.toMatchObject({ code: 'coupon.used' });
    await expectConverged(handle.db, businessId, [a!, b!]);

    const lines = await review();
    const flaggedLine = lines.findIndex((line) => line.includes(later.event.id));
    expect(lines[flaggedLine]).toMatch(new RegExp(`coupon K7QX-29MD \\(Spring comeback\\) used again by ${second.name} \\(${second.id}\\) on ${b!.name} .*flagged `));
    expect(lines[flaggedLine + 1]).toMatch(new RegExp(`first used .* by ${first.name} \\(${first.id}\\) on ${a!.name} `));

    // A third tablet, offline since before, uses the code too: only its use is new to flag.
    c!.clock.advance(120_000);
    const third = await redeemCoupon(c!.ctx, first.id, CODE);
    await syncUntilQuiet([c!, a!, b!]);
    const after = await flags(businessId);
    expect(after).toHaveLength(3);
    expect(after.filter((u) => u.coupon_reused_at !== null).map((u) => u.id)).toEqual([later.event.id, third.event.id]);
    expect(after[1]!.coupon_reused_at!.getTime()).toBe(flaggedAt);
    expect((await getSyncStatus(c!.ctx)).rejections).toEqual([]);
    await expectConverged(handle.db, businessId, [a!, b!, c!]);
  });

  it('does not count a use that was undone, nor a use of the same code in another business', async () => {
    const shop1 = await shopWithTablets(2);
    const shop2 = await shopWithTablets(1);
    for (const tablet of [shop1.tablets[0]!, shop2.tablets[0]!]) await saveSettings(tablet.ctx, { program: { coupons: [couponBatch([CODE])] }, shop: SHOP });
    const [a, b] = shop1.tablets;
    const member = (await signUp(a!, 'Undo Person')).member;
    const elsewhere = (await signUp(shop2.tablets[0]!, 'Other Business')).member;
    await syncUntilQuiet([a!, b!, shop2.tablets[0]!]);
    await redeemCoupon(shop2.tablets[0]!.ctx, elsewhere.id, CODE);
    // Tablet a takes the code and undoes it at once (wrong customer); b, offline, takes it later.
    const undone = await redeemCoupon(a!.ctx, member.id, CODE);
    await voidEntry(a!.ctx, undone.event.id);
    b!.clock.advance(60_000);
    await redeemCoupon(b!.ctx, member.id, CODE);
    await syncUntilQuiet([shop2.tablets[0]!, a!, b!]);
    await syncUntilQuiet([a!, b!]);
    expect((await flags(shop1.businessId)).every((u) => u.coupon_reused_at === null)).toBe(true);
    expect((await flags(shop2.businessId)).every((u) => u.coupon_reused_at === null)).toBe(true);
    await expectConverged(handle.db, shop1.businessId, [a!, b!]);
  });

  it("does not let a void sent by another business's device free a coupon use of this one", async () => {
    const { businessId, tablets: [a, b] } = await shopWithTablets(2);
    await saveSettings(a!.ctx, { program: { coupons: [couponBatch([CODE])] }, shop: SHOP });
    const member = (await signUp(a!, 'Target Member')).member;
    await syncUntilQuiet([a!, b!]);
    const firstUse = await redeemCoupon(a!.ctx, member.id, CODE);
    await syncUntilQuiet([a!]);
    // A device of another business "voids" that use, on a member of its own (which the server accepts).
    const { devices: [intruder] } = await businessWithDevices(handle.db, 1, 'Intruder café');
    const own = memberRecord(intruder!.deviceId);
    const forgedVoid = eventRecord(intruder!.deviceId, own.id, { kind: 'void', voidsId: firstUse.event.id, stamps: undefined }, Date.now());
    const pushed = await rawSyncClient(app, intruder!.token).push(numbered([{ kind: 'member.upsert', member: own }, { kind: 'event.append', event: forgedVoid }]));
    expect(pushed.rejections).toEqual([]);
    // Tablet b, which has not heard of a's use, takes the code again: still a second use.
    b!.clock.advance(60_000);
    const second = await redeemCoupon(b!.ctx, member.id, CODE);
    await syncUntilQuiet([b!, a!]);
    expect((await flags(businessId)).filter((u) => u.coupon_reused_at !== null).map((u) => u.id)).toEqual([second.event.id]);
  });

  it('flags the later of two offline redemptions of the same points as overdrawn', async () => {
    const { businessId, tablets: [a, b] } = await shopWithTablets(2);
    await saveSettings(a!.ctx, { program: { mode: 'points', catalogue: [{ id: 'cake', name: 'Cake of the day', cost: 100 }], pointsExpiry: 'afterEarning' }, shop: SHOP });
    await syncUntilQuiet([a!, b!]);
    const member = (await signUp(a!, 'Points Spender')).member;
    const purchase = await recordPurchase(a!.ctx, { memberId: member.id, amountMinor: 15_000 });
    expect(purchase.event).toMatchObject({ points: 150, expiresAt: expect.any(String) });
    await syncUntilQuiet([a!, b!]);
    expect((await getMemberCard(b!.ctx, member.id))?.summary.points).toBe(150);

    // Offline, each tablet gives the cake for 100 of the same 150 points.
    await redeemReward(a!.ctx, member.id, 'cake');
    b!.clock.advance(60_000);
    const later = await redeemReward(b!.ctx, member.id, 'cake');
    await syncUntilQuiet([b!, a!]);
    await syncUntilQuiet([a!, b!]);

    const redemptions = await flags(businessId);
    expect(redemptions).toHaveLength(2);
    expect(redemptions.filter((r) => r.overdrawn_at !== null).map((r) => r.id)).toEqual([later.event.id]);
    expect((await getMemberCard(a!.ctx, member.id))?.summary.points).toBe(-50);
    await expect(redeemReward(a!.ctx, member.id, 'cake')).rejects.toMatchObject({ code: 'redeem.notEnoughPoints' });
    const line = (await review()).find((l) => l.includes(later.event.id));
    expect(line).toMatch(new RegExp(`Points Spender \\(${member.id}\\)  redeemed Cake of the day \\(100 points\\) on ${b!.name}  flagged `));
    // The old name still works.
    const alias: string[] = [];
    await runCommand(handle.db, 'overdrafts', [], (l) => alias.push(l));
    expect(alias).toContain(line);
    await expectConverged(handle.db, businessId, [a!, b!]);
  });

  it('does not flag a redemption of long ago because the expiry rule changed since', async () => {
    const { businessId, devices: [till] } = await businessWithDevices(handle.db, 1, 'Rule change café');
    const push = (mutations: object[], firstMid: number) => rawSyncClient(app, till!.token).push(numbered(mutations, firstMid));
    const DAY = 24 * 3600_000;
    const now = Date.now();
    const catalogue = [{ id: 'cake', name: 'Cake', cost: 100 }];
    const member = memberRecord(till!.deviceId, {}, now - 300 * DAY);
    const earned = eventRecord(till!.deviceId, member.id, { kind: 'earn', stamps: undefined, points: 100, amountMinor: 10_000 }, now - 300 * DAY);
    // Eight months without a visit, then the cake: fine, points did not expire then.
    const oldRedeem = eventRecord(till!.deviceId, member.id, { kind: 'redeem', stamps: undefined, points: -100, rewardId: 'cake' }, now - 60 * DAY);
    await push([
      { kind: 'settings.put', settings: settingsRecord(till!.deviceId, { program: { mode: 'points', catalogue } }, now - 301 * DAY) },
      { kind: 'member.upsert', member },
      { kind: 'event.append', event: earned },
      { kind: 'event.append', event: oldRedeem },
    ], 1);
    // Now points expire after 6 idle months (which, applied to the past, would have taken those 100).
    const rules = settingsRecord(till!.deviceId, { program: { version: 3, mode: 'points', catalogue, pointsExpiry: 'afterInactivity', pointsExpiryMonths: 6 } }, now - 30 * DAY);
    const newEarn = eventRecord(till!.deviceId, member.id, { kind: 'earn', stamps: undefined, points: 200, amountMinor: 20_000 }, now - 2000);
    const newRedeem = eventRecord(till!.deviceId, member.id, { kind: 'redeem', stamps: undefined, points: -100, rewardId: 'cake' }, now - 1000);
    const pushed = await push([{ kind: 'settings.put', settings: rules }, { kind: 'event.append', event: newEarn }, { kind: 'event.append', event: newRedeem }], 5);
    expect(pushed.rejections).toEqual([]);
    expect((await flags(businessId)).filter((r) => r.overdrawn_at !== null)).toEqual([]);
  });

  it('flags a redemption that a later void of the stamps it spent leaves uncovered', async () => {
    const { businessId, devices: [a, b] } = await businessWithDevices(handle.db, 2, 'Void café');
    const member = memberRecord(a!.deviceId);
    const ten = eventRecord(a!.deviceId, member.id, { stamps: 10 }, Date.now() - 60_000);
    await rawSyncClient(app, a!.token).push(numbered([{ kind: 'member.upsert', member }, { kind: 'event.append', event: ten }]));
    // b redeems the card; a, offline and later, voids the ten stamps (a mistake at the till).
    const redeem = eventRecord(b!.deviceId, member.id, { kind: 'redeem', stamps: -10 }, Date.now() - 30_000);
    await rawSyncClient(app, b!.token).push(numbered([{ kind: 'event.append', event: redeem }]));
    const voided = eventRecord(a!.deviceId, member.id, { kind: 'void', stamps: undefined, voidsId: ten.id, reason: 'owner' }, Date.now() - 10_000);
    await rawSyncClient(app, a!.token).push(numbered([{ kind: 'event.append', event: voided }], 3));
    expect((await flags(businessId)).filter((r) => r.overdrawn_at !== null).map((r) => r.id)).toEqual([redeem.id]);
  });

  it('carries a points program with catalogue, tiers, expiry and coupons intact to the other tablet', async () => {
    const { businessId, tablets: [a, b] } = await shopWithTablets(2);
    const before = await getProgram(b!.ctx);
    await saveSettings(a!.ctx, { program: POINTS_PROGRAM, shop: SHOP });
    await syncUntilQuiet([a!, b!]);
    const saved = await getProgram(a!.ctx);
    expect(saved).toMatchObject({ ...POINTS_PROGRAM, version: before.version + 1 });
    expect(await getProgram(b!.ctx)).toEqual(saved);
    const [stored] = await handle.db.query<{ record: SyncedSettings }>('SELECT record FROM business_settings WHERE business_id = $1', [businessId]);
    expect(stored?.record.program).toEqual(saved);
    await expectConverged(handle.db, businessId, [a!, b!]);
  });

  it('keeps a coupon batch made offline when another tablet saves later settings', async () => {
    const { businessId, tablets: [a, b] } = await shopWithTablets(2);
    await saveSettings(a!.ctx, { program: { coupons: [couponBatch([CODE])] }, shop: SHOP });
    b!.clock.advance(60_000);
    await saveSettings(b!.ctx, { program: { goal: 8 }, shop: SHOP });
    // The later settings reach the server first; the earlier ones bring only their batch.
    await syncUntilQuiet([b!, a!]);
    await syncUntilQuiet([a!, b!]);
    for (const tablet of [a!, b!]) {
      const program = await getProgram(tablet.ctx);
      expect(program.goal).toBe(8);
      expect(program.coupons.map((batch) => batch.id)).toEqual(['batch-spring']);
    }
    await expect(redeemCoupon(b!.ctx, (await signUp(b!, 'Cili Coupon')).member.id, CODE)).resolves.toMatchObject({ batch: { id: 'batch-spring' } });
    await syncUntilQuiet([b!, a!]);
    await expectConverged(handle.db, businessId, [a!, b!]);
  });

  it('accepts settings without the new fields from an older tablet, and they read as the defaults', async () => {
    const business = await createBusiness(handle.db, { name: 'Older tablet café' });
    const older = await pairDevice(handle.db, { code: business.code, deviceName: 'older tablet' });
    // The program as the first release sent it: none of the points, tier, expiry or coupon settings.
    const legacyProgram = { version: 3, goal: 8, rewardName: 'Free cake', welcomeBonusStamps: 1, cooldownMinutes: 5, undoSeconds: 10 };
    const pushed = await rawSyncClient(app, older.token).push(
      numbered([{ kind: 'settings.put', settings: { program: legacyProgram, shop: SHOP, hlc: hlcAt(Date.now() - 60_000, older.deviceId) } }]),
    );
    expect(pushed.rejections).toEqual([]);
    const expected: LoyaltyProgram = { ...DEFAULT_PROGRAM, ...legacyProgram };
    const [stored] = await handle.db.query<{ record: SyncedSettings }>('SELECT record FROM business_settings WHERE business_id = $1', [business.businessId]);
    expect(stored?.record.program).toEqual(expected);

    const { code } = await createPairingCode(handle.db, business.shopId);
    const tablet = await new Tablet('new tablet', inProcessFetch(app)).start();
    tablets.push(tablet);
    await tablet.pairWithCode(code);
    await syncUntilQuiet([tablet]);
    expect(await getProgram(tablet.ctx)).toEqual(expected);

    // A record stored before this server knew the new settings is pulled as it is, and reads the same.
    await handle.db.query('UPDATE business_settings SET record = $2::text::jsonb, seq = seq + 1000 WHERE business_id = $1', [
      business.businessId,
      JSON.stringify({ program: { ...legacyProgram, goal: 9 }, shop: SHOP, hlc: hlcAt(Date.now() - 30_000, older.deviceId) }),
    ]);
    await handle.db.query('UPDATE businesses SET change_seq = change_seq + 1000 WHERE id = $1', [business.businessId]);
    await syncUntilQuiet([tablet]);
    expect(await getProgram(tablet.ctx)).toEqual({ ...expected, goal: 9 });
  });
});
