import { describe, expect, it } from 'vitest';
import type { PairResponse, PullResponse } from '../../../src/core/protocol';
import { recordPunch } from '../../../src/db/tillRepository';
import { enrollMember } from '../../../src/db/memberRepository';
import { acknowledgePush, applyPulledPage, nextOutboxBatch, requeueEverything, savePairing } from '../../../src/db/syncRepository';
import { getSyncProgress } from '../../../src/db/syncState';
import { makeTestContext } from '../../support/dbContext';

const paired = (businessId: string): PairResponse => ({
  deviceId: '01900000-0000-7000-8000-00000000000d',
  token: 'token-token-token-token',
  businessId,
  businessName: 'Café',
  shopId: '01900000-0000-7000-8000-00000000000s',
  shopName: 'Café',
  cardPrefix: 10042,
});

async function shopWithData() {
  const ctx = await makeTestContext();
  const { member } = await enrollMember(ctx, { name: 'Éva', phone: '', email: '', marketingConsent: false, welcomeBonus: false });
  await recordPunch(ctx, { memberId: member.id, stamps: 2 });
  return { ctx, member };
}

describe('sync storage on the tablet', () => {
  it('numbers the outbox after the last acknowledged mid and drops exactly what the server applied', async () => {
    const { ctx } = await shopWithData();
    await savePairing(ctx, 'http://shop', paired('b1'));
    expect((await nextOutboxBatch(ctx, 10)).map((m) => [m.mid, m.kind])).toEqual([
      [1, 'member.upsert'],
      [2, 'event.append'],
      [3, 'event.append'],
    ]);
    await acknowledgePush(ctx, 2);
    await acknowledgePush(ctx, 2);
    expect((await nextOutboxBatch(ctx, 10)).map((m) => [m.mid, m.kind])).toEqual([[3, 'event.append']]);
    expect((await getSyncProgress(ctx)).ackedMid).toBe(2);
  });

  it('issues card numbers from the server prefix once paired, and keeps unsent work', async () => {
    const { ctx } = await shopWithData();
    await savePairing(ctx, 'http://shop', paired('b1'));
    const { member } = await enrollMember(ctx, { name: 'Anna', phone: '', email: '', marketingConsent: false, welcomeBonus: false });
    expect(member.cardCodes[0]).toMatch(/^10042/);
    expect(await ctx.db.outbox.count()).toBe(5);
  });

  it('refuses to pair a tablet holding another business’s members, and pulls afresh when re-paired to its own', async () => {
    const { ctx } = await shopWithData();
    await savePairing(ctx, 'http://shop', paired('b1'));
    await applyPulledPage(ctx, { changes: [], cursor: 40, headSeq: 40, more: false, lastMid: 0, rejections: [], serverTime: new Date().toISOString(), restored: false });
    await expect(savePairing(ctx, 'http://other', paired('b2'))).rejects.toMatchObject({ code: 'sync.otherBusiness' });
    await savePairing(ctx, 'http://shop', { ...paired('b1'), deviceId: '01900000-0000-7000-8000-0000000000ee' });
    expect(await getSyncProgress(ctx)).toMatchObject({ cursor: 0, ackedMid: 0 });
    expect(await ctx.db.outbox.count()).toBe(3);
  });

  it('queues the whole local state again when the server lost it', async () => {
    const { ctx } = await shopWithData();
    await savePairing(ctx, 'http://shop', paired('b1'));
    await acknowledgePush(ctx, 3);
    expect(await ctx.db.outbox.count()).toBe(0);
    await requeueEverything(ctx, 1);
    const batch = await nextOutboxBatch(ctx, 10);
    expect(batch.map((m) => m.mid)).toEqual([2, 3, 4]);
    expect(batch.map((m) => m.kind).sort()).toEqual(['event.append', 'event.append', 'member.upsert']);
    expect(await getSyncProgress(ctx)).toMatchObject({ cursor: 0, ackedMid: 1 });
  });

  it('refolds a balance when a void arrives before the event it cancels', async () => {
    const { ctx, member } = await shopWithData();
    const punch = (await ctx.db.events.where('memberId').equals(member.id).toArray()).find((e) => e.kind === 'stamp')!;
    const base = { deviceId: 'other', hlc: punch.hlc, programVersion: 1, at: punch.at, memberId: member.id };
    const lateStamp = { ...base, id: '01900000-0000-7000-8000-0000000000a1', kind: 'stamp' as const, stamps: 5 };
    const page = (changes: PullResponse['changes']): PullResponse => ({ changes, cursor: 0, headSeq: 0, more: false, lastMid: 0, rejections: [], serverTime: new Date().toISOString(), restored: false });
    await applyPulledPage(ctx, page([{ seq: 1, kind: 'event', event: { ...base, id: '01900000-0000-7000-8000-0000000000a2', kind: 'void', voidsId: lateStamp.id } }]));
    await applyPulledPage(ctx, page([{ seq: 2, kind: 'event', event: lateStamp }]));
    expect((await ctx.db.summaries.get(member.id))?.stamps).toBe(2);
  });
});
