import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { runCommand } from '../../server/cli';
import { createBusiness } from '../../server/repositories/businessRepository';
import { recordPunch, redeemReward } from '../../src/db/tillRepository';
import { enrollMember, getMemberCard } from '../../src/db/memberRepository';
import { editMember } from '../../src/db/memberEdits';
import { getProgram } from '../../src/db/settingsRepository';
import { saveSettings } from '../../src/db/settingsChanges';
import { getSyncProgress, getSyncStatus } from '../../src/db/syncState';
import { openSyncTestApp } from '../support/syncServer';
import { serverBackends, type TestDatabase } from '../support/serverDatabases';
import { expectConverged, inProcessFetch, syncUntilQuiet, Tablet } from '../support/tablets';

const backends = await serverBackends();
const HOUR = 3600_000;

const signUp = (tablet: Tablet, name: string, phone = '') =>
  enrollMember(tablet.ctx, { name, phone, email: '', marketingConsent: false, welcomeBonus: false });

describe.each(backends)('tablets syncing through the server on %s', (_name, open) => {
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

  async function addTablet(shopId: string, clockOffsetMs: number): Promise<Tablet> {
    const tablet = await new Tablet(`tablet ${tablets.length + 1}`, inProcessFetch(app), clockOffsetMs).start();
    await tablet.pair(handle.db, shopId);
    tablets.push(tablet);
    return tablet;
  }

  async function shopWithTablets(offsets: number[]) {
    const business = await createBusiness(handle.db, { name: 'Scenario café' });
    const list: Tablet[] = [];
    for (const offset of offsets) list.push(await addTablet(business.shopId, offset));
    return { businessId: business.businessId, shopId: business.shopId, tablets: list };
  }

  it('a punch on one tablet shows on the other after a sync, with the same balance', async () => {
    const { businessId, tablets: [a, b] } = await shopWithTablets([0, 0]);
    const { member } = await signUp(a!, 'Éva Kovács');
    await recordPunch(a!.ctx, { memberId: member.id, stamps: 3 });
    await syncUntilQuiet([a!, b!]);
    expect((await getMemberCard(b!.ctx, member.id))?.summary.stamps).toBe(3);
    await expectConverged(handle.db, businessId, [a!, b!]);
  });

  it('keeps edits of different fields from two offline tablets, and the later edit of the same field', async () => {
    const { businessId, tablets: [a, b] } = await shopWithTablets([0, 0]);
    const { member } = await signUp(a!, 'Éva Kovács');
    await syncUntilQuiet([a!, b!]);
    await editMember(a!.ctx, member.id, { note: 'Oat milk', name: 'Éva K.' });
    b!.clock.advance(1000);
    await editMember(b!.ctx, member.id, { phone: '+36 30 123 4567', name: 'Eva Kovacs' });
    await syncUntilQuiet([a!, b!]);
    for (const tablet of [a!, b!]) {
      expect((await getMemberCard(tablet.ctx, member.id))?.member).toMatchObject({ name: 'Eva Kovacs', note: 'Oat milk', phoneE164: '+36301234567' });
    }
    await expectConverged(handle.db, businessId, [a!, b!]);
  });

  it('keeps both redemptions of an offline double-spend and flags the overdraft once', async () => {
    const { businessId, tablets: [a, b] } = await shopWithTablets([0, 0]);
    const { member } = await signUp(a!, 'Double Spender');
    await recordPunch(a!.ctx, { memberId: member.id, stamps: 10 });
    await syncUntilQuiet([a!, b!]);
    await redeemReward(a!.ctx, member.id);
    b!.clock.advance(60_000);
    await redeemReward(b!.ctx, member.id);
    await syncUntilQuiet([b!, a!]);
    await syncUntilQuiet([a!, b!]);
    const redemptions = await handle.db.query<{ overdrawn_at: Date | null }>("SELECT overdrawn_at FROM events WHERE member_id = $1 AND kind = 'redeem'", [member.id]);
    expect(redemptions).toHaveLength(2);
    expect(redemptions.filter((r) => r.overdrawn_at !== null)).toHaveLength(1);
    expect((await getMemberCard(a!.ctx, member.id))?.summary.stamps).toBe(-10);
    const review: string[] = [];
    await runCommand(handle.db, 'overdrafts', [], (line) => review.push(line));
    expect(review.filter((line) => line.includes(member.id))).toEqual([expect.stringContaining('Double Spender')]);
    await expectConverged(handle.db, businessId, [a!, b!]);
  });

  it('does not wedge with clocks 3 h off either way and one a year ahead; later edits still win', async () => {
    const { businessId, tablets: [ahead, behind, yearAhead] } = await shopWithTablets([3 * HOUR, -3 * HOUR, 365 * 24 * HOUR]);
    const { member } = await signUp(yearAhead!, 'Future Person');
    await recordPunch(behind!.ctx, { memberId: (await signUp(behind!, 'Past Person')).member.id, stamps: 1 });
    await recordPunch(ahead!.ctx, { memberId: (await signUp(ahead!, 'Early Person')).member.id, stamps: 1 });
    await syncUntilQuiet([ahead!, behind!, yearAhead!]);
    // After syncing, the tablet 3 h behind renames the member the year-ahead tablet created: it wins.
    behind!.clock.advance(60_000);
    await editMember(behind!.ctx, member.id, { name: 'Present Person' });
    await syncUntilQuiet([ahead!, behind!, yearAhead!]);
    expect((await getMemberCard(yearAhead!.ctx, member.id))?.member.name).toBe('Present Person');
    // And the year-ahead tablet's own later edit still wins over it after the sync taught it the time.
    yearAhead!.clock.advance(60_000);
    await editMember(yearAhead!.ctx, member.id, { name: 'Future Again' });
    await syncUntilQuiet([ahead!, behind!, yearAhead!]);
    expect((await getMemberCard(behind!.ctx, member.id))?.member.name).toBe('Future Again');
    await expectConverged(handle.db, businessId, [ahead!, behind!, yearAhead!]);
  });

  it('shares the stamp program between the tablets of a business', async () => {
    const { businessId, tablets: [a, b] } = await shopWithTablets([0, 0]);
    const program = await getProgram(a!.ctx);
    await saveSettings(a!.ctx, {
      program: { goal: 8, rewardName: 'Free cake', welcomeBonusStamps: 1, cooldownMinutes: 2 },
      shop: { name: 'Sync café', country: 'HU', currency: 'HUF', locale: 'en' },
    });
    await syncUntilQuiet([a!, b!]);
    expect(await getProgram(b!.ctx)).toMatchObject({ goal: 8, rewardName: 'Free cake', version: program.version + 1 });
    await expectConverged(handle.db, businessId, [a!, b!]);
  });

  it('lets a newly paired tablet punch while it is still pulling the member base page by page', async () => {
    const { businessId, shopId, tablets: [seeder] } = await shopWithTablets([0]);
    for (let i = 0; i < 1200; i++) await enrollMember(seeder!.ctx, { name: `Member ${i}`, phone: '', email: '', marketingConsent: false, welcomeBonus: false });
    await syncUntilQuiet([seeder!]);
    const fresh = await addTablet(shopId, 0);
    const pulling = fresh.sync();
    let punchedMid = false;
    while (!punchedMid) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const progress = await getSyncProgress(fresh.ctx);
      const someone = await fresh.ctx.db.members.toCollection().first();
      if (someone && progress.cursor < progress.headSeq) {
        await recordPunch(fresh.ctx, { memberId: someone.id, stamps: 4 });
        punchedMid = true;
      }
    }
    expect((await pulling).ok).toBe(true);
    await syncUntilQuiet([fresh, seeder!]);
    expect(await fresh.ctx.db.members.count()).toBe(1200);
    expect((await handle.db.query('SELECT 1 FROM events WHERE business_id = $1 AND stamps = 4', [businessId])).length).toBe(1);
    await expectConverged(handle.db, businessId, [seeder!, fresh]);
  }, 60_000);

  it('keeps its clock stamps well-formed when a round trip takes an odd number of milliseconds', async () => {
    const business = await createBusiness(handle.db, { name: 'Odd latency café' });
    let tablet: Tablet | undefined;
    // 1 ms on the wire: the midpoint of send and receive falls on a half millisecond.
    const slowFetch = inProcessFetch(app);
    tablet = await new Tablet('slow tablet', (url, init) => (tablet!.clock.advance(1), slowFetch(url, init)), 0).start();
    tablets.push(tablet);
    await tablet.pair(handle.db, business.shopId);
    await tablet.sync();
    expect(Number.isInteger((await tablet.ctx.db.device.get('self'))?.clockOffsetMs)).toBe(true);
    const { member } = await signUp(tablet, 'Éva');
    await recordPunch(tablet.ctx, { memberId: member.id, stamps: 1 });
    await syncUntilQuiet([tablet]);
    expect((await getSyncStatus(tablet.ctx)).rejections).toEqual([]);
    await expectConverged(handle.db, business.businessId, [tablet]);
  });

  it('shows a rejected mutation in the status and carries on with the ones after it', async () => {
    const { businessId, tablets: [a, b] } = await shopWithTablets([0, 0]);
    const { member } = await signUp(a!, 'Valid Member');
    await a!.ctx.db.outbox.add({ mutation: { kind: 'event.append', event: { id: 'not-a-uuid', memberId: member.id } } as never });
    await recordPunch(a!.ctx, { memberId: member.id, stamps: 2 });
    await syncUntilQuiet([a!, b!]);
    const status = await getSyncStatus(a!.ctx);
    expect(status.rejections).toEqual([expect.objectContaining({ code: 'invalid', message: expect.stringContaining('id') })]);
    expect((await getMemberCard(b!.ctx, member.id))?.summary.stamps).toBe(2);
    // The refused row is not an event anywhere, so the tablets still agree on everything else.
    const server = (await handle.db.query<{ n: string }>('SELECT count(*) AS n FROM events WHERE business_id = $1', [businessId]))[0];
    expect(Number(server?.n)).toBe(2);
  });
});
