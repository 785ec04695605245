import { describe, expect, it } from 'vitest';
import { findMemberByCode } from '../../../src/db/lookup';
import { getMemberCard } from '../../../src/db/memberRepository';
import { recordPunch, voidEntry } from '../../../src/db/tillRepository';
import { enrollMember } from '../../../src/db/memberRepository';
import { readMemberData } from '../../../src/db/memberDataExport';
import { confirmsName, createMemberPageActions, memberForm } from '../../../src/state/memberPageActions';
import { createTillStore } from '../../../src/state/store';
import { createTillActions } from '../../../src/state/tillActions';
import { makeTestContext } from '../../support/dbContext';

async function setUp() {
  const ctx = await makeTestContext();
  const store = createTillStore({ settingsOpen: true, ownerUnlockedUntil: ctx.now() + 5 * 60_000 });
  const actions = createMemberPageActions(ctx, store);
  const { member } = await enrollMember(ctx, { name: 'Éva Kovács', phone: '+36 30 123 4567', email: 'eva@example.com', marketingConsent: false, welcomeBonus: false });
  return { ctx, store, actions, member };
}

const LOCKED = { ok: false, error: { key: 'owner.locked', params: {} } };

describe('member page actions', () => {
  it('refuses every action once the owner session has lapsed, writing nothing', async () => {
    const { ctx, store, actions, member } = await setUp();
    ctx.clock.advance(5 * 60_000);
    const outbox = await ctx.db.outbox.count();
    expect(await actions.saveMember(member, { ...memberForm(member), name: 'Other' })).toEqual({ ok: false, fieldErrors: {}, error: LOCKED.error });
    expect(await actions.addCard(member.id, 'OLD-4711')).toEqual(LOCKED);
    expect(await actions.removeCard(member.id, member.cardCodes[0]!)).toEqual(LOCKED);
    expect(await actions.erase(member, 'Éva Kovács')).toEqual(LOCKED);
    expect(await actions.exportData(member.id)).toEqual(LOCKED);
    expect(await actions.readData(member.id)).toEqual(LOCKED);
    expect(store.getState().feedback).toMatchObject({ tone: 'error', key: 'owner.locked' });
    expect(await ctx.db.outbox.count()).toBe(outbox);
    expect((await getMemberCard(ctx, member.id))?.member.name).toBe('Éva Kovács');
  });

  it('saves only the fields that changed, and announces it', async () => {
    const { ctx, store, actions, member } = await setUp();
    ctx.clock.advance(1000);
    const form = { ...memberForm(member), phone: '06 30 123 4567', note: ' Oat milk ', marketingConsent: true };
    expect(await actions.saveMember(member, form)).toEqual({ ok: true, changed: true });
    const saved = (await getMemberCard(ctx, member.id))!.member;
    expect(saved).toMatchObject({ name: 'Éva Kovács', phoneE164: '+36301234567', note: 'Oat milk', consent: { marketing: true } });
    // The phone typed another way is the same number: its clock stays, like the name's.
    expect(saved.clock.phoneE164).toBe(member.clock.phoneE164);
    expect(saved.clock.name).toBe(member.clock.name);
    expect(saved.clock.note! > member.clock.name!).toBe(true);
    expect(store.getState().feedback).toMatchObject({ tone: 'success', key: 'memberPage.saved', params: { name: 'Éva Kovács' } });

    const outbox = await ctx.db.outbox.count();
    expect(await actions.saveMember(saved, memberForm(saved))).toEqual({ ok: true, changed: false });
    expect(await ctx.db.outbox.count()).toBe(outbox);
    expect(store.getState().feedback).toMatchObject({ key: 'memberPage.nothingChanged' });
  });

  it('reports every wrong field at once and changes nothing', async () => {
    const { ctx, store, actions, member } = await setUp();
    const other = (await enrollMember(ctx, { name: 'Anna', phone: '+36 20 999 8888', email: '', marketingConsent: false, welcomeBonus: false })).member;
    const outbox = await ctx.db.outbox.count();
    const result = await actions.saveMember(member, { name: ' ', phone: '12', email: 'not an email', note: 'x'.repeat(1001), marketingConsent: true });
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        name: { key: 'error.member.nameRequired', params: {} },
        phone: { key: 'error.member.phoneInvalid', params: {} },
        email: { key: 'error.member.emailInvalid', params: {} },
        note: { key: 'error.member.noteTooLong', params: { max: 1000 } },
      },
    });
    expect(store.getState().feedback).toMatchObject({ tone: 'error', key: 'memberPage.fixFields' });
    // A phone another member holds is found by the write itself: still the phone field's error.
    expect(await actions.saveMember(member, { ...memberForm(member), phone: '+36 20 999 8888', note: 'VIP' })).toEqual({
      ok: false,
      fieldErrors: { phone: { key: 'error.member.phoneInUse', params: { name: other.name } } },
    });
    expect(await ctx.db.outbox.count()).toBe(outbox);
    expect((await getMemberCard(ctx, member.id))!.member).toEqual(member);
  });

  it('links and removes cards, never the last one, with feedback', async () => {
    const { ctx, store, actions, member } = await setUp();
    const first = member.cardCodes[0]!;
    expect(await actions.removeCard(member.id, first)).toEqual({ ok: false, error: { key: 'error.card.lastCard', params: { code: first } } });
    const added = await actions.addCard(member.id, ' 4006381333931 ');
    expect(added).toMatchObject({ ok: true, value: { cardCodes: [first, '4006381333931'] } });
    expect(store.getState().feedback).toMatchObject({ tone: 'success', key: 'memberPage.cardAdded', params: { code: '4006381333931', name: 'Éva Kovács' } });
    expect(await actions.removeCard(member.id, first)).toMatchObject({ ok: true, value: { cardCodes: ['4006381333931'] } });
    expect(store.getState().feedback).toMatchObject({ key: 'memberPage.cardRemoved', params: { code: first } });
    expect(await findMemberByCode(ctx, first)).toBeUndefined();
    expect(await actions.addCard(member.id, '%%')).toMatchObject({ ok: false, error: { key: 'error.scan.garbage' } });
  });

  it('erases only when the name typed matches; the card then starts a sign-up at the till', async () => {
    const { ctx, store, actions, member } = await setUp();
    const card = member.cardCodes[0]!;
    expect(await actions.erase(member, 'Eva')).toEqual({ ok: false, error: { key: 'memberPage.eraseMismatch', params: {} } });
    expect((await getMemberCard(ctx, member.id))!.member.deletedAt).toBeUndefined();
    expect(confirmsName('  eva   KOVACS ', member.name)).toBe(true);
    expect(confirmsName('', '')).toBe(false);
    expect(await actions.erase(member, 'eva kovacs')).toMatchObject({ ok: true, value: { name: '', cardCodes: [], deletedAt: expect.any(String) } });
    expect(store.getState().feedback).toMatchObject({ tone: 'success', key: 'memberPage.erased' });

    const till = createTillActions(ctx, store);
    await till.handleScan(card);
    expect(store.getState()).toMatchObject({ screen: 'enroll', enrollCardCode: card });
  });

  it('exports the member’s data with every entry, voids included, as a named JSON file', async () => {
    const { ctx, store, actions, member } = await setUp();
    for (let i = 0; i < 30; i++) {
      ctx.clock.advance(10 * 60_000);
      await recordPunch(ctx, { memberId: member.id, stamps: 1 });
    }
    const last = (await ctx.db.events.where('memberId').equals(member.id).toArray()).find((e) => e.kind === 'stamp')!;
    await voidEntry(ctx, last.id, 'owner');
    store.setState({ ownerUnlockedUntil: ctx.now() + 60_000 });
    const result = await actions.exportData(member.id);
    if (!result.ok) throw new Error(`export failed: ${JSON.stringify(result.error)}`);
    const { data, blob, fileName } = result.value;
    expect(fileName).toMatch(/^my-shop-member-\d{12}-\d{4}-\d{2}-\d{2}\.json$/);
    expect(fileName).toContain(member.cardCodes[0]!);
    const stored = await ctx.db.events.where('memberId').equals(member.id).toArray();
    expect(data.events.map((e) => e.id).sort()).toEqual(stored.map((e) => e.id).sort());
    expect(data.events).toHaveLength(32);
    expect(data.events.find((e) => e.id === last.id)).toMatchObject({ voidedBy: expect.any(String) });
    expect(data.summary).toMatchObject({ visits: 29, entries: 32 });
    expect(JSON.parse(await blob.text())).toEqual(data);
    expect(await readMemberData(ctx, member.id)).toEqual(data);
  });
});
