import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/core/errors';
import { recordPunch } from '../../../src/db/tillRepository';
import { findMemberByCode } from '../../../src/db/lookup';
import { enrollMember, getMemberCard, linkCardToMember } from '../../../src/db/memberRepository';
import { editMember, eraseMember } from '../../../src/db/memberEdits';
import { makeTestContext } from '../../support/dbContext';

const signUp = (ctx: Awaited<ReturnType<typeof makeTestContext>>, name: string, phone = '') =>
  enrollMember(ctx, { name, phone, email: 'eva@example.com', marketingConsent: true, welcomeBonus: false });

describe('editing and erasing a member', () => {
  it('stamps only the changed fields with a new clock and queues the change', async () => {
    const ctx = await makeTestContext();
    const { member } = await signUp(ctx, 'Éva Kovács');
    ctx.clock.advance(1000);
    const edited = await editMember(ctx, member.id, { note: '  Oat milk ', phone: '06 30 123 4567' });
    expect(edited).toMatchObject({ name: 'Éva Kovács', note: 'Oat milk', phoneE164: '+36301234567' });
    expect(edited.clock.note).toBe(edited.clock.phoneE164);
    expect(edited.clock.note! > member.clock.name!).toBe(true);
    expect(edited.clock.name).toBe(member.clock.name);
    const outbox = await ctx.db.outbox.toArray();
    expect(outbox.at(-1)?.mutation).toEqual({ kind: 'member.upsert', member: edited });
  });

  it('queues nothing for an edit that changes nothing, and never moves updatedAt back on a slow clock', async () => {
    const ctx = await makeTestContext();
    const { member } = await signUp(ctx, 'Éva Kovács');
    const outboxBefore = await ctx.db.outbox.count();
    expect(await editMember(ctx, member.id, {})).toEqual(member);
    expect(await ctx.db.outbox.count()).toBe(outboxBefore);
    // A record synced from a tablet whose clock is three hours ahead of this one.
    ctx.clock.advance(-3 * 3600_000);
    const edited = await editMember(ctx, member.id, { note: 'VIP' });
    expect(edited.updatedAt).toBe(member.updatedAt);
    expect(edited.note).toBe('VIP');
  });

  it('refuses bad input with a domain error and changes nothing', async () => {
    const ctx = await makeTestContext();
    const { member } = await signUp(ctx, 'Éva Kovács', '+36 30 123 4567');
    const other = (await signUp(ctx, 'Anna', '+36 20 999 8888')).member;
    const outboxBefore = await ctx.db.outbox.count();
    for (const [edit, code] of [
      [{ name: '  ' }, 'member.nameRequired'],
      [{ phone: '12' }, 'member.phoneInvalid'],
      [{ phone: '+36 30 123 4567' }, 'member.phoneInUse'],
      [{ note: 'x'.repeat(1001) }, 'member.noteTooLong'],
    ] as const) {
      await expect(editMember(ctx, other.id, edit)).rejects.toMatchObject({ code });
    }
    expect(await ctx.db.outbox.count()).toBe(outboxBefore);
    expect((await getMemberCard(ctx, member.id))?.member.name).toBe('Éva Kovács');
  });

  it('links another card to a member with a new clock for the cards, and refuses a card in use or misread', async () => {
    const ctx = await makeTestContext();
    const { member } = await signUp(ctx, 'Éva Kovács');
    const other = (await signUp(ctx, 'Anna')).member;
    ctx.clock.advance(1000);
    const linked = await linkCardToMember(ctx, member.id, ' 4006381333931 ');
    expect(linked.cardCodes).toEqual([member.cardCodes[0], '4006381333931']);
    expect(linked.clock.cardCodes! > member.clock.cardCodes!).toBe(true);
    expect(linked.clock.name).toBe(member.clock.name);
    expect((await findMemberByCode(ctx, '4006381333931'))?.id).toBe(member.id);
    expect((await ctx.db.outbox.toArray()).at(-1)?.mutation).toEqual({ kind: 'member.upsert', member: linked });

    const outboxBefore = await ctx.db.outbox.count();
    await expect(linkCardToMember(ctx, other.id, '4006381333931')).rejects.toMatchObject({ code: 'card.inUse', params: { name: 'Éva Kovács' } });
    await expect(linkCardToMember(ctx, other.id, member.cardCodes[0]!)).rejects.toMatchObject({ code: 'card.inUse' });
    await expect(linkCardToMember(ctx, other.id, '%%')).rejects.toMatchObject({ code: 'scan.garbage' });
    const wrongCheck = other.cardCodes[0]!.slice(0, -1) + String((Number(other.cardCodes[0]!.at(-1)) + 1) % 10);
    await expect(linkCardToMember(ctx, other.id, wrongCheck)).rejects.toMatchObject({ code: 'card.checkDigit' });
    expect(await ctx.db.outbox.count()).toBe(outboxBefore);
  });

  it('signs up with the card in hand without using up a number, and refuses one that is taken', async () => {
    const ctx = await makeTestContext();
    const { member } = await signUp(ctx, 'Éva Kovács');
    const withOldCard = await enrollMember(ctx, { name: 'Anna', phone: '', email: '', marketingConsent: false, welcomeBonus: false, cardCode: 'OLD-4711' });
    expect(withOldCard.member.cardCodes).toEqual(['OLD-4711']);
    const next = (await signUp(ctx, 'Bence')).member;
    expect(Number(next.cardCodes[0]!.slice(5, 11))).toBe(Number(member.cardCodes[0]!.slice(5, 11)) + 1);
    const membersBefore = await ctx.db.members.count();
    await expect(
      enrollMember(ctx, { name: 'Zoé', phone: '', email: '', marketingConsent: false, welcomeBonus: false, cardCode: 'OLD-4711' }),
    ).rejects.toMatchObject({ code: 'card.inUse', params: { name: 'Anna' } });
    expect(await ctx.db.members.count()).toBe(membersBefore);
  });

  it('erases personal data but keeps the anonymous ledger; the erased member cannot be found or punched', async () => {
    const ctx = await makeTestContext();
    const { member } = await signUp(ctx, 'Éva Kovács', '+36 30 123 4567');
    await recordPunch(ctx, { memberId: member.id, stamps: 2 });
    const tombstone = await eraseMember(ctx, member.id);
    expect(tombstone).toMatchObject({ id: member.id, name: '', cardCodes: [], deletedAt: expect.any(String) });
    expect(JSON.stringify(await ctx.db.members.get(member.id))).not.toMatch(/Kovács|36301234567|example\.com/);
    expect(await findMemberByCode(ctx, member.cardCodes[0]!)).toBeUndefined();
    expect((await getMemberCard(ctx, member.id))?.summary.stamps).toBe(2);
    await expect(recordPunch(ctx, { memberId: member.id, stamps: 1 })).rejects.toBeInstanceOf(DomainError);
    await expect(editMember(ctx, member.id, { name: 'Back' })).rejects.toMatchObject({ code: 'member.erased' });
  });
});
