import { mergeDuplicate } from '../core/duplicateMerge';
import { findDuplicatePairs, type DuplicatePair } from '../core/duplicates';
import type { Member } from '../core/types';
import { isoAt, type DbContext } from './context';
import { advanceDevice } from './deviceRepository';
import { ledgerTables, refoldSummaries, requireLiveMember } from './ledgerRepository';
import { fromMemberRow, toMemberRow } from './memberRows';

// The owner's duplicate finder and merge. A merge is two member upserts in the outbox, written
// with the records and the survivor's refolded balance in one transaction.

/** Shown at most: an owner works through a list, and a longer one is a data problem to fix first. */
export const MAX_DUPLICATE_PAIRS = 200;
const READ_CHUNK = 5_000;

/** Live members (not erased, not merged), read in chunks so the page stays responsive. */
async function liveMembers(ctx: DbContext): Promise<Member[]> {
  const members: Member[] = [];
  let lastId: string | undefined;
  for (;;) {
    const range = lastId === undefined ? ctx.db.members.orderBy('id') : ctx.db.members.where('id').above(lastId);
    const rows = await range.limit(READ_CHUNK).toArray();
    for (const row of rows) if (!row.deletedAt && !row.mergedInto) members.push(fromMemberRow(row));
    if (rows.length < READ_CHUNK) return members;
    lastId = rows[rows.length - 1]!.id;
  }
}

export interface DuplicateListing {
  pairs: { pair: DuplicatePair; members: [Member, Member] }[];
  truncated: boolean;
}

export async function findLikelyDuplicates(ctx: DbContext): Promise<DuplicateListing> {
  const members = await liveMembers(ctx);
  const { pairs, truncated } = findDuplicatePairs(members, MAX_DUPLICATE_PAIRS);
  const byId = new Map(members.map((m) => [m.id, m]));
  return { pairs: pairs.map((pair) => ({ pair, members: [byId.get(pair.ids[0])!, byId.get(pair.ids[1])!] })), truncated };
}

/**
 * Merges `absorbedId` into `survivorId` (see core/duplicateMerge): both records, their outbox
 * rows and the survivor's balance over both ledgers, all or nothing.
 */
export async function mergeMembers(ctx: DbContext, survivorId: string, absorbedId: string): Promise<Member> {
  return ctx.db.transaction('rw', ledgerTables(ctx), async () => {
    const survivor = fromMemberRow(await requireLiveMember(ctx, survivorId));
    const absorbed = fromMemberRow(await requireLiveMember(ctx, absorbedId));
    const { hlc } = await advanceDevice(ctx, { cardNumber: false });
    const merged = mergeDuplicate(survivor, absorbed, hlc, isoAt(ctx.now()));
    await ctx.db.members.bulkPut([toMemberRow(merged.survivor), toMemberRow(merged.absorbed)]);
    await ctx.db.outbox.bulkAdd([
      { mutation: { kind: 'member.upsert', member: merged.survivor } },
      { mutation: { kind: 'member.upsert', member: merged.absorbed } },
    ]);
    await refoldSummaries(ctx, [survivorId, absorbedId]);
    return merged.survivor;
  });
}
