import { csvDelimiterFor, decimalSeparatorFor, fileNameSlug, CSV_BOM, type CsvDelimiter } from '../core/csv';
import { isExported, memberExportFileName, memberExportRows, memberStandingFromSummary, type ExportEvent, type MemberExportFormat } from '../core/memberExport';
import { currencyMinorDigits } from '../core/money';
import type { LedgerEvent, MemberSummary } from '../core/types';
import { isoAt, type DbContext } from './context';
import { loadMergeLinks, memberEvents } from './ledgerRepository';
import type { MemberRow } from './database';
import { fromMemberRow } from './memberRows';
import { getProgram, getShop } from './settingsRepository';

// The owner's CSV export of members, built in chunks: members are read in primary-key order,
// 1,000 at a time, with their summaries and events in one key-range read each, and each
// chunk's text becomes a Blob at once; the next chunk is read while this one's rows are built, so
// at most two chunks are ever on the JS heap, and the Blob parts are the browser's to keep (off
// the heap, on disk if large). Each chunk is its own read
// transaction, so the export never holds the database; a punch made meanwhile may or may not be in it.

export const EXPORT_CHUNK_SIZE = 1_000;

export interface MemberExportOptions {
  /** Only members who agreed to marketing (the default): a file for campaigns. */
  consentingOnly: boolean;
  /** 'auto': the shop's language decides (';' where the decimal separator is a comma). */
  delimiter: 'auto' | CsvDelimiter;
  /** Members read so far, of all members (erased ones included). */
  onProgress?: (done: number, total: number) => void;
}

export interface MemberExportFile {
  blob: Blob;
  fileName: string;
  /** Members in the file. */
  rows: number;
}

/** One chunk of members in primary-key order, with their summaries and events. */
export interface MemberChunk {
  members: MemberRow[];
  summaries: MemberSummary[];
  /** Empty when the caller's `needsEvents` said no member of the chunk needs them. */
  events: LedgerEvent[];
}

/** Whether a member's events must be read (their summary cannot say where they stand). */
export type NeedsEvents = (member: MemberRow, summary: MemberSummary | undefined) => boolean;

/**
 * Every member (erased ones included) in chunks of `chunkSize`, in primary-key order, each with
 * its summaries and events (a merge group's under its root), each chunk its own read transaction. The next chunk is read while the
 * caller works on this one: at most two chunks are in memory. With `needsEvents`, a chunk's events
 * are read only when it says some member of the chunk needs them: the events are most of the
 * database (five and more per member), and a program without expiry or tiers rarely needs them.
 */
export async function* readMemberChunks(ctx: DbContext, chunkSize = EXPORT_CHUNK_SIZE, needsEvents?: NeedsEvents): AsyncGenerator<MemberChunk> {
  const { db } = ctx;
  // Members something was merged into: only they can be the root of a merge group.
  const mergeTargets = new Set([...(await loadMergeLinks(ctx)).values()].map((link) => link.into));
  const readChunk = (after: string | undefined): Promise<MemberChunk> =>
    db.transaction('r', [db.members, db.summaries, db.events], async () => {
      const members = await (after === undefined ? db.members.orderBy(':id') : db.members.where(':id').above(after)).limit(chunkSize).toArray();
      if (members.length === 0) return { members, summaries: [], events: [] };
      // The chunk is every member whose id lies in [first, last]: their summaries and events are
      // one key range each, read with getAll (anyOf would step a cursor through 1,000 keys).
      const first = members[0]!.id;
      const last = members.at(-1)!.id;
      const readEvents = async () => {
        const events = await db.events.where('memberId').between(first, last, true, true).toArray();
        // A merge group's events count for its root (core/mergeGroups): listed under the root here.
        for (const root of members.filter((member) => mergeTargets.has(member.id))) {
          const absorbed = (await memberEvents(ctx, root.id)).filter((event) => event.memberId !== root.id);
          events.push(...absorbed.map((event) => ({ ...event, memberId: root.id })));
        }
        return events;
      };
      if (!needsEvents) {
        const [summaries, events] = await Promise.all([db.summaries.where(':id').between(first, last, true, true).toArray(), readEvents()]);
        return { members, summaries, events };
      }
      const summaries = await db.summaries.where(':id').between(first, last, true, true).toArray();
      // Both in key order: a merge join.
      let k = 0;
      const needed = members.some((member) => {
        while (k < summaries.length && summaries[k]!.memberId < member.id) k++;
        return needsEvents(member, summaries[k]?.memberId === member.id ? summaries[k] : undefined);
      });
      return { members, summaries, events: needed ? await readEvents() : [] };
    });
  let pending: Promise<MemberChunk> | undefined = readChunk(undefined);
  while (pending) {
    const chunk: MemberChunk = await pending;
    pending = chunk.members.length === chunkSize ? readChunk(chunk.members.at(-1)!.id) : undefined;
    if (chunk.members.length) yield chunk;
  }
}

/** A chunk's summaries and events by member id. */
export function byMember(chunk: MemberChunk): { summaryOf: Map<string, MemberSummary>; eventsOf: Map<string, LedgerEvent[]> } {
  const summaryOf = new Map(chunk.summaries.map((summary) => [summary.memberId, summary]));
  const eventsOf = new Map<string, LedgerEvent[]>();
  for (const event of chunk.events) {
    const list = eventsOf.get(event.memberId);
    if (list) list.push(event);
    else eventsOf.set(event.memberId, [event]);
  }
  return { summaryOf, eventsOf };
}

export async function exportMembersCsv(ctx: DbContext, options: MemberExportOptions): Promise<MemberExportFile> {
  const [shop, program, total] = await Promise.all([getShop(ctx), getProgram(ctx), ctx.db.members.count()]);
  const nowMs = ctx.now();
  const now = isoAt(nowMs);
  const format: MemberExportFormat = {
    delimiter: options.delimiter === 'auto' ? csvDelimiterFor(shop.locale) : options.delimiter,
    decimalSeparator: decimalSeparatorFor(shop.locale),
    minorDigits: currencyMinorDigits(shop.currency),
  };
  const builder = memberExportRows(program, format, now);
  // Where the summary can say where a member stands, their events are not even read.
  const fromSummary = memberStandingFromSummary(program, now);
  const needsEvents: NeedsEvents = (row, summary) => isExported(row, options.consentingOnly) && fromSummary(row, summary) === undefined;
  const parts: BlobPart[] = [CSV_BOM, builder.header()];
  let rows = 0;
  let done = 0;
  options.onProgress?.(0, total);
  for await (const chunk of readMemberChunks(ctx, EXPORT_CHUNK_SIZE, needsEvents)) {
    const { summaryOf, eventsOf } = byMember(chunk);
    let text = '';
    for (const row of chunk.members) {
      if (!isExported(row, options.consentingOnly)) continue;
      const summary = summaryOf.get(row.id);
      const member = fromMemberRow(row);
      const standing = fromSummary(row, summary);
      if (standing) text += builder.rowWith(member, summary, standing);
      else {
        const events: readonly ExportEvent[] = eventsOf.get(row.id) ?? [];
        text += builder.row(member, summary, events);
      }
      rows++;
    }
    if (text) parts.push(new Blob([text]));
    done += chunk.members.length;
    options.onProgress?.(done, total);
  }
  return {
    blob: new Blob(parts, { type: 'text/csv;charset=utf-8' }),
    fileName: memberExportFileName(fileNameSlug(shop.name), nowMs),
    rows,
  };
}
