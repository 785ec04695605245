import type { Hlc, Member } from './types';

// Merge groups: a member the owner merged into another (see duplicateMerge.ts) keeps its id and
// ledger and points at the survivor with `mergedInto`. Balances fold a whole group's events, on
// the tablets and on the server alike; these functions say which members form a group.

/** A member merged into another, and when (the HLC of the merge that set the link). */
export interface MergeLink {
  into: string;
  hlc: Hlc;
}
export type MergeLinks = ReadonlyMap<string, MergeLink>;

export function mergeLinksOf(members: Iterable<Pick<Member, 'id' | 'mergedInto' | 'clock'>>): Map<string, MergeLink> {
  const links = new Map<string, MergeLink>();
  for (const member of members) if (member.mergedInto !== undefined) links.set(member.id, { into: member.mergedInto, hlc: member.clock.mergedInto ?? '' });
  return links;
}

/**
 * The member whose balance a member's events count for: follow the links to the end. Two tablets
 * merging A into B and B into A offline make a cycle; the later merge emptied the other record
 * into its survivor, so the member whose own link is the oldest is the root, the same everywhere.
 */
export function mergeRoot(memberId: string, links: MergeLinks): string {
  const path: string[] = [];
  const seen = new Set<string>();
  let current = memberId;
  while (!seen.has(current)) {
    seen.add(current);
    path.push(current);
    const next = links.get(current)?.into;
    if (next === undefined) return current;
    current = next;
  }
  const cycle = path.slice(path.indexOf(current));
  const key = (id: string) => `${links.get(id)!.hlc} ${id}`;
  return cycle.reduce((oldest, id) => (key(id) < key(oldest) ? id : oldest));
}

/** True for a member merged into another one (not for the root of a cycle of merges). */
export function isMergedAway(member: Pick<Member, 'id' | 'mergedInto'>, links: MergeLinks): boolean {
  return member.mergedInto !== undefined && mergeRoot(member.id, links) !== member.id;
}

/** Each member id in `ids` with the root its events count for (see `mergeRoot`). */
export function rootsOf(ids: Iterable<string>, links: MergeLinks): Map<string, string> {
  return new Map([...ids].map((id) => [id, mergeRoot(id, links)]));
}

/** The members whose events count for `rootId`: itself and everything merged into it, directly or not. */
export function mergeGroup(rootId: string, links: MergeLinks): string[] {
  return [rootId, ...[...links.keys()].filter((id) => id !== rootId && mergeRoot(id, links) === rootId)];
}
