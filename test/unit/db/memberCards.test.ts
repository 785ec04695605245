import { describe, expect, it } from 'vitest';
import { makeCardNumber } from '../../../src/core/cardNumber';
import { findMemberByCode } from '../../../src/db/lookup';
import { enrollMember, linkCardToMember } from '../../../src/db/memberRepository';
import { eraseMember, removeCardFromMember } from '../../../src/db/memberEdits';
import { reserveCardNumbers } from '../../../src/db/deviceRepository';
import { makeTestContext } from '../../support/dbContext';

type Ctx = Awaited<ReturnType<typeof makeTestContext>>;
const signUp = (ctx: Ctx, name: string, cardCode?: string) =>
  enrollMember(ctx, { name, phone: '', email: '', marketingConsent: false, welcomeBonus: false, ...(cardCode ? { cardCode } : {}) });

describe('removing a card from a member', () => {
  it('takes the card off with a new clock for the cards, queues the change, and frees the code', async () => {
    const ctx = await makeTestContext();
    const { member } = await signUp(ctx, 'Éva Kovács');
    const first = member.cardCodes[0]!;
    ctx.clock.advance(1000);
    const linked = await linkCardToMember(ctx, member.id, '4006381333931');
    ctx.clock.advance(1000);
    const removed = await removeCardFromMember(ctx, member.id, first);
    expect(removed.cardCodes).toEqual(['4006381333931']);
    expect(removed.clock.cardCodes! > linked.clock.cardCodes!).toBe(true);
    expect(removed.clock.name).toBe(member.clock.name);
    expect(removed.updatedAt > linked.updatedAt).toBe(true);
    expect((await ctx.db.outbox.toArray()).at(-1)?.mutation).toEqual({ kind: 'member.upsert', member: removed });
    expect(await findMemberByCode(ctx, first)).toBeUndefined();
    expect((await findMemberByCode(ctx, '4006381333931'))?.id).toBe(member.id);
    // The freed code can go to someone else.
    const other = (await signUp(ctx, 'Anna')).member;
    expect((await linkCardToMember(ctx, other.id, first)).cardCodes).toContain(first);
  });

  it('refuses the last card, a card the member does not hold, and an erased member, changing nothing', async () => {
    const ctx = await makeTestContext();
    const { member } = await signUp(ctx, 'Éva Kovács');
    const other = (await signUp(ctx, 'Anna')).member;
    const outboxBefore = await ctx.db.outbox.count();
    await expect(removeCardFromMember(ctx, member.id, member.cardCodes[0]!)).rejects.toMatchObject({ code: 'card.lastCard' });
    await expect(removeCardFromMember(ctx, member.id, other.cardCodes[0]!)).rejects.toMatchObject({ code: 'card.notHeld', params: { code: other.cardCodes[0] } });
    await expect(removeCardFromMember(ctx, 'no-such-member', member.cardCodes[0]!)).rejects.toMatchObject({ code: 'member.notFound' });
    expect(await ctx.db.outbox.count()).toBe(outboxBefore);
    expect((await findMemberByCode(ctx, member.cardCodes[0]!))?.id).toBe(member.id);
    await eraseMember(ctx, other.id);
    await expect(removeCardFromMember(ctx, other.id, other.cardCodes[0]!)).rejects.toMatchObject({ code: 'member.erased' });
  });
});

describe('what happens to the card numbers of an erased member', () => {
  it('removes them with the personal data: the card is unknown, a sign-up can take it, and this tablet never issues it again', async () => {
    const ctx = await makeTestContext();
    const { member } = await signUp(ctx, 'Éva Kovács');
    const issued = member.cardCodes[0]!;
    const oldCard = (await linkCardToMember(ctx, member.id, 'OLD-4711')).cardCodes[1]!;
    const device = (await ctx.db.device.get('self'))!;
    expect(issued).toBe(makeCardNumber(device.cardPrefix, 1));

    const tombstone = await eraseMember(ctx, member.id);
    expect(tombstone.cardCodes).toEqual([]);
    expect(await findMemberByCode(ctx, issued)).toBeUndefined();
    expect(await findMemberByCode(ctx, oldCard)).toBeUndefined();
    expect(await ctx.db.members.where('cardCodes').equals(issued).count()).toBe(0);

    // The sequence only moves on: new sign-ups and sheets of blank cards never get the number back.
    const later = await Promise.all(Array.from({ length: 5 }, (_, i) => signUp(ctx, `Member ${i}`)));
    const blanks = await reserveCardNumbers(ctx, 10);
    expect([...later.flatMap((e) => e.member.cardCodes), ...blanks]).not.toContain(issued);
    expect((await ctx.db.device.get('self'))!.lastCardSequence).toBeGreaterThan(1);

    // The card brought back later is a free card: a new sign-up with it in hand works.
    const newcomer = await signUp(ctx, 'Zoé', issued);
    expect(newcomer.member.cardCodes).toEqual([issued]);
    expect((await findMemberByCode(ctx, issued))?.id).toBe(newcomer.member.id);
    const another = await signUp(ctx, 'Bence', oldCard);
    expect((await findMemberByCode(ctx, oldCard))?.id).toBe(another.member.id);
    // The erased member's anonymous ledger stays theirs, not the newcomer's.
    expect(await ctx.db.events.where('memberId').equals(member.id).count()).toBeGreaterThan(0);
    expect(await ctx.db.events.where('memberId').equals(newcomer.member.id).count()).toBe(1);
  });
});
