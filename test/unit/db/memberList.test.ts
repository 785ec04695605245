import { describe, expect, it } from 'vitest';
import { queryMembers } from '../../../src/core/memberList';
import { loadMemberIndex, observeMemberChanges, type MemberIndexProgress } from '../../../src/db/memberList';
import { enrollMember } from '../../../src/db/memberRepository';
import { eraseMember } from '../../../src/db/memberEdits';
import { saveSettings } from '../../../src/db/settingsChanges';
import { recordPurchase } from '../../../src/db/tillRepository';
import { makeTestContext } from '../../support/dbContext';

const DAY = 86_400_000;

async function shop() {
  const ctx = await makeTestContext();
  await saveSettings(ctx, {
    shop: { name: 'Kávézó', country: 'HU', currency: 'EUR', locale: 'hu' },
    program: {
      mode: 'points',
      pointsPer: 1,
      pointsSpendUnitMinor: 100,
      catalogue: [{ id: 'c', name: 'Coffee', cost: 100 }],
      cooldownMinutes: 0,
      pointsExpiry: 'afterEarning',
      pointsExpiryMonths: 1,
      tierBasis: 'spend',
      tierWindowDays: 365,
      tiers: [
        { id: 'bronze', name: 'Bronze', threshold: 0, multiplierPercent: 100 },
        { id: 'silver', name: 'Silver', threshold: 10_000, multiplierPercent: 100 },
      ],
    },
  });
  const enroll = (name: string, phone = '', email = '', marketingConsent = false) => enrollMember(ctx, { name, phone, email, marketingConsent, welcomeBonus: false }).then((e) => e.member);
  const eva = await enroll('Kovács Éva', '+36 30 123 4567', 'eva@example.hu', true);
  const bob = await enroll('Bob Smith');
  const gone = await enroll('Gone Person', '+36 20 999 8888');
  const merged = await enroll('Éva Kovács (duplicate)');
  await recordPurchase(ctx, { memberId: eva.id, amountMinor: 12_345 });
  ctx.clock.advance(40 * DAY);
  await recordPurchase(ctx, { memberId: eva.id, amountMinor: 5_000 });
  await eraseMember(ctx, gone.id);
  await ctx.db.members.update(merged.id, { mergedInto: eva.id });
  return { ctx, eva, bob };
}

describe('the members list index', () => {
  it('holds every listed member with what the list shows, worked out as the export does; erased and merged ones left out', async () => {
    const { ctx, eva, bob } = await shop();
    const chunks: MemberIndexProgress[] = [];
    const index = (await loadMemberIndex(ctx, { chunkSize: 2, onChunk: (progress) => chunks.push(progress) }))!;
    expect(index.entries.map((e) => e.name).sort()).toEqual(['Bob Smith', 'Kovács Éva']);
    // 4 members in chunks of 2: progress after each, the listed ones of each chunk handed over.
    expect(chunks.map((c) => [c.done, c.total])).toEqual([
      [2, 4],
      [4, 4],
    ]);
    expect(chunks.flatMap((c) => c.entries).map((e) => e.id).sort()).toEqual(index.entries.map((e) => e.id).sort());
    const evaEntry = index.entries.find((e) => e.id === eva.id)!;
    expect(evaEntry).toMatchObject({
      phoneE164: '+36301234567',
      phoneDigits: '36301234567',
      email: 'eva@example.hu',
      cardCodes: eva.cardCodes,
      consent: true,
      visits: 2,
      spendMinor: 17_345,
      // 123 points of the first purchase expired after a month (as in the CSV export).
      points: 50,
      tierId: 'silver',
      tierName: 'Silver',
      segment: 'regular',
      lastVisitAt: new Date(ctx.now()).toISOString(),
    });
    expect(index.entries.find((e) => e.id === bob.id)).toMatchObject({ consent: false, visits: 0, points: 0, tierId: 'bronze', segment: 'regular' });
    expect(index.program.mode).toBe('points');
  });

  it('answers searches over what it loaded', async () => {
    const { ctx, eva } = await shop();
    const index = (await loadMemberIndex(ctx))!;
    const find = (search: string) => queryMembers(index.entries, { search, filters: {} }, { field: 'name', descending: false }).map((e) => e.id);
    expect(find('eva')).toEqual([eva.id]);
    expect(find('4567')).toEqual([eva.id]);
    expect(find(eva.cardCodes[0]!)).toEqual([eva.id]);
    expect(find('example.hu')).toEqual([eva.id]);
    // The erased member's phone and the merged duplicate's name find nobody.
    expect(find('999 8888')).toEqual([]);
    expect(find('duplicate')).toEqual([]);
  });

  it('stops when aborted', async () => {
    const { ctx } = await shop();
    const controller = new AbortController();
    let chunks = 0;
    const index = await loadMemberIndex(ctx, {
      chunkSize: 1,
      signal: controller.signal,
      onChunk: () => {
        chunks++;
        controller.abort();
      },
    });
    expect(index).toBeUndefined();
    expect(chunks).toBe(1);
  });

  it('tells when members or their summaries change, not before', async () => {
    const { ctx, eva } = await shop();
    let changes = 0;
    const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
    const stop = observeMemberChanges(ctx, () => changes++);
    await settle();
    expect(changes).toBe(0);
    await recordPurchase(ctx, { memberId: eva.id, amountMinor: 100 });
    await settle();
    expect(changes).toBeGreaterThan(0);
    const afterPurchase = changes;
    await enrollMember(ctx, { name: 'New One', phone: '', email: '', marketingConsent: false, welcomeBonus: false });
    await settle();
    expect(changes).toBeGreaterThan(afterPurchase);
    stop();
    const afterStop = changes;
    await ctx.db.members.update(eva.id, { name: 'Renamed' });
    await settle();
    expect(changes).toBe(afterStop);
  });

  it('tells when a member is only edited (no count changes)', async () => {
    const { ctx, eva } = await shop();
    let changes = 0;
    const stop = observeMemberChanges(ctx, () => changes++);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await ctx.db.members.update(eva.id, { name: 'Renamed' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    stop();
    expect(changes).toBeGreaterThan(0);
  });
});
