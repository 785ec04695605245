import { liveQuery } from 'dexie';
import { memberStandingAt, memberStandingFromSummary } from '../core/memberExport';
import { isListed, memberListEntry, type MemberListEntry } from '../core/memberList';
import type { LoyaltyProgram } from '../core/types';
import { isoAt, type DbContext } from './context';
import { byMember, readMemberChunks, type NeedsEvents } from './memberExport';
import { fromMemberRow } from './memberRows';
import { getProgram } from './settingsRepository';

// The owner's members list holds one compact entry per listed member in memory (core/memberList):
// a query over 100k of them is a pass over an array, far quicker than any IndexedDB read. The
// entries are built as the CSV export builds its rows — members in primary-key order in chunks of
// 1,000, each with its summaries and events in one read transaction (readMemberChunks), balances,
// tier and segment from the same function (memberStandingAt) — so the list and the file agree.
// Each chunk is handed over as it comes, so the list fills while the rest loads, and the page
// stays responsive: the reads are asynchronous and a chunk's entries take a few milliseconds.

export const MEMBER_LIST_CHUNK_SIZE = 1_000;

export interface MemberIndexProgress {
  /** Members read so far (erased and merged ones included), of `total`. */
  done: number;
  total: number;
  /** Entries of the chunk just read (listed members only). */
  entries: MemberListEntry[];
  program: LoyaltyProgram;
}

export interface MemberIndex {
  entries: MemberListEntry[];
  program: LoyaltyProgram;
  /** The moment the balances, tiers and segments are worked out at. */
  at: string;
}

export interface LoadMemberIndexOptions {
  onChunk?: (progress: MemberIndexProgress) => void;
  /** Stops reading after the current chunk (the list closed, or a newer load started). */
  signal?: AbortSignal;
  chunkSize?: number;
}

/** Every listed member's entry (neither erased nor merged), in chunks; undefined when aborted. */
export async function loadMemberIndex(ctx: DbContext, options: LoadMemberIndexOptions = {}): Promise<MemberIndex | undefined> {
  const [program, total] = await Promise.all([getProgram(ctx), ctx.db.members.count()]);
  const at = isoAt(ctx.now());
  const standing = memberStandingAt(program, at);
  // As in the export: where the summary can say where a member stands, their events are not read.
  const fromSummary = memberStandingFromSummary(program, at);
  const needsEvents: NeedsEvents = (row, summary) => isListed(row) && fromSummary(row, summary) === undefined;
  const entries: MemberListEntry[] = [];
  let done = 0;
  for await (const chunk of readMemberChunks(ctx, options.chunkSize ?? MEMBER_LIST_CHUNK_SIZE, needsEvents)) {
    if (options.signal?.aborted) return undefined;
    const { summaryOf, eventsOf } = byMember(chunk);
    const added: MemberListEntry[] = [];
    for (const row of chunk.members) {
      if (!isListed(row)) continue;
      const summary = summaryOf.get(row.id);
      const facts = fromSummary(row, summary) ?? standing(row, summary, eventsOf.get(row.id) ?? []);
      added.push(memberListEntry(fromMemberRow(row), summary, facts));
    }
    for (const entry of added) entries.push(entry);
    done += chunk.members.length;
    options.onChunk?.({ done, total: Math.max(total, done), entries: added, program });
  }
  if (options.signal?.aborted) return undefined;
  return { entries, program, at };
}

/**
 * Calls `onChange` after members, their summaries (every ledger write updates one) or the
 * settings (tiers) change, here or by sync; not for the state they are in when it is called.
 * Returns the unsubscribe.
 */
export function observeMemberChanges(ctx: DbContext, onChange: () => void): () => void {
  const { db } = ctx;
  let first = true;
  // count() reads the whole table's range: any write to it re-runs the query.
  const subscription = liveQuery(() => Promise.all([db.members.count(), db.summaries.count(), db.settings.get('program')])).subscribe({
    next: () => {
      if (first) first = false;
      else onChange();
    },
    error: (error: unknown) => console.error('members list: watching changes failed', error),
  });
  return () => subscription.unsubscribe();
}
