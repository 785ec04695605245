import { csvDelimiterFor, decimalSeparatorFor, fileNameSlug, CSV_BOM, type CsvDelimiter } from '../core/csv';
import { isExported, memberExportFileName, memberExportRows, type ExportEvent, type MemberExportFormat } from '../core/memberExport';
import { currencyMinorDigits } from '../core/money';
import type { LedgerEvent, MemberSummary } from '../core/types';
import { isoAt, type DbContext } from './context';
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

interface ExportChunk {
  members: MemberRow[];
  summaries: MemberSummary[];
  events: LedgerEvent[];
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
  const parts: BlobPart[] = [CSV_BOM, builder.header()];
  const { db } = ctx;
  const readChunk = (after: string | undefined): Promise<ExportChunk> =>
    db.transaction('r', [db.members, db.summaries, db.events], async () => {
      const members = await (after === undefined ? db.members.orderBy(':id') : db.members.where(':id').above(after)).limit(EXPORT_CHUNK_SIZE).toArray();
      if (members.length === 0) return { members, summaries: [], events: [] };
      // The chunk is every member whose id lies in [first, last]: their summaries and events are
      // one key range each, read with getAll (anyOf would step a cursor through 1,000 keys).
      const first = members[0]!.id;
      const last = members.at(-1)!.id;
      const [summaries, events] = await Promise.all([
        db.summaries.where(':id').between(first, last, true, true).toArray(),
        db.events.where('memberId').between(first, last, true, true).toArray(),
      ]);
      return { members, summaries, events };
    });
  let rows = 0;
  let done = 0;
  options.onProgress?.(0, total);
  // The next chunk is read while this one's rows are built: at most two chunks in memory.
  let pending: Promise<ExportChunk> | undefined = readChunk(undefined);
  while (pending) {
    const chunk: ExportChunk = await pending;
    const full: boolean = chunk.members.length === EXPORT_CHUNK_SIZE;
    pending = full ? readChunk(chunk.members.at(-1)!.id) : undefined;
    const summaryOf = new Map(chunk.summaries.map((summary) => [summary.memberId, summary]));
    const eventsOf = new Map<string, LedgerEvent[]>();
    for (const event of chunk.events) {
      const list = eventsOf.get(event.memberId);
      if (list) list.push(event);
      else eventsOf.set(event.memberId, [event]);
    }
    let text = '';
    for (const row of chunk.members) {
      if (!isExported(row, options.consentingOnly)) continue;
      const events: readonly ExportEvent[] = eventsOf.get(row.id) ?? [];
      text += builder.row(fromMemberRow(row), summaryOf.get(row.id), events);
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
