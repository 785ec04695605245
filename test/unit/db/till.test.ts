import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/core/errors';
import { hasValidCheckDigit, makeCardNumber } from '../../../src/core/cardNumber';
import { enrollMember } from '../../../src/db/memberRepository';
import { memberEvents } from '../../../src/db/ledgerRepository';
import { recordPunch, redeemReward, voidEntry } from '../../../src/db/tillRepository';
import { findMemberByCode, lookupMembers } from '../../../src/db/lookup';
import { saveSettings } from '../../../src/db/settingsChanges';
import { DEFAULT_SHOP } from '../../../src/core/program';
import { makeTestContext } from '../../support/dbContext';

const eva = { name: 'Éva Kovács', phone: '+36 30 123 4567', email: '', marketingConsent: true, welcomeBonus: false };

async function expectDomainError(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === code);
}

describe('sign-up', () => {
  it('assigns a valid card number and writes member, events, summary and outbox together', async () => {
    const ctx = await makeTestContext();
    const { member, summary } = await enrollMember(ctx, { ...eva, email: ' Eva@Example.com ' });
    expect(member.cardCodes).toHaveLength(1);
    expect(hasValidCheckDigit(member.cardCodes[0]!)).toBe(true);
    expect(member.phoneE164).toBe('+36301234567');
    expect(member.email).toBe('eva@example.com');
    expect(member.consent).toEqual({ marketing: true, at: '2026-11-23T09:00:00.000Z', textVersion: 'marketing-v1' });
    expect(summary.stamps).toBe(0);
    const outbox = await ctx.db.outbox.toArray();
    expect(outbox.map((row) => row.mutation.kind)).toEqual(['member.upsert', 'event.append']);
  });

  it('gives the welcome bonus from the program settings', async () => {
    const ctx = await makeTestContext();
    await ctx.db.settings.put({ key: 'program', value: { ...(await import('../../../src/core/program')).DEFAULT_PROGRAM, welcomeBonusStamps: 2 } });
    const { summary, events } = await enrollMember(ctx, { ...eva, welcomeBonus: true });
    expect(summary.stamps).toBe(2);
    expect(events.map((e) => e.kind)).toEqual(['enroll', 'bonus']);
  });

  it('issues distinct card numbers one after another', async () => {
    const ctx = await makeTestContext();
    const a = await enrollMember(ctx, { ...eva, phone: '' });
    const b = await enrollMember(ctx, { ...eva, phone: '' });
    expect(a.member.cardCodes[0]).not.toBe(b.member.cardCodes[0]);
  });

  it('refuses bad input and writes nothing', async () => {
    const ctx = await makeTestContext();
    await expectDomainError(enrollMember(ctx, { ...eva, name: '  ' }), 'member.nameRequired');
    await expectDomainError(enrollMember(ctx, { ...eva, phone: '12' }), 'member.phoneInvalid');
    await expectDomainError(enrollMember(ctx, { ...eva, email: 'nope' }), 'member.emailInvalid');
    await enrollMember(ctx, eva);
    await expectDomainError(enrollMember(ctx, { ...eva, name: 'Other', phone: '06 30 123 4567' }), 'member.phoneInUse');
    expect(await ctx.db.members.count()).toBe(1);
    expect(await ctx.db.outbox.count()).toBe(2);
    expect((await ctx.db.device.get('self'))!.lastCardSequence).toBe(1);
  });
});

describe('atomic writes', () => {
  it('skips a card number that a hand-linked old card already holds', async () => {
    const ctx = await makeTestContext();
    const first = await enrollMember(ctx, { ...eva, phone: '' });
    const device = (await ctx.db.device.get('self'))!;
    const taken = makeCardNumber(device.cardPrefix, device.lastCardSequence + 1);
    await ctx.db.members.update(first.member.id, { cardCodes: [...first.member.cardCodes, taken] });
    const second = await enrollMember(ctx, { ...eva, name: 'Béla', phone: '' });
    expect(second.member.cardCodes).toEqual([makeCardNumber(device.cardPrefix, device.lastCardSequence + 2)]);
  });

  it('a sign-up that fails half-way leaves no trace: no member, no event, no outbox row, no card number used', async () => {
    const ctx = await makeTestContext();
    await enrollMember(ctx, { ...eva, phone: '' });
    const device = await ctx.db.device.get('self');
    const counts = async () => ({ members: await ctx.db.members.count(), events: await ctx.db.events.count(), outbox: await ctx.db.outbox.count() });
    const before = await counts();
    // The storage fails on the ledger write, after the member row went in (as a full disk would).
    const failEventWrites = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    ctx.db.events.hook('creating', failEventWrites);
    await expect(enrollMember(ctx, { ...eva, name: 'Béla', phone: '' })).rejects.toThrow('quota');
    ctx.db.events.hook('creating').unsubscribe(failEventWrites);
    expect(await counts()).toEqual(before);
    expect(await ctx.db.device.get('self')).toEqual(device);
  });
});

describe('punch, redeem, undo', () => {
  it('fills the card, redeems with roll-over, and undoes with a void event', async () => {
    const ctx = await makeTestContext();
    const { member } = await enrollMember(ctx, eva);
    await recordPunch(ctx, { memberId: member.id, stamps: 8 });
    ctx.clock.advance(10 * 60_000);
    const { summary } = await recordPunch(ctx, { memberId: member.id, stamps: 3 });
    expect(summary.stamps).toBe(11);
    expect(summary.visits).toBe(2);
    const redeemed = await redeemReward(ctx, member.id);
    expect(redeemed.summary.stamps).toBe(1);
    await expectDomainError(redeemReward(ctx, member.id), 'redeem.notEnough');
    const undone = await voidEntry(ctx, redeemed.event.id);
    expect(undone.summary.stamps).toBe(11);
    expect(undone.event).toMatchObject({ kind: 'void', voidsId: redeemed.event.id });
    await expectDomainError(voidEntry(ctx, redeemed.event.id), 'void.alreadyVoided');
    expect((await memberEvents(ctx, member.id)).map((e) => e.kind)).toEqual(['enroll', 'stamp', 'stamp', 'redeem', 'void']);
  });

  it('asks for confirmation inside the cooldown, then records when confirmed', async () => {
    const ctx = await makeTestContext();
    const { member } = await enrollMember(ctx, eva);
    await recordPunch(ctx, { memberId: member.id, stamps: 1 });
    ctx.clock.advance(4 * 60_000);
    await expectDomainError(recordPunch(ctx, { memberId: member.id, stamps: 1 }), 'punch.cooldown');
    const { summary } = await recordPunch(ctx, { memberId: member.id, stamps: 1, confirmedDespiteCooldown: true });
    expect(summary.stamps).toBe(2);
    ctx.clock.advance(6 * 60_000);
    expect((await recordPunch(ctx, { memberId: member.id, stamps: 1 })).summary.stamps).toBe(3);
  });

  it('caps a member\'s stamps per day, not counting undone punches, and lets them collect again the next day', async () => {
    const ctx = await makeTestContext();
    await saveSettings(ctx, { shop: DEFAULT_SHOP, program: { dailyCap: 3, cooldownMinutes: 0 } });
    const { member } = await enrollMember(ctx, { name: 'Ann', phone: '', email: '', marketingConsent: false, welcomeBonus: false });
    await recordPunch(ctx, { memberId: member.id, stamps: 2 });
    const undone = await recordPunch(ctx, { memberId: member.id, stamps: 1 });
    await voidEntry(ctx, undone.event.id);
    const eventsBefore = await ctx.db.events.count();
    await expect(recordPunch(ctx, { memberId: member.id, stamps: 2 })).rejects.toMatchObject({ code: 'punch.dailyCap', params: { cap: 3, left: 1 } });
    expect(await ctx.db.events.count()).toBe(eventsBefore);
    await recordPunch(ctx, { memberId: member.id, stamps: 1 });
    await expect(recordPunch(ctx, { memberId: member.id, stamps: 1 })).rejects.toMatchObject({ code: 'punch.dailyCap', params: { left: 0 } });
    ctx.clock.advance(24 * 3600_000);
    expect((await recordPunch(ctx, { memberId: member.id, stamps: 3 })).summary.stamps).toBe(6);
  });

  it('undoing the latest visit restores the previous last visit', async () => {
    const ctx = await makeTestContext();
    const { member } = await enrollMember(ctx, eva);
    const first = await recordPunch(ctx, { memberId: member.id, stamps: 1 });
    ctx.clock.advance(60 * 60_000);
    const second = await recordPunch(ctx, { memberId: member.id, stamps: 1 });
    const { summary } = await voidEntry(ctx, second.event.id);
    expect(summary).toMatchObject({ stamps: 1, visits: 1, lastVisitAt: first.event.at });
  });

  it('lets the owner void an entry after the undo window, once, never below zero, and never a sign-up', async () => {
    const ctx = await makeTestContext();
    const { member, events } = await enrollMember(ctx, eva);
    const punch = await recordPunch(ctx, { memberId: member.id, stamps: 3 });
    const later = await recordPunch(ctx, { memberId: member.id, stamps: 2, confirmedDespiteCooldown: true });
    ctx.clock.advance(3600_000);
    await expectDomainError(voidEntry(ctx, punch.event.id), 'void.windowPassed');
    const voided = await voidEntry(ctx, punch.event.id, 'owner');
    expect(voided.event).toMatchObject({ kind: 'void', voidsId: punch.event.id, reason: 'owner' });
    expect(voided.summary.stamps).toBe(2);
    await expectDomainError(voidEntry(ctx, punch.event.id, 'owner'), 'void.alreadyVoided');
    await expectDomainError(voidEntry(ctx, events[0]!.id, 'owner'), 'void.notVoidable');
    await expectDomainError(voidEntry(ctx, voided.event.id, 'owner'), 'void.notVoidable');
    await saveSettings(ctx, { shop: DEFAULT_SHOP, program: { goal: 2 } });
    const redeemed = await redeemReward(ctx, member.id);
    // Voiding the punch the reward was paid with would leave −2 stamps.
    await expectDomainError(voidEntry(ctx, later.event.id, 'owner'), 'void.wouldGoNegative');
    expect((await voidEntry(ctx, redeemed.event.id, 'owner')).summary.stamps).toBe(2);
  });

  it('refuses an undo after the window, of an enroll, and bad stamp counts', async () => {
    const ctx = await makeTestContext();
    const { member, events } = await enrollMember(ctx, eva);
    await expectDomainError(voidEntry(ctx, events[0]!.id), 'void.notVoidable');
    await expectDomainError(recordPunch(ctx, { memberId: member.id, stamps: 0 }), 'punch.count');
    await expectDomainError(recordPunch(ctx, { memberId: member.id, stamps: 21 }), 'punch.count');
    await expectDomainError(recordPunch(ctx, { memberId: 'nobody', stamps: 1 }), 'member.notFound');
    const punch = await recordPunch(ctx, { memberId: member.id, stamps: 1 });
    ctx.clock.advance(11_000);
    await expectDomainError(voidEntry(ctx, punch.event.id), 'void.windowPassed');
    expect(await ctx.db.events.count()).toBe(2);
  });

  it('writes an outbox row with every ledger event', async () => {
    const ctx = await makeTestContext();
    const { member } = await enrollMember(ctx, eva);
    const punch = await recordPunch(ctx, { memberId: member.id, stamps: 2 });
    await voidEntry(ctx, punch.event.id);
    const events = await ctx.db.events.count();
    const outboxEvents = (await ctx.db.outbox.toArray()).filter((r) => r.mutation.kind === 'event.append');
    expect(outboxEvents).toHaveLength(events);
  });
});

describe('lookup', () => {
  it('finds members by card, phone in any format or last digits, and accent-blind name', async () => {
    const ctx = await makeTestContext();
    const { member } = await enrollMember(ctx, eva);
    await enrollMember(ctx, { ...eva, name: 'Evangelos Papadopoulos', phone: '+30 691 234 5678' });
    await enrollMember(ctx, { ...eva, name: 'Anna Virtanen', phone: '+358 40 7654321' });
    const card = member.cardCodes[0]!;
    expect((await findMemberByCode(ctx, card))?.id).toBe(member.id);
    const names = async (text: string) => (await lookupMembers(ctx, text, 'HU')).members.map((m) => m.name);
    expect(await names(card)).toEqual(['Éva Kovács']);
    expect(await names('06 30 123 4567')).toEqual(['Éva Kovács']);
    expect(await names('+36 30 123 4567')).toEqual(['Éva Kovács']);
    expect(await names('30/123-4567')).toEqual(['Éva Kovács']);
    expect(await names('4567')).toEqual(['Éva Kovács']);
    expect(await names('567')).toEqual(['Éva Kovács']);
    expect(await names('eva k')).toEqual(['Éva Kovács']);
    expect((await names('EV')).sort()).toEqual(['Evangelos Papadopoulos', 'Éva Kovács'].sort());
    expect(await names('kovacs')).toEqual(['Éva Kovács']);
    expect(await names('virt an')).toEqual(['Anna Virtanen']);
    expect(await names('virtanen an')).toEqual(['Anna Virtanen']);
    expect(await names('an vir')).toEqual(['Anna Virtanen']);
    expect(await names('zz')).toEqual([]);
    expect((await lookupMembers(ctx, '45', 'HU')).query.kind).toBe('tooShort');
  });
});
