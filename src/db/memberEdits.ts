import { DomainError } from '../core/errors';
import { cleanEmail, cleanName, cleanNote } from '../core/memberInput';
import { later, scrubMember } from '../core/memberMerge';
import { CONSENT_TEXT_VERSION } from '../core/program';
import type { Member, MemberField } from '../core/types';
import { isoAt, type DbContext } from './context';
import { advanceDevice } from './deviceRepository';
import { requireLiveMember } from './ledgerRepository';
import { assertPhoneFree, parsePhone } from './memberRepository';
import { fromMemberRow, toMemberRow } from './memberRows';
import { getShop } from './settingsRepository';

// The owner's changes to a member from the member page: edit, remove a card, erase. Loaded with
// the owner area, never at the till (sign-up and linking a card at the till: memberRepository).

/** What the owner may change about a member; fields left out stay as they are. */
export interface MemberEdit {
  name?: string;
  phone?: string;
  email?: string;
  note?: string;
  marketingConsent?: boolean;
}

/**
 * Changes some fields of a member. Each changed field gets a new HLC, so that edits made on
 * other tablets to other fields survive the sync, and edits to the same field resolve to the
 * later one everywhere.
 */
export async function editMember(ctx: DbContext, memberId: string, edit: MemberEdit): Promise<Member> {
  const changes: Partial<Member> = {};
  if (edit.name !== undefined) changes.name = cleanName(edit.name);
  if (edit.phone !== undefined) changes.phoneE164 = await parsePhone(edit.phone, (await getShop(ctx)).country);
  if (edit.email !== undefined) changes.email = cleanEmail(edit.email);
  if (edit.note !== undefined) changes.note = cleanNote(edit.note);
  const touchesNothing = Object.keys(changes).length === 0 && edit.marketingConsent === undefined;
  return ctx.db.transaction('rw', ctx.db.members, ctx.db.outbox, ctx.db.device, async () => {
    const current = fromMemberRow(await requireLiveMember(ctx, memberId));
    if (touchesNothing) return current;
    if (changes.phoneE164) await assertPhoneFree(ctx, changes.phoneE164, memberId);
    const { hlc } = await advanceDevice(ctx, { cardNumber: false });
    const now = isoAt(ctx.now());
    // A tablet whose clock is behind must not move updatedAt back: the server keeps the later
    // one and, seeing nothing new, would never send it back to this tablet.
    const next: Member = { ...current, updatedAt: later(current.updatedAt, now), clock: { ...current.clock } };
    const fields = Object.keys(changes) as (keyof typeof changes & MemberField)[];
    for (const field of fields) {
      const value = changes[field];
      if (value === undefined) delete next[field];
      else (next as unknown as Record<string, unknown>)[field] = value;
      next.clock[field] = hlc;
    }
    if (edit.marketingConsent !== undefined) {
      next.consent = { marketing: edit.marketingConsent, at: now, textVersion: CONSENT_TEXT_VERSION };
      next.clock.consent = hlc;
    }
    await ctx.db.members.put(toMemberRow(next));
    await ctx.db.outbox.add({ mutation: { kind: 'member.upsert', member: next } });
    return next;
  });
}

/**
 * Takes a card off a member (lost, broken, or linked by mistake): the code is free again, so it
 * can be linked to someone else or start a sign-up. A member keeps at least one card, so that the
 * till can always show and print one: link the replacement first, then remove the old card.
 */
export async function removeCardFromMember(ctx: DbContext, memberId: string, code: string): Promise<Member> {
  return ctx.db.transaction('rw', ctx.db.members, ctx.db.outbox, ctx.db.device, async () => {
    const current = fromMemberRow(await requireLiveMember(ctx, memberId));
    if (!current.cardCodes.includes(code)) throw new DomainError('card.notHeld', { code });
    if (current.cardCodes.length <= 1) throw new DomainError('card.lastCard', { code });
    const { hlc } = await advanceDevice(ctx, { cardNumber: false });
    const next: Member = {
      ...current,
      cardCodes: current.cardCodes.filter((held) => held !== code),
      updatedAt: later(current.updatedAt, isoAt(ctx.now())),
      clock: { ...current.clock, cardCodes: hlc },
    };
    await ctx.db.members.put(toMemberRow(next));
    await ctx.db.outbox.add({ mutation: { kind: 'member.upsert', member: next } });
    return next;
  });
}

/**
 * Erases a member's personal data for good: the record becomes a tombstone (which beats any
 * edit from any tablet once synced) and the anonymous ledger stays for the shop's figures.
 */
export async function eraseMember(ctx: DbContext, memberId: string): Promise<Member> {
  return ctx.db.transaction('rw', ctx.db.members, ctx.db.outbox, async () => {
    const row = await ctx.db.members.get(memberId);
    if (!row) throw new DomainError('member.notFound');
    const tombstone = scrubMember(fromMemberRow(row), row.deletedAt ?? isoAt(ctx.now()));
    await ctx.db.members.put(toMemberRow(tombstone));
    await ctx.db.outbox.add({ mutation: { kind: 'member.upsert', member: tombstone } });
    return tombstone;
  });
}
