import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { createBusiness } from '../../server/repositories/businessRepository';
import { findMemberByCode } from '../../src/db/lookup';
import { enrollMember, getMemberCard } from '../../src/db/memberRepository';
import { eraseMember } from '../../src/db/memberEdits';
import { mergeMembers } from '../../src/db/memberMergeRepository';
import { recordPunch, redeemReward } from '../../src/db/tillRepository';
import { getSyncStatus } from '../../src/db/syncState';
import { openSyncTestApp } from '../support/syncServer';
import { serverBackends, type TestDatabase } from '../support/serverDatabases';
import { expectConverged, inProcessFetch, syncUntilQuiet, Tablet } from '../support/tablets';

// Merging duplicates and erasing members are member upserts like any edit: these scenarios check
// that they reach every tablet, and that ledgers recorded offline on the absorbed member follow.

const backends = await serverBackends();

describe.each(backends)('merges and erasures through the server on %s', (_name, open) => {
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

  async function shopWithTwoTablets() {
    const business = await createBusiness(handle.db, { name: 'Merge café' });
    const pair: Tablet[] = [];
    for (const name of ['front', 'back']) {
      const tablet = await new Tablet(`${name} tablet`, inProcessFetch(app)).start();
      await tablet.pair(handle.db, business.shopId);
      tablets.push(tablet);
      pair.push(tablet);
    }
    return { businessId: business.businessId, a: pair[0]!, b: pair[1]! };
  }

  const signUp = (tablet: Tablet, name: string, email = '') => enrollMember(tablet.ctx, { name, phone: '', email, marketingConsent: true, welcomeBonus: false });

  it('a merge reaches the other tablet; stamps it recorded offline on the absorbed member count for the survivor, and spending them is no overdraft', async () => {
    const { businessId, a, b } = await shopWithTwoTablets();
    const { member: eva } = await signUp(a, 'Éva Kovács');
    const { member: eva2 } = await signUp(a, 'Eva Kovacs', 'eva@example.com');
    await recordPunch(a.ctx, { memberId: eva.id, stamps: 6 });
    await syncUntilQuiet([a, b]);

    await mergeMembers(a.ctx, eva.id, eva2.id);
    b.clock.advance(60_000);
    await recordPunch(b.ctx, { memberId: eva2.id, stamps: 4 }); // offline, before hearing of the merge
    await syncUntilQuiet([a, b]);

    for (const tablet of [a, b]) {
      expect((await findMemberByCode(tablet.ctx, eva2.cardCodes[0]!))?.id, tablet.name).toBe(eva.id);
      expect((await getMemberCard(tablet.ctx, eva.id))?.summary.stamps, tablet.name).toBe(10);
      expect((await getMemberCard(tablet.ctx, eva2.id))?.member, tablet.name).toMatchObject({ name: '', mergedInto: eva.id });
    }
    b.clock.advance(60_000);
    await redeemReward(b.ctx, eva.id);
    await syncUntilQuiet([b, a]);
    const flagged = await handle.db.query('SELECT id FROM events WHERE business_id = $1 AND overdrawn_at IS NOT NULL', [businessId]);
    expect(flagged).toEqual([]);
    expect((await getSyncStatus(a.ctx)).rejections).toEqual([]);
    await expectConverged(handle.db, businessId, [a, b]);
  });

  it('an erasure on one tablet scrubs the member on the other and on the server; the anonymous ledger stays', async () => {
    const { businessId, a, b } = await shopWithTwoTablets();
    const { member } = await signUp(a, 'Nikos Papadopoulos', 'nikos@example.com');
    await recordPunch(a.ctx, { memberId: member.id, stamps: 2 });
    await syncUntilQuiet([a, b]);
    await eraseMember(b.ctx, member.id);
    await syncUntilQuiet([b, a]);
    const [server] = await handle.db.query<{ record: { name: string; email?: string; cardCodes: string[] } }>('SELECT record FROM members WHERE id = $1', [member.id]);
    expect(server?.record).toMatchObject({ name: '', cardCodes: [] });
    expect(server?.record.email).toBeUndefined();
    expect(await findMemberByCode(a.ctx, member.cardCodes[0]!)).toBeUndefined();
    expect((await getMemberCard(a.ctx, member.id))?.member).toMatchObject({ name: '', deletedAt: expect.any(String) });
    expect(await a.ctx.db.events.where('memberId').equals(member.id).count()).toBe(2);
    await expectConverged(handle.db, businessId, [a, b]);
  });

  it('two tablets merging the same pair in opposite directions offline end with one findable member holding both', async () => {
    const { businessId, a, b } = await shopWithTwoTablets();
    const { member: x } = await signUp(a, 'Anna Virtanen');
    const { member: y } = await signUp(a, 'Anna Virtanan');
    await recordPunch(a.ctx, { memberId: x.id, stamps: 1 });
    await recordPunch(a.ctx, { memberId: y.id, stamps: 2 });
    await syncUntilQuiet([a, b]);
    await mergeMembers(a.ctx, x.id, y.id);
    b.clock.advance(60_000);
    await mergeMembers(b.ctx, y.id, x.id);
    await syncUntilQuiet([a, b]);
    for (const tablet of [a, b]) {
      const holder = await findMemberByCode(tablet.ctx, x.cardCodes[0]!);
      expect(holder?.id, tablet.name).toBe(y.id);
      expect((await findMemberByCode(tablet.ctx, y.cardCodes[0]!))?.id, tablet.name).toBe(y.id);
      expect((await getMemberCard(tablet.ctx, y.id))?.summary.stamps, tablet.name).toBe(3);
    }
    await expectConverged(handle.db, businessId, [a, b]);
  });

  it('refuses a merge into a member of another business', async () => {
    const { a } = await shopWithTwoTablets();
    const other = await shopWithTwoTablets();
    const { member: stranger } = await signUp(other.a, 'Stranger');
    await syncUntilQuiet([other.a]);
    const { member } = await signUp(a, 'Local');
    await syncUntilQuiet([a]);
    // A forged upsert: this tablet never held the stranger, so only a crafted record can name them.
    await a.ctx.db.outbox.add({ mutation: { kind: 'member.upsert', member: { ...member, name: '', cardCodes: [], mergedInto: stranger.id, clock: { ...member.clock, mergedInto: member.clock.name! } } } });
    await a.sync();
    expect((await getSyncStatus(a.ctx)).rejections).toEqual([expect.objectContaining({ code: 'member_unknown' })]);
    const [stored] = await handle.db.query<{ merged_into: string | null }>('SELECT merged_into FROM members WHERE id = $1', [member.id]);
    expect(stored?.merged_into).toBeNull();
  });
});
