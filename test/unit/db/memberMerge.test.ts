import { describe, expect, it } from 'vitest';
import { applyPulledPage, savePairing } from '../../../src/db/syncRepository';
import { getMemberStanding, recordPunch, redeemReward } from '../../../src/db/tillRepository';
import { findMemberByCode, lookupMembers } from '../../../src/db/lookup';
import { memberEvents, rebuildSummaries } from '../../../src/db/ledgerRepository';
import { enrollMember, getMemberCard } from '../../../src/db/memberRepository';
import { findLikelyDuplicates, mergeMembers } from '../../../src/db/memberMergeRepository';
import { DEFAULT_PROGRAM } from '../../../src/core/program';
import { exportMembersCsv } from '../../../src/db/memberExport';
import { loadMemberIndex } from '../../../src/db/memberList';
import { saveSettings } from '../../../src/db/settingsChanges';
import { eventRecord } from '../../support/records';
import { makeTestContext } from '../../support/dbContext';

type Ctx = Awaited<ReturnType<typeof makeTestContext>>;
const signUp = (ctx: Ctx, name: string, phone = '', email = '', marketingConsent = true) =>
  enrollMember(ctx, { name, phone, email, marketingConsent, welcomeBonus: false });

async function twoEvas() {
  const ctx = await makeTestContext();
  const { member: eva } = await signUp(ctx, 'Éva Kovács', '+36 30 123 4567');
  await recordPunch(ctx, { memberId: eva.id, stamps: 4 });
  ctx.clock.advance(3600_000);
  const { member: eva2 } = await signUp(ctx, 'Eva Kovacs', '', 'eva@example.com', false);
  await recordPunch(ctx, { memberId: eva2.id, stamps: 5 });
  return { ctx, eva, eva2 };
}

describe('merging duplicate members on the tablet', () => {
  it('lists the pair, then one record holds both cards and balances and the other is gone from every lookup', async () => {
    const { ctx, eva, eva2 } = await twoEvas();
    const { pairs } = await findLikelyDuplicates(ctx);
    expect(pairs.map((p) => [p.pair.ids, p.pair.reasons])).toEqual([[[eva.id, eva2.id], ['name']]]);

    const outboxBefore = await ctx.db.outbox.count();
    const merged = await mergeMembers(ctx, eva.id, eva2.id);
    expect(merged).toMatchObject({ cardCodes: [...eva.cardCodes, ...eva2.cardCodes], email: 'eva@example.com', consent: { marketing: false } });
    expect((await findMemberByCode(ctx, eva2.cardCodes[0]!))?.id).toBe(eva.id);
    expect((await lookupMembers(ctx, 'kovacs', 'HU')).members?.map((m) => m.id) ?? []).not.toContain(eva2.id);
    expect((await getMemberCard(ctx, eva.id))?.summary).toMatchObject({ stamps: 9, visits: 2 });
    expect(await ctx.db.summaries.get(eva2.id)).toBeUndefined();
    expect((await memberEvents(ctx, eva.id)).length).toBe(4);
    const queued = (await ctx.db.outbox.toArray()).slice(outboxBefore).map((row) => row.mutation);
    expect(queued.map((m) => (m.kind === 'member.upsert' ? [m.member.id, m.member.mergedInto] : m.kind))).toEqual([
      [eva.id, undefined],
      [eva2.id, eva.id],
    ]);
    expect((await findLikelyDuplicates(ctx)).pairs).toEqual([]);

    // One more stamp fills the default 10-stamp card only together: the till redeems one balance.
    ctx.clock.advance(3600_000);
    await recordPunch(ctx, { memberId: eva.id, stamps: 1 });
    await redeemReward(ctx, eva.id);
    expect((await getMemberStanding(ctx, eva.id)).balance.stamps).toBe(0);
  });

  it('refuses to record on the absorbed member, and merging an erased, merged or the same member, changing nothing', async () => {
    const { ctx, eva, eva2 } = await twoEvas();
    await expect(mergeMembers(ctx, eva.id, eva.id)).rejects.toMatchObject({ code: 'member.mergeSelf' });
    await mergeMembers(ctx, eva.id, eva2.id);
    const outbox = await ctx.db.outbox.count();
    await expect(recordPunch(ctx, { memberId: eva2.id, stamps: 1 })).rejects.toMatchObject({ code: 'member.merged' });
    await expect(mergeMembers(ctx, eva2.id, eva.id)).rejects.toMatchObject({ code: 'member.merged' });
    expect(await ctx.db.outbox.count()).toBe(outbox);
  });

  it('counts visits another tablet recorded offline on the absorbed member for the survivor when they arrive', async () => {
    const { ctx, eva, eva2 } = await twoEvas();
    await mergeMembers(ctx, eva.id, eva2.id);
    await savePairing(ctx, 'http://shop', {
      deviceId: '01900000-0000-7000-8000-00000000000d',
      token: 'token-token-token-token',
      businessId: 'b1',
      businessName: 'Café',
      shopId: 's1',
      shopName: 'Café',
      cardPrefix: 10042,
    });
    const offlinePunch = eventRecord('other-tablet', eva2.id, { kind: 'stamp', stamps: 2 }, ctx.now() - 60_000);
    await applyPulledPage(ctx, { changes: [{ seq: 1, kind: 'event', event: offlinePunch }], cursor: 1, headSeq: 1, more: false, lastMid: 0, rejections: [], serverTime: new Date(ctx.now()).toISOString(), restored: false });
    expect((await getMemberCard(ctx, eva.id))?.summary).toMatchObject({ stamps: 11, visits: 3 });
    expect(await ctx.db.summaries.get(eva2.id)).toBeUndefined();
    const before = await ctx.db.summaries.toArray();
    await rebuildSummaries(ctx);
    expect(await ctx.db.summaries.toArray()).toEqual(before);
  });

  it.each([
    ['from the summaries', 0],
    ['from the ledger (stamps that expire)', 365],
  ])('exports and lists the survivor with both balances and leaves the absorbed record out (%s)', async (_case, stampExpiryDays) => {
    const { ctx, eva, eva2 } = await twoEvas();
    await saveSettings(ctx, { shop: { name: 'Shop', country: 'HU', currency: 'HUF', locale: 'en' }, program: { ...DEFAULT_PROGRAM, stampExpiryDays } });
    ctx.clock.advance(3600_000);
    await recordPunch(ctx, { memberId: eva2.id, stamps: 1 });
    await mergeMembers(ctx, eva.id, eva2.id);
    const file = await exportMembersCsv(ctx, { consentingOnly: false, delimiter: ',' });
    const rows = (await file.blob.text()).replace(/^\uFEFF/, '').trim().split('\r\n').slice(1).map((line) => line.split(','));
    expect(rows.map((row) => [row[1], row[8], row[9]])).toEqual([['Éva Kovács', '3', '10']]);
    const index = await loadMemberIndex(ctx);
    expect(index?.entries.map((entry) => [entry.id, entry.stamps, entry.visits])).toEqual([[eva.id, 10, 3]]);
  });
});
