import { DomainError } from '../core/errors';
import { newId } from '../core/ids';
import { emptySummary } from '../core/ledger';
import { cleanEmail, cleanName } from '../core/memberInput';
import { CONSENT_TEXT_VERSION } from '../core/program';
import { reverseDigits } from '../core/search';
import type { LedgerEvent, Member, MemberField, MemberSummary } from '../core/types';
import { isoAt, type DbContext } from './context';
import { advanceDevice } from './deviceRepository';
import { appendEvent, ledgerTables } from './ledgerRepository';
import { fromMemberRow, toMemberRow } from './memberRows';
import { getProgram, getShop } from './settingsRepository';

export interface EnrollmentInput {
  name: string;
  phone: string;
  email: string;
  marketingConsent: boolean;
  welcomeBonus: boolean;
}

export interface Enrollment {
  member: Member;
  summary: MemberSummary;
  events: LedgerEvent[];
}

async function parsePhone(raw: string, country: string): Promise<string | undefined> {
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
    if ((await ctx.db.members.where('cardCodes').equals(cardNumber).count()) === 0) return { cardNumber, hlc };
  }
  throw new DomainError('card.sequenceExhausted');
}

/** Signs up a member: card number, enroll event, optional welcome bonus, all in one transaction. */
export async function enrollMember(ctx: DbContext, input: EnrollmentInput): Promise<Enrollment> {
  const name = cleanName(input.name);
  const email = cleanEmail(input.email);
  const shop = await getShop(ctx);
  const phoneE164 = await parsePhone(input.phone, shop.country);

  return ctx.db.transaction('rw', ledgerTables(ctx), async () => {
    if (phoneE164) {
      const holder = await ctx.db.members.where('phoneRev').equals(reverseDigits(phoneE164)).first();
      if (holder && !holder.deletedAt) throw new DomainError('member.phoneInUse', { name: holder.name });
    }
    const program = await getProgram(ctx);
    const { cardNumber, hlc } = await issueFreeCardNumber(ctx);
    const now = isoAt(ctx.now());
    const fields: MemberField[] = ['name', 'cardCodes', 'consent', ...(phoneE164 ? ['phoneE164' as const] : []), ...(email ? ['email' as const] : [])];
    const member: Member = {
      id: newId(),
      cardCodes: [cardNumber],
      name,
      ...(phoneE164 ? { phoneE164 } : {}),
      ...(email ? { email } : {}),
      consent: { marketing: input.marketingConsent, at: now, textVersion: CONSENT_TEXT_VERSION },
      createdAt: now,
      updatedAt: now,
      clock: Object.fromEntries(fields.map((field) => [field, hlc])),
    };
    await ctx.db.members.add(toMemberRow(member));
    await ctx.db.outbox.add({ mutation: { kind: 'member.upsert', member } });

    const events: LedgerEvent[] = [];
    let result = await appendEvent(ctx, program, emptySummary(member.id), { memberId: member.id, kind: 'enroll' });
    events.push(result.event);
    if (input.welcomeBonus && program.welcomeBonusStamps > 0) {
      result = await appendEvent(ctx, program, result.summary, {
        memberId: member.id,
        kind: 'bonus',
        stamps: program.welcomeBonusStamps,
        reason: 'welcome',
      });
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
