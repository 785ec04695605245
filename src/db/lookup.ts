import { CARD_NUMBER_LENGTH } from '../core/cardNumber';
import { classifyQuery, nameMatches, reverseDigits, type LookupQuery } from '../core/search';
import type { Member } from '../core/types';
import { isMergedAway } from '../core/mergeGroups';
import type { DbContext } from './context';
import type { MemberRow } from './database';
import { loadMergeLinks } from './ledgerRepository';
import { fromMemberRow } from './memberRows';

// Lookups are index range reads bounded by LOOKUP_LIMIT, read with getAll (no cursor, no
// per-row callback): their cost does not grow with the member base beyond the index's log(n).
// The one exception is a name typed with several abbreviated words (findByUnfinishedWords).

export const LOOKUP_LIMIT = 20;
/** From this many digits a query may be a whole phone number worth parsing. */
const MIN_FULL_PHONE_DIGITS = 7;

/**
 * Erased and merged-away members and repeats (a multi-entry index can list a member twice)
 * dropped. A merged member's record is emptied, so it rarely matches at all; when one does (the
 * root of two opposite merges made offline, see core/mergeGroups), the links decide.
 */
async function liveOnce(ctx: DbContext, rows: readonly MemberRow[]): Promise<MemberRow[]> {
  const links = rows.some((row) => row.mergedInto !== undefined) ? await loadMergeLinks(ctx) : new Map();
  const seen = new Set<string>();
  return rows.filter((row) => !row.deletedAt && !isMergedAway(row, links) && !seen.has(row.id) && seen.add(row.id));
}

export async function findMemberByCode(ctx: DbContext, code: string): Promise<Member | undefined> {
  const [row] = await liveOnce(ctx, await ctx.db.members.where('cardCodes').equals(code).limit(LOOKUP_LIMIT).toArray());
  return row ? fromMemberRow(row) : undefined;
}

async function parsedPhoneKey(text: string, digits: string, country: string): Promise<string | undefined> {
  if (digits.length < MIN_FULL_PHONE_DIGITS) return undefined;
  // "06 30 123 4567" is no suffix of +36301234567: parse it in the shop's country too.
  const { toE164 } = await import('../core/phone');
  const e164 = toE164(text, country);
  return e164 ? reverseDigits(e164) : undefined;
}

export async function findMembersByPhone(ctx: DbContext, text: string, country: string): Promise<Member[]> {
  const digits = text.replace(/\D/g, '');
  const parsedKey = await parsedPhoneKey(text, digits, country);
  const phoneRev = ctx.db.members.where('phoneRev');
  const [bySuffix, byNumber] = await Promise.all([
    phoneRev.startsWith(reverseDigits(digits)).limit(LOOKUP_LIMIT).toArray(),
    parsedKey ? phoneRev.equals(parsedKey).limit(LOOKUP_LIMIT).toArray() : [],
  ]);
  return (await liveOnce(ctx, [...bySuffix, ...byNumber])).map(fromMemberRow);
}

/**
 * Several unfinished words ("nag ev"): intersect the member keys of the two longest words
 * (key-only index reads, no rows decoded), then read at most LOOKUP_LIMIT rows that match all.
 */
async function findByUnfinishedWords(ctx: DbContext, words: readonly string[]): Promise<MemberRow[]> {
  const [first, second] = [...words].sort((a, b) => b.length - a.length);
  const keysOf = (word: string) => ctx.db.members.where('namePhrases').startsWith(word).primaryKeys();
  const [firstKeys, secondKeys] = await Promise.all([keysOf(first!), keysOf(second!)]);
  const inSecond = new Set(secondKeys);
  const candidates = [...new Set(firstKeys)].filter((key) => inSecond.has(key));
  const matches: MemberRow[] = [];
  for (let start = 0; start < candidates.length && matches.length < LOOKUP_LIMIT; start += LOOKUP_LIMIT) {
    const rows = await ctx.db.members.bulkGet(candidates.slice(start, start + LOOKUP_LIMIT));
    const named = rows.filter((row): row is MemberRow => row !== undefined && nameMatches(row.name, words));
    matches.push(...(await liveOnce(ctx, named)));
  }
  return matches.slice(0, LOOKUP_LIMIT);
}

export async function findMembersByName(ctx: DbContext, words: readonly string[]): Promise<Member[]> {
  // "eva kov" or "kovacs ev": one range on the name's word rotations, in either order.
  let rows = await liveOnce(ctx, await ctx.db.members.where('namePhrases').startsWith(words.join(' ')).limit(LOOKUP_LIMIT).toArray());
  if (rows.length === 0 && words.length > 1) rows = await findByUnfinishedWords(ctx, words);
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
  const [byCard, byPhone] = await Promise.all([
    query.digits.length >= CARD_NUMBER_LENGTH - 1 ? findMemberByCode(ctx, query.digits) : undefined,
    findMembersByPhone(ctx, query.text, country),
  ]);
  const members = byCard ? [byCard, ...byPhone.filter((m) => m.id !== byCard.id)] : byPhone;
  return { query, members };
}
