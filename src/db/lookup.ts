import { CARD_NUMBER_LENGTH } from '../core/cardNumber';
import { classifyQuery, nameMatches, reverseDigits, type LookupQuery } from '../core/search';
import type { Member } from '../core/types';
import type { DbContext } from './context';
import type { MemberRow } from './database';
import { fromMemberRow } from './memberRows';

// Every lookup is an index range read bounded by LOOKUP_LIMIT: cost does not grow with the
// member base beyond the index's own log(n).

export const LOOKUP_LIMIT = 20;
/** From this many digits a query may be a whole phone number worth parsing. */
const MIN_FULL_PHONE_DIGITS = 7;

const isLive = (row: MemberRow) => !row.deletedAt;

export async function findMemberByCode(ctx: DbContext, code: string): Promise<Member | undefined> {
  const row = await ctx.db.members.where('cardCodes').equals(code).filter(isLive).first();
  return row ? fromMemberRow(row) : undefined;
}

export async function findMembersByPhone(ctx: DbContext, text: string, country: string): Promise<Member[]> {
  const digits = text.replace(/\D/g, '');
  const rows = await ctx.db.members
    .where('phoneRev')
    .startsWith(reverseDigits(digits))
    .filter(isLive)
    .limit(LOOKUP_LIMIT)
    .toArray();
  if (digits.length >= MIN_FULL_PHONE_DIGITS) {
    // "06 30 123 4567" is no suffix of +36301234567: parse it in the shop's country too.
    const { toE164 } = await import('../core/phone');
    const e164 = toE164(text, country);
    if (e164) {
      const exact = await ctx.db.members.where('phoneRev').equals(reverseDigits(e164)).filter(isLive).toArray();
      for (const row of exact) if (!rows.some((r) => r.id === row.id)) rows.push(row);
    }
  }
  return rows.map(fromMemberRow);
}

export async function findMembersByName(ctx: DbContext, words: readonly string[]): Promise<Member[]> {
  // Range-scan on the longest word (the most selective), then check the others.
  const probe = [...words].sort((a, b) => b.length - a.length)[0];
  if (!probe) return [];
  const rows = await ctx.db.members
    .where('nameWords')
    .startsWith(probe)
    .filter((row) => isLive(row) && nameMatches(row.name, words))
    .distinct()
    .limit(LOOKUP_LIMIT)
    .toArray();
  return rows.map(fromMemberRow).sort((a, b) => a.name.localeCompare(b.name));
}

export interface LookupResult {
  query: LookupQuery;
  members: Member[];
}

/** What the till's search box does with whatever the cashier typed. */
export async function lookupMembers(ctx: DbContext, text: string, country: string): Promise<LookupResult> {
  const query = classifyQuery(text);
  if (query.kind === 'name') return { query, members: await findMembersByName(ctx, query.words) };
  if (query.kind !== 'digits') return { query, members: [] };
  const byCard = query.digits.length >= CARD_NUMBER_LENGTH - 1 ? await findMemberByCode(ctx, query.digits) : undefined;
  const byPhone = await findMembersByPhone(ctx, query.text, country);
  const members = byCard ? [byCard, ...byPhone.filter((m) => m.id !== byCard.id)] : byPhone;
  return { query, members };
}
