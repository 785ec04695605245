import { foldText, nameWords } from './search';
import type { Member } from './types';

// Likely duplicates in a member base: the same phone, the same email, or names that differ only
// in accents, case, word order or one typo ("Kovács Éva" / "Eva Kovacs" / "Éva Kovác"). Exact
// keys are grouped; near names are compared only with their neighbours in sorted order, so the
// work stays linear-ish at 100k members (a typo in the first letters is missed; see docs).

export type DuplicateReason = 'phone' | 'email' | 'name' | 'similarName';

export interface DuplicatePair {
  /** The two member ids, the older record first (the one a merge keeps by default). */
  ids: [string, string];
  reasons: DuplicateReason[];
}

export type DuplicateCandidate = Pick<Member, 'id' | 'name' | 'phoneE164' | 'email' | 'createdAt'>;

/** How many neighbours in sorted-name order each name is compared with for typos. */
const NEIGHBOURS = 4;
/** Names shorter than this are too common to call a one-letter difference a duplicate. */
const MIN_SIMILAR_NAME = 6;
/** Groups larger than this (a shared shop phone, "Anna") are noise, not duplicates. */
const MAX_GROUP = 5;

function nameKey(name: string): string {
  return nameWords(name).sort().join(' ');
}

/** True when a and b differ by at most one insertion, deletion or substitution. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  if (short.length === long.length) return short.slice(i + 1) === long.slice(i + 1);
  return short.slice(i) === long.slice(i + 1);
}

export function findDuplicatePairs(members: readonly DuplicateCandidate[], limit: number): { pairs: DuplicatePair[]; truncated: boolean } {
  const byId = new Map(members.map((m) => [m.id, m]));
  const found = new Map<string, DuplicatePair>();
  const add = (x: string, y: string, reason: DuplicateReason) => {
    const [first, second] = [byId.get(x)!, byId.get(y)!].sort((m, n) => (m.createdAt < n.createdAt ? -1 : m.createdAt > n.createdAt ? 1 : m.id < n.id ? -1 : 1));
    const key = `${first!.id} ${second!.id}`;
    const pair = found.get(key) ?? { ids: [first!.id, second!.id], reasons: [] };
    if (!pair.reasons.includes(reason)) pair.reasons.push(reason);
    found.set(key, pair);
  };
  const nameKeys = members.map((m) => nameKey(m.name));
  const groupBy = (keyOf: (m: DuplicateCandidate, index: number) => string | undefined, reason: DuplicateReason) => {
    const groups = new Map<string, string[]>();
    for (const [index, member] of members.entries()) {
      const key = keyOf(member, index);
      if (!key) continue;
      const group = groups.get(key);
      if (group) group.push(member.id);
      else groups.set(key, [member.id]);
    }
    for (const ids of groups.values()) {
      if (ids.length < 2 || ids.length > MAX_GROUP) continue;
      for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) add(ids[i]!, ids[j]!, reason);
    }
  };
  groupBy((m) => m.phoneE164, 'phone');
  groupBy((m) => (m.email ? foldText(m.email) : undefined), 'email');
  groupBy((_, index) => nameKeys[index] || undefined, 'name');

  const sorted = members.map((m, index) => ({ id: m.id, key: nameKeys[index]! })).filter((m) => m.key.length >= MIN_SIMILAR_NAME);
  sorted.sort((m, n) => (m.key < n.key ? -1 : m.key > n.key ? 1 : 0));
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j <= i + NEIGHBOURS && j < sorted.length; j++) {
      const [m, n] = [sorted[i]!, sorted[j]!];
      if (m.key !== n.key && withinOneEdit(m.key, n.key)) add(m.id, n.id, 'similarName');
    }
  }
  const strength = (pair: DuplicatePair) => pair.reasons.length * 10 + (pair.reasons.includes('phone') || pair.reasons.includes('email') ? 5 : 0);
  const pairs = [...found.values()].sort((p, q) => strength(q) - strength(p));
  return { pairs: pairs.slice(0, limit), truncated: pairs.length > limit };
}
