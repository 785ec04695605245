import { describe, expect, it } from 'vitest';
import { enrollMember, getMemberCard } from '../../../src/db/memberRepository';
import { createMemberMergeActions } from '../../../src/state/memberMergeActions';
import { createTillStore } from '../../../src/state/store';
import { createTillActions } from '../../../src/state/tillActions';
import { makeTestContext } from '../../support/dbContext';

async function setUp() {
  const ctx = await makeTestContext();
  const store = createTillStore({ settingsOpen: true, ownerUnlockedUntil: ctx.now() + 5 * 60_000 });
  const actions = createMemberMergeActions(ctx, store);
  const signUp = (name: string) => enrollMember(ctx, { name, phone: '', email: '', marketingConsent: true, welcomeBonus: false });
  const { member: eva } = await signUp('Éva Kovács');
  const { member: eva2 } = await signUp('Kovács Éva');
  return { ctx, store, actions, eva, eva2 };
}

describe('duplicate merge actions', () => {
  it('find the pair and merge it, announcing the merge', async () => {
    const { ctx, store, actions, eva, eva2 } = await setUp();
    const found = await actions.findDuplicates();
    expect(found.ok && found.value.pairs.map((p) => p.pair.ids)).toEqual([[eva.id, eva2.id]]);
    const merged = await actions.mergeMembers(eva, eva2);
    expect(merged).toMatchObject({ ok: true, value: { id: eva.id, cardCodes: [...eva.cardCodes, ...eva2.cardCodes] } });
    expect(store.getState().feedback).toMatchObject({ tone: 'success', key: 'merge.done', params: { name: 'Éva Kovács', other: 'Kovács Éva' } });
    expect((await getMemberCard(ctx, eva2.id))?.member.mergedInto).toBe(eva.id);
  });

  it('move the till from a member merged away to the member it was merged into', async () => {
    const { ctx, store, actions, eva, eva2 } = await setUp();
    const till = createTillActions(ctx, store);
    await till.pickMember(eva2.id);
    await till.followMerge(eva2.id);
    expect(store.getState().selectedMemberId).toBe(eva2.id);
    await actions.mergeMembers(eva, eva2);
    await till.followMerge(eva2.id);
    expect(store.getState().selectedMemberId).toBe(eva.id);
  });

  it('refuse once the owner session has lapsed, and report a refused merge, changing nothing', async () => {
    const { ctx, store, actions, eva, eva2 } = await setUp();
    expect(await actions.mergeMembers(eva, eva)).toMatchObject({ ok: false, error: { key: 'error.member.mergeSelf' } });
    ctx.clock.advance(5 * 60_000);
    const outbox = await ctx.db.outbox.count();
    expect(await actions.findDuplicates()).toEqual({ ok: false, error: { key: 'owner.locked', params: {} } });
    expect(await actions.mergeMembers(eva, eva2)).toEqual({ ok: false, error: { key: 'owner.locked', params: {} } });
    expect(store.getState().feedback).toMatchObject({ tone: 'error', key: 'owner.locked' });
    expect(await ctx.db.outbox.count()).toBe(outbox);
  });
});
