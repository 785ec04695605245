import { DomainError } from '../core/errors';
import { newId } from '../core/ids';
import { emptySummary } from '../core/ledger';
import { cleanEmail, cleanName, MAX_CARDS_PER_MEMBER } from '../core/memberInput';
import { later } from '../core/memberMerge';
import { CONSENT_TEXT_VERSION } from '../core/program';
import { requireCardCode } from '../core/scanCode';
import { reverseDigits } from '../core/search';
import type { Hlc, Iso, LedgerEvent, LoyaltyProgram, Member, MemberField, MemberSummary } from '../core/types';
import { isoAt, type DbContext } from './context';
import { advanceDevice, isCardNumberHeld } from './deviceRepository';
import { appendEvent, ledgerTables, requireLiveMember } from './ledgerRepository';
import { findMemberByCode } from './lookup';
import { fromMemberRow, toMemberRow } from './memberRows';
import { getProgram, getShop } from './settingsRepository';

export interface EnrollmentInput {
  name: string;
  phone: string;
  email: string;
  marketingConsent: boolean;
  welcomeBonus: boolean;
  /** The card in hand (pre-printed, or an old one of another system); a new number otherwise. */
  cardCode?: string;
}

export interface Enrollment {
  member: Member;
  summary: MemberSummary;
  events: LedgerEvent[];
}

export async function parsePhone(raw: string, country: string): Promise<string | undefined> {
  if (raw.trim() === '') return undefined;
  // libphonenumber is ~30 KB gzip: loaded on first use, never in the till's initial bundle.
  const { toE164 } = await import('../core/phone');
  const e164 = toE164(raw, country);
  if (!e164) throw new DomainError('member.phoneInvalid');
  return e164;
}

const MAX_CARD_NUMBER_SKIPS = 100;

/** The next card number no member holds yet (a hand-linked old card may hold one of ours). */
async function issueFreeCardNumber(ctx: DbContext): Promise<{ cardNumber: string; hlc: string }> {
  for (let attempt = 0; attempt < MAX_CARD_NUMBER_SKIPS; attempt++) {
    const { cardNumber, hlc } = await advanceDevice(ctx, { cardNumber: true });
    if (!cardNumber) throw new Error('advanceDevice did not issue a card number');
    if (!(await isCardNumberHeld(ctx, cardNumber))) return { cardNumber, hlc };
  }
  throw new DomainError('card.sequenceExhausted');
}

async function assertCardFree(ctx: DbContext, code: string): Promise<void> {
  const holder = await findMemberByCode(ctx, code);
  if (holder) throw new DomainError('card.inUse', { code, name: holder.name });
}

/** The card in hand if it is free, else the next number this tablet issues. */
async function cardForNewMember(ctx: DbContext, cardInHand: string | undefined): Promise<{ cardNumber: string; hlc: string }> {
  if (cardInHand === undefined) return issueFreeCardNumber(ctx);
  await assertCardFree(ctx, cardInHand);
  const { hlc } = await advanceDevice(ctx, { cardNumber: false });
  return { cardNumber: cardInHand, hlc };
}

export async function assertPhoneFree(ctx: DbContext, phoneE164: string, exceptMemberId?: string): Promise<void> {
  const holders = await ctx.db.members.where('phoneRev').equals(reverseDigits(phoneE164)).toArray();
  const holder = holders.find((row) => !row.deletedAt && !row.mergedInto && row.id !== exceptMemberId);
  if (holder) throw new DomainError('member.phoneInUse', { name: holder.name });
}

/** The program's welcome bonus, in its unit; undefined when it gives none. */
function welcomeBonus(program: LoyaltyProgram): { stamps: number } | { points: number } | undefined {
  if (program.mode === 'points') return program.welcomeBonusPoints > 0 ? { points: program.welcomeBonusPoints } : undefined;
  return program.welcomeBonusStamps > 0 ? { stamps: program.welcomeBonusStamps } : undefined;
}

export type NewMemberFields = Pick<Member, 'name' | 'phoneE164' | 'email' | 'note' | 'cardCodes' | 'consent' | 'createdAt'>;

/**
 * A new member's record, shared by sign-up and the CSV import: a fresh id, and every field it
 * has stamped with the HLC of its creation (so later edits on any tablet merge field by field).
 */
export function newMemberRecord(fields: NewMemberFields, hlc: Hlc, now: Iso): Member {
  const { phoneE164, email, note } = fields;
  const stamped: MemberField[] = ['name', 'cardCodes', 'consent', ...(phoneE164 ? ['phoneE164' as const] : []), ...(email ? ['email' as const] : []), ...(note ? ['note' as const] : [])];
  return {
    id: newId(),
    cardCodes: fields.cardCodes,
    name: fields.name,
    ...(phoneE164 ? { phoneE164 } : {}),
    ...(email ? { email } : {}),
    ...(note ? { note } : {}),
    consent: fields.consent,
    createdAt: fields.createdAt,
    updatedAt: now,
    clock: Object.fromEntries(stamped.map((field) => [field, hlc])),
  };
}

/** Signs up a member: card number, enroll event, optional welcome bonus, all in one transaction. */
export async function enrollMember(ctx: DbContext, input: EnrollmentInput): Promise<Enrollment> {
  const name = cleanName(input.name);
  const email = cleanEmail(input.email);
  const shop = await getShop(ctx);
  const phoneE164 = await parsePhone(input.phone, shop.country);
  const cardInHand = input.cardCode === undefined ? undefined : requireCardCode(input.cardCode);

  return ctx.db.transaction('rw', ledgerTables(ctx), async () => {
    if (phoneE164) await assertPhoneFree(ctx, phoneE164);
    const program = await getProgram(ctx);
    const { cardNumber, hlc } = await cardForNewMember(ctx, cardInHand);
    const now = isoAt(ctx.now());
    const member = newMemberRecord(
      { name, ...(phoneE164 ? { phoneE164 } : {}), ...(email ? { email } : {}), cardCodes: [cardNumber], consent: { marketing: input.marketingConsent, at: now, textVersion: CONSENT_TEXT_VERSION }, createdAt: now },
      hlc,
      now,
    );
    await ctx.db.members.add(toMemberRow(member));
    await ctx.db.outbox.add({ mutation: { kind: 'member.upsert', member } });

    const events: LedgerEvent[] = [];
    let result = await appendEvent(ctx, program, emptySummary(member.id), { memberId: member.id, kind: 'enroll' });
    events.push(result.event);
    const bonus = welcomeBonus(program);
    if (input.welcomeBonus && bonus) {
      result = await appendEvent(ctx, program, result.summary, { memberId: member.id, kind: 'bonus', ...bonus, reason: 'welcome' });
      events.push(result.event);
    }
    return { member, summary: result.summary, events };
  });
}

export interface MemberCard {
  member: Member;
  summary: MemberSummary;
}

/** A member with their derived balance, for the till's member panel. */
export async function getMemberCard(ctx: DbContext, memberId: string): Promise<MemberCard | undefined> {
  const [row, summary] = await Promise.all([ctx.db.members.get(memberId), ctx.db.summaries.get(memberId)]);
  if (!row) return undefined;
  return { member: fromMemberRow(row), summary: summary ?? emptySummary(memberId) };
}

/** Adds a card to a member (an old plastic card, or a replacement for a lost one). */
export async function linkCardToMember(ctx: DbContext, memberId: string, rawCode: string): Promise<Member> {
  const code = requireCardCode(rawCode);
  return ctx.db.transaction('rw', ctx.db.members, ctx.db.outbox, ctx.db.device, async () => {
    const current = fromMemberRow(await requireLiveMember(ctx, memberId));
    await assertCardFree(ctx, code);
    if (current.cardCodes.length >= MAX_CARDS_PER_MEMBER) throw new DomainError('member.tooManyCards', { max: MAX_CARDS_PER_MEMBER });
    const { hlc } = await advanceDevice(ctx, { cardNumber: false });
    const next: Member = {
      ...current,
      cardCodes: [...current.cardCodes, code],
      updatedAt: later(current.updatedAt, isoAt(ctx.now())),
      clock: { ...current.clock, cardCodes: hlc },
    };
    await ctx.db.members.put(toMemberRow(next));
    await ctx.db.outbox.add({ mutation: { kind: 'member.upsert', member: next } });
    return next;
  });
}
