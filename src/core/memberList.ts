import type { MemberStandingFacts } from './memberExport';
import { looksLikeNumber, nameWords } from './search';
import type { Segment } from './segments';
import type { Iso, Member, MemberSummary } from './types';

// The owner's members list, pure: a compact entry per member (what the list shows, searches,
// filters and sorts by), and the query over all of them. Built for 100k members per keystroke:
// entries carry their folded search keys, each sort's order is worked out once (sortedEntries)
// and a query only filters that order (one pass, no sort per keystroke).

export interface MemberListEntry {
  id: string;
  name: string;
  /** The folded words of the name (accents, case, punctuation) joined by spaces: the name's sort key. */
  nameKey: string;
  /** " " + nameKey: a search word matches the start of a name word when " word" is in it. */
  searchKey: string;
  phoneE164?: string;
  /** The phone's digits (country code included): any run of them matches. */
  phoneDigits: string;
  email?: string;
  /** The lower-case email: any part of it matches. */
  emailKey: string;
  cardCodes: string[];
  createdAt: Iso;
  /** createdAt and lastVisitAt in ms (never visited: -1): sort keys. */
  joinedMs: number;
  lastVisitMs: number;
  consent: boolean;
  lastVisitAt?: Iso;
  visits: number;
  spendMinor: number;
  stamps: number;
  points: number;
  tierId?: string;
  tierName?: string;
  segment: Segment;
}

/** Listed: neither erased nor merged into another member. */
export function isListed(member: Pick<Member, 'deletedAt' | 'mergedInto'>): boolean {
  return member.deletedAt === undefined && !member.mergedInto;
}

export function memberListEntry(member: Member, summary: MemberSummary | undefined, standing: MemberStandingFacts): MemberListEntry {
  const nameKey = nameWords(member.name).join(' ');
  const lastVisitAt = summary?.lastVisitAt;
  // Every field is present (undefined when empty), so that all entries share one shape: the
  // engine's property reads stay fast over 100k of them.
  return {
    id: member.id,
    name: member.name,
    nameKey,
    searchKey: ` ${nameKey}`,
    phoneE164: member.phoneE164 || undefined,
    phoneDigits: (member.phoneE164 ?? '').replace(/\D/g, ''),
    email: member.email || undefined,
    emailKey: (member.email ?? '').toLowerCase(),
    cardCodes: member.cardCodes,
    createdAt: member.createdAt,
    joinedMs: Date.parse(member.createdAt),
    lastVisitMs: lastVisitAt ? Date.parse(lastVisitAt) : -1,
    consent: member.consent.marketing,
    lastVisitAt: lastVisitAt || undefined,
    visits: summary?.visits ?? 0,
    spendMinor: summary?.spendMinor ?? 0,
    stamps: standing.stamps,
    points: standing.points,
    tierId: standing.tier?.id,
    tierName: standing.tier?.name,
    segment: standing.segment,
  };
}

/** Tier filter: a tier's id, or members without a tier. */
export const NO_TIER = '';

/** Every bound is optional; dates are instants, `from` inclusive and `to` exclusive. */
export interface MemberListFilters {
  segment?: Segment;
  tierId?: string;
  consent?: boolean;
  joinedFrom?: Iso;
  joinedTo?: Iso;
  lastVisitFrom?: Iso;
  lastVisitTo?: Iso;
}

export type MemberSortField = 'name' | 'joined' | 'lastVisit' | 'visits' | 'spend' | 'points' | 'stamps';

export interface MemberSort {
  field: MemberSortField;
  descending: boolean;
}

export const DEFAULT_MEMBER_SORT: MemberSort = { field: 'name', descending: false };

/** A search, prepared once per keystroke. */
export interface MemberSearch {
  /** Folded words, each with a space before it: each must start a word of the name. */
  words: string[];
  /** Lower-case text: found anywhere in the email. */
  text: string;
  /** Digits (when the text is a number): found anywhere in the phone or a card code. */
  digits?: string;
}

export function prepareSearch(text: string): MemberSearch | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (looksLikeNumber(trimmed)) {
    const digits = trimmed.replace(/\D/g, '');
    if (digits) return { words: [], text: trimmed.toLowerCase(), digits };
  }
  return { words: nameWords(trimmed).map((word) => ` ${word}`), text: trimmed.toLowerCase() };
}

export function matchesSearch(entry: MemberListEntry, search: MemberSearch): boolean {
  const { digits } = search;
  if (digits !== undefined) {
    if (entry.phoneDigits.includes(digits)) return true;
    for (const code of entry.cardCodes) if (code.includes(digits)) return true;
    return false;
  }
  const { words } = search;
  if (words.length > 0) {
    let all = true;
    for (const word of words) {
      if (!entry.searchKey.includes(word)) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  if (entry.emailKey !== '' && entry.emailKey.includes(search.text)) return true;
  // A card code with letters (an old plastic card's CODE128), typed from its start.
  for (const code of entry.cardCodes) if (code.length >= search.text.length && code.toLowerCase().startsWith(search.text)) return true;
  return false;
}

export function matchesFilters(entry: MemberListEntry, filters: MemberListFilters): boolean {
  if (filters.segment !== undefined && entry.segment !== filters.segment) return false;
  if (filters.tierId !== undefined && (entry.tierId ?? NO_TIER) !== filters.tierId) return false;
  if (filters.consent !== undefined && entry.consent !== filters.consent) return false;
  if (filters.joinedFrom !== undefined && entry.createdAt < filters.joinedFrom) return false;
  if (filters.joinedTo !== undefined && entry.createdAt >= filters.joinedTo) return false;
  if (filters.lastVisitFrom !== undefined || filters.lastVisitTo !== undefined) {
    // A range of last visits leaves out members who never visited.
    if (entry.lastVisitAt === undefined) return false;
    if (filters.lastVisitFrom !== undefined && entry.lastVisitAt < filters.lastVisitFrom) return false;
    if (filters.lastVisitTo !== undefined && entry.lastVisitAt >= filters.lastVisitTo) return false;
  }
  return true;
}

const byName = (a: MemberListEntry, b: MemberListEntry) => (a.nameKey < b.nameKey ? -1 : a.nameKey > b.nameKey ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The numeric key of each sort field but name (ascending; never visited is -1, before any visit). */
const NUMERIC_KEYS: Record<Exclude<MemberSortField, 'name'>, (entry: MemberListEntry) => number> = {
  joined: (e) => e.joinedMs,
  lastVisit: (e) => e.lastVisitMs,
  visits: (e) => e.visits,
  spend: (e) => e.spendMinor,
  points: (e) => e.points,
  stamps: (e) => e.stamps,
};

/** Ascending order of a field; equal values by name, then id, so every order is total. */
function ascendingComparator(field: MemberSortField): (a: MemberListEntry, b: MemberListEntry) => number {
  if (field === 'name') return byName;
  const key = NUMERIC_KEYS[field];
  return (a, b) => key(a) - key(b) || byName(a, b);
}

export function compareEntries(sort: MemberSort): (a: MemberListEntry, b: MemberListEntry) => number {
  const ascending = ascendingComparator(sort.field);
  return sort.descending ? (a, b) => ascending(b, a) : ascending;
}

// Each entry's place in name order, worked out once per array of entries: the other sorts then
// compare numbers only (a field's value, then this rank), never strings.
const nameRanks = new WeakMap<readonly MemberListEntry[], Int32Array>();

function nameRanksOf(entries: readonly MemberListEntry[]): Int32Array {
  let ranks = nameRanks.get(entries);
  if (!ranks) {
    const byNameOrder = entries.map((_, i) => i).sort((i, j) => byName(entries[i]!, entries[j]!));
    ranks = new Int32Array(entries.length);
    byNameOrder.forEach((index, rank) => (ranks![index] = rank));
    nameRanks.set(entries, ranks);
  }
  return ranks;
}

/** All entries in the sort's order (a new array): worked out once per sort, not per keystroke. */
export function sortedEntries(entries: readonly MemberListEntry[], sort: MemberSort): MemberListEntry[] {
  const count = entries.length;
  const ranks = nameRanksOf(entries);
  const order = new Int32Array(count);
  if (sort.field === 'name') {
    for (let i = 0; i < count; i++) order[ranks[i]!] = i;
  } else {
    const key = NUMERIC_KEYS[sort.field];
    const keys = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      keys[i] = key(entries[i]!);
      order[i] = i;
    }
    order.sort((i, j) => keys[i]! - keys[j]! || ranks[i]! - ranks[j]!);
  }
  const result = new Array<MemberListEntry>(count);
  for (let i = 0; i < count; i++) result[sort.descending ? count - 1 - i : i] = entries[order[i]!]!;
  return result;
}

export interface MemberListQuery {
  search: string;
  filters: MemberListFilters;
}

/** The entries that match, in the order they are given (sorted by sortedEntries beforehand). */
export function filterEntries(sorted: readonly MemberListEntry[], query: MemberListQuery): MemberListEntry[] {
  const search = prepareSearch(query.search);
  const { filters } = query;
  const filtered = Object.values(filters).some((value) => value !== undefined);
  if (!search && !filtered) return sorted.slice();
  const result: MemberListEntry[] = [];
  for (const entry of sorted) {
    if (filtered && !matchesFilters(entry, filters)) continue;
    if (search && !matchesSearch(entry, search)) continue;
    result.push(entry);
  }
  return result;
}

/**
 * Whether every member `next` matches is one `previous` matches (with the same filters): typing on
 * at the end of the search only narrows the list, so the previous result can be filtered instead
 * of every member. Not when the search turns from digits into text or back.
 */
export function narrows(previous: string, next: string): boolean {
  const before = previous.trim();
  const after = next.trim();
  if (before === '') return true;
  if (!after.startsWith(before)) return false;
  return (prepareSearch(before)?.digits === undefined) === (prepareSearch(after)?.digits === undefined);
}

/**
 * A filter that remembers its last result: a keystroke that narrows the search (narrows) filters
 * that result rather than all members. Same answers as filterEntries, in less time as one types.
 */
export function createMemberFilter() {
  let last: { sorted: readonly MemberListEntry[]; filters: MemberListFilters; search: string; result: MemberListEntry[] } | undefined;
  return (sorted: readonly MemberListEntry[], query: MemberListQuery): MemberListEntry[] => {
    const reuse = last !== undefined && last.sorted === sorted && last.filters === query.filters && narrows(last.search, query.search);
    const result = filterEntries(reuse ? last!.result : sorted, query);
    last = { sorted, filters: query.filters, search: query.search, result };
    return result;
  };
}

/** Filter and sort in one call (sorts every time: for one-off use and tests; the list caches sortedEntries). */
export function queryMembers(entries: readonly MemberListEntry[], query: MemberListQuery, sort: MemberSort): MemberListEntry[] {
  return filterEntries(sortedEntries(entries, sort), query);
}
