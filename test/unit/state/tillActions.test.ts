import { describe, expect, it } from 'vitest';
import { makeCardNumber } from '../../../src/core/cardNumber';
import { createTillStore } from '../../../src/state/store';
import { createTillActions } from '../../../src/state/tillActions';
import { makeTestContext } from '../../support/dbContext';

async function setUp() {
  const ctx = await makeTestContext();
  const store = createTillStore();
  let writes = 0;
  const actions = createTillActions(ctx, store, { afterWrite: () => writes++ });
  return { ctx, store, actions, writes: () => writes };
}

const eva = { name: 'Éva Kovács', phone: '06 30 123 4567', email: '', marketingConsent: true, welcomeBonus: false };

describe('till actions', () => {
  it('signs up: shows the new card, selects the member and reports the write once', async () => {
    const { ctx, store, actions, writes } = await setUp();
    expect(await actions.enroll(eva)).toBe(true);
    const state = store.getState();
    const member = await ctx.db.members.get(state.cardMemberId!);
    expect(state).toMatchObject({ screen: 'card', selectedMemberId: member!.id, feedback: { tone: 'success', key: 'feedback.enrolled' } });
    expect(state.feedback!.params).toEqual({ name: 'Éva Kovács', code: member!.cardCodes[0] });
    expect(writes()).toBe(1);
  });

  it('routes scans: member opened, wrong check digit explained, a free card of ours starts sign-up with it', async () => {
    const { ctx, store, actions } = await setUp();
    await actions.enroll(eva);
    const memberId = store.getState().cardMemberId!;
    const card = store.getState().feedback!.params.code as string;
    actions.closeCard();
    actions.closeMember();

    await actions.handleScan(card);
    expect(store.getState().selectedMemberId).toBe(memberId);

    const wrong = card.slice(0, -1) + String((Number(card.at(-1)) + 1) % 10);
    await actions.handleScan(wrong);
    expect(store.getState().feedback).toMatchObject({ tone: 'error', key: 'error.card.checkDigit', params: { code: wrong } });

    actions.closeMember();
    const prePrinted = makeCardNumber(90000, 999_999);
    await actions.handleScan(prePrinted);
    expect(store.getState()).toMatchObject({ screen: 'enroll', enrollCardCode: prePrinted, feedback: { key: 'enroll.cardAttached' } });
    expect(await actions.enroll({ ...eva, name: 'Anna', phone: '' })).toBe(true);
    const anna = await ctx.db.members.get(store.getState().cardMemberId!);
    expect(anna!.cardCodes).toEqual([prePrinted]);
    expect(store.getState().enrollCardCode).toBeUndefined();
  });

  it('gives a card scanned during sign-up to the new member, unless someone holds it', async () => {
    const { ctx, store, actions } = await setUp();
    await actions.enroll(eva);
    const evaCard = store.getState().feedback!.params.code as string;
    actions.startEnrollment();
    await actions.handleScan(evaCard);
    expect(store.getState()).toMatchObject({ screen: 'enroll', enrollCardCode: undefined, feedback: { tone: 'error', key: 'error.card.inUse', params: { name: 'Éva Kovács' } } });
    await actions.handleScan('OLD-CARD-4711');
    expect(store.getState()).toMatchObject({ enrollCardCode: 'OLD-CARD-4711', feedback: { key: 'enroll.cardAttached' } });
    expect(await actions.enroll({ ...eva, name: 'Bence', phone: '' })).toBe(true);
    expect((await ctx.db.members.get(store.getState().cardMemberId!))!.cardCodes).toEqual(['OLD-CARD-4711']);
  });

  it('asks what to do with a foreign card: link it to a picked member, or sign up with it', async () => {
    const { ctx, store, actions } = await setUp();
    await actions.enroll(eva);
    const memberId = store.getState().cardMemberId!;
    actions.closeCard();
    actions.closeMember();

    await actions.handleScan('4006381333931');
    expect(store.getState()).toMatchObject({ pendingCard: '4006381333931', selectedMemberId: undefined });
    await actions.pickMember(memberId);
    expect(store.getState()).toMatchObject({ pendingCard: undefined, selectedMemberId: memberId, feedback: { tone: 'success', key: 'feedback.cardLinked' } });
    expect((await ctx.db.members.get(memberId))!.cardCodes).toHaveLength(2);
    actions.closeMember();
    await actions.handleScan('4006381333931');
    expect(store.getState().selectedMemberId).toBe(memberId);

    // A free card of ours while a member is open may be a replacement: ask, do not start a sign-up.
    const replacement = makeCardNumber(90000, 999_998);
    await actions.handleScan(replacement);
    expect(store.getState()).toMatchObject({ screen: 'till', pendingCard: replacement });
    actions.signUpWithPendingCard();
    expect(store.getState()).toMatchObject({ screen: 'enroll', enrollCardCode: replacement, pendingCard: undefined });
    actions.cancelEnrollment();
    expect(store.getState()).toMatchObject({ screen: 'till', enrollCardCode: undefined });
  });

  it('prompts inside the cooldown, punches on confirmation, and undoes the last action', async () => {
    const { ctx, store, actions } = await setUp();
    await actions.enroll(eva);
    const memberId = store.getState().cardMemberId!;
    await actions.punch(memberId, 2);
    expect(store.getState().feedback).toMatchObject({ tone: 'success', key: 'feedback.punched', params: { count: 2 } });
    ctx.clock.advance(60_000);
    await actions.punch(memberId, 1);
    expect(store.getState().cooldownPrompt).toEqual({ memberId, visit: { kind: 'punch', stamps: 1 }, minutes: 5 });
    await actions.confirmCooldownPunch();
    expect(store.getState().cooldownPrompt).toBeUndefined();
    expect((await ctx.db.summaries.get(memberId))!.stamps).toBe(3);
    await actions.undoLast();
    expect((await ctx.db.summaries.get(memberId))!.stamps).toBe(2);
    expect(store.getState()).toMatchObject({ lastAction: undefined, feedback: { key: 'feedback.undone' }, writesInFlight: 0 });
  });

  it('Enter in the search box opens a single match, explains a bad card number, and asks for more text', async () => {
    const { store, actions } = await setUp();
    await actions.enroll(eva);
    const memberId = store.getState().cardMemberId!;
    actions.closeCard();
    actions.closeMember();
    await actions.submitQuery('06 30 123 4567');
    expect(store.getState().selectedMemberId).toBe(memberId);
    actions.closeMember();
    await actions.submitQuery('912340000010');
    expect(store.getState()).toMatchObject({ selectedMemberId: undefined, feedback: { key: 'error.card.checkDigit' } });
    // Typed digits nobody holds are never taken for a new card: they may be a phone number.
    for (const typed of [makeCardNumber(90000, 999_999), '+36 20 555 1234']) {
      await actions.submitQuery(typed);
      expect(store.getState(), typed).toMatchObject({ screen: 'till', feedback: { key: 'error.card.unknown' } });
      expect(store.getState().pendingCard, typed).toBeUndefined();
    }
    await actions.submitQuery('4 5');
    expect(store.getState().feedback).toMatchObject({ key: 'error.query.tooShort' });
  });

  it('turns a failed write into a translated message and leaves no write in flight', async () => {
    const { store, actions } = await setUp();
    expect(await actions.enroll({ ...eva, name: '' })).toBe(false);
    expect(store.getState()).toMatchObject({ writesInFlight: 0, feedback: { tone: 'error', key: 'error.member.nameRequired' } });
  });

  it('voids an earlier entry only while the owner session is open', async () => {
    const { ctx, store, actions } = await setUp();
    await actions.enroll(eva);
    const memberId = store.getState().cardMemberId!;
    await actions.punch(memberId, 2);
    const punchId = store.getState().lastAction!.eventId;
    ctx.clock.advance(3600_000);
    await actions.voidAsOwner(punchId);
    expect(store.getState().feedback).toMatchObject({ tone: 'error', key: 'history.needsOwner' });
    expect((await ctx.db.summaries.get(memberId))!.stamps).toBe(2);
    store.setState({ ownerUnlockedUntil: ctx.now() + 60_000 });
    await actions.voidAsOwner(punchId);
    expect(store.getState()).toMatchObject({ lastAction: undefined, feedback: { key: 'history.voidedFeedback' } });
    expect((await ctx.db.summaries.get(memberId))!.stamps).toBe(0);
  });
});
