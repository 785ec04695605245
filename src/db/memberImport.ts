import Papa from 'papaparse';
import { emptySummary, applyEvent } from '../core/ledger';
import {
  createDuplicateCheck,
  isBlankRecord,
  prepareImportRow,
  type ColumnMapping,
  type ImportIssue,
  type ImportMemberInput,
  type ImportRowResult,
} from '../core/memberImport';
import { reverseDigits } from '../core/search';
import type { Member } from '../core/types';
import { isoAt, type DbContext } from './context';
import type { MemberRow } from './database';
import { advanceDeviceMany } from './deviceRepository';
import { ledgerTables, stampedEvent } from './ledgerRepository';
import { newMemberRecord } from './memberRepository';
import { toMemberRow } from './memberRows';
import { getProgram, getShop } from './settingsRepository';

// The members CSV import. The file is parsed with papaparse (BOM, ',' or ';' detected, quoted
// line breaks); rows are checked in chunks of CHECK_CHUNK_SIZE, each chunk's cards and phones
// looked up against existing members in one read, yielding to the event loop between chunks so
// that 50k rows never freeze the page. A dry run stops there and writes nothing. The import then
// writes every accepted row in ONE transaction — members, enroll events, summaries, outbox rows,
// the device's HLC and card sequence — after checking the rows' cards and phones once more inside
// it (a sign-up or a sync may have come in meanwhile): IndexedDB commits all of it or none.
// Only IndexedDB requests run inside that transaction; the records are built in memory there.

export const CHECK_CHUNK_SIZE = 500;
/** The consent wording of an imported member is the other system's, unknown to us. */
export const IMPORTED_CONSENT_VERSION = 'imported';

export interface ParsedImportFile {
  headers: string[];
  /** The data records, header excluded: records[i] is the spreadsheet's row i + 2. Blank ones are kept (and skipped) so numbers stay right. */
  records: string[][];
}

export type ImportSource = string | ParsedImportFile;

export interface ImportProgress {
  phase: 'checking' | 'writing';
  done: number;
  total: number;
}

export interface ImportCheck {
  file: ParsedImportFile;
  /** One per non-blank record, in file order. */
  results: ImportRowResult[];
  toAdd: number;
  duplicates: number;
  errors: number;
}

export interface ImportOutcome extends ImportCheck {
  /** Members written (equal to toAdd). */
  imported: Member[];
}

/** The file's text as papaparse reads it: BOM dropped, delimiter (',' ';' tab) and line ends detected. */
export function parseImportCsv(text: string): ParsedImportFile {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const [headers = [], ...records] = parsed.data;
  // A final line break leaves one empty record behind.
  while (records.length > 0 && isBlankRecord(records.at(-1)!)) records.pop();
  return { headers: headers.map((header) => header.trim()), records };
}

function fileOf(source: ImportSource): ParsedImportFile {
  return typeof source === 'string' ? parseImportCsv(source) : source;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function holdersOf(rows: readonly MemberRow[]) {
  const cards = new Map<string, string>();
  const phones = new Map<string, string>();
  for (const row of rows) {
    if (row.deletedAt) continue;
    for (const code of row.cardCodes) cards.set(code, row.name);
    if (row.phoneE164) phones.set(row.phoneE164, row.name);
  }
  return { cards, phones };
}

/** Live members holding any of these cards or phones, read in the caller's transaction or one of its own. */
async function readHolders(ctx: DbContext, cards: readonly string[], phones: readonly string[]) {
  const [byCard, byPhone] = await Promise.all([
    cards.length ? ctx.db.members.where('cardCodes').anyOf(cards).toArray() : [],
    phones.length ? ctx.db.members.where('phoneRev').anyOf(phones.map(reverseDigits)).toArray() : [],
  ]);
  return holdersOf([...byCard, ...byPhone]);
}

function summarise(file: ParsedImportFile, results: ImportRowResult[]): ImportCheck {
  let toAdd = 0;
  let duplicates = 0;
  let errors = 0;
  for (const result of results) {
    if (result.status === 'ready') toAdd++;
    else if (result.status === 'duplicate') duplicates++;
    else errors++;
  }
  return { file, results, toAdd, duplicates, errors };
}

async function checkRows(ctx: DbContext, file: ParsedImportFile, mapping: ColumnMapping, onProgress?: (progress: ImportProgress) => void): Promise<ImportCheck> {
  const shop = await getShop(ctx);
  // libphonenumber-js is a lazy chunk, as for sign-up.
  const { toE164 } = await import('../core/phone');
  const parsePhone = (raw: string) => toE164(raw, shop.country);
  const check = createDuplicateCheck();
  const results: ImportRowResult[] = [];
  const total = file.records.length;
  onProgress?.({ phase: 'checking', done: 0, total });
  for (let start = 0; start < total; start += CHECK_CHUNK_SIZE) {
    const chunk = file.records.slice(start, start + CHECK_CHUNK_SIZE);
    const prepared = chunk.flatMap((cells, index) => (isBlankRecord(cells) ? [] : [prepareImportRow(cells, start + index + 2, mapping, parsePhone)]));
    const holders = await readHolders(
      ctx,
      prepared.flatMap((row) => row.cardCodes),
      prepared.flatMap((row) => (row.phoneE164 ? [row.phoneE164] : [])),
    );
    const context = { parsePhone, cardHolder: (code: string) => holders.cards.get(code), phoneHolder: (phone: string) => holders.phones.get(phone) };
    for (const row of prepared) results.push(check(row, context));
    onProgress?.({ phase: 'checking', done: Math.min(total, start + CHECK_CHUNK_SIZE), total });
    await yieldToEventLoop();
  }
  return summarise(file, results);
}

/** What an import would do (members to add, duplicates, errors with their rows), writing nothing. */
export async function dryRunImport(ctx: DbContext, source: ImportSource, mapping: ColumnMapping, onProgress?: (progress: ImportProgress) => void): Promise<ImportCheck> {
  return checkRows(ctx, fileOf(source), mapping, onProgress);
}

/**
 * Imports the file: checks every row as the dry run does, then writes all accepted rows in one
 * transaction, or none if anything fails. Rows a sign-up or sync made duplicates since the check
 * are skipped and reported as duplicates.
 */
export async function importMembers(ctx: DbContext, source: ImportSource, mapping: ColumnMapping, onProgress?: (progress: ImportProgress) => void): Promise<ImportOutcome> {
  const checked = await checkRows(ctx, fileOf(source), mapping, onProgress);
  const ready = checked.results.filter((result) => result.status === 'ready');
  onProgress?.({ phase: 'writing', done: 0, total: ready.length });
  const { db } = ctx;
  const { results, imported } = await db.transaction('rw', ledgerTables(ctx), async () => {
    const holders = await readHolders(
      ctx,
      ready.flatMap((result) => result.member.cardCodes),
      ready.flatMap((result) => (result.member.phoneE164 ? [result.member.phoneE164] : [])),
    );
    const conflicts = new Map<number, ImportIssue[]>();
    const accepted: { row: number; input: ImportMemberInput }[] = [];
    for (const { row, member: input } of ready) {
      const issues: ImportIssue[] = [];
      for (const code of input.cardCodes) {
        const name = holders.cards.get(code);
        if (name !== undefined) issues.push({ code: 'cardInUse', params: { code, name } });
      }
      const phoneHolder = input.phoneE164 ? holders.phones.get(input.phoneE164) : undefined;
      if (phoneHolder !== undefined) issues.push({ code: 'phoneInUse', params: { name: phoneHolder } });
      if (issues.length) conflicts.set(row, issues);
      else accepted.push({ row, input });
    }

    const program = await getProgram(ctx);
    const fileCards = new Set(accepted.flatMap(({ input }) => input.cardCodes));
    const withoutCard = accepted.filter(({ input }) => input.cardCodes.length === 0).length;
    // Two stamps per member, as sign-up takes: the member's fields, then its enroll event.
    const stamps = await advanceDeviceMany(ctx, { stamps: accepted.length * 2, cardNumbers: withoutCard }, fileCards);
    const now = isoAt(ctx.now());
    const members: Member[] = [];
    const rows: MemberRow[] = [];
    const events = [];
    const summaries = [];
    const outbox = [];
    let nextCard = 0;
    for (const [index, { input }] of accepted.entries()) {
      const memberHlc = stamps.hlcs[index * 2]!;
      const eventHlc = stamps.hlcs[index * 2 + 1]!;
      const member = newMemberRecord(
        {
          name: input.name,
          ...(input.phoneE164 ? { phoneE164: input.phoneE164 } : {}),
          ...(input.email ? { email: input.email } : {}),
          ...(input.note ? { note: input.note } : {}),
          cardCodes: input.cardCodes.length ? input.cardCodes : [stamps.cardNumbers[nextCard++]!],
          consent: { marketing: input.marketingConsent, at: input.consentAt ?? input.joinedAt ?? now, textVersion: IMPORTED_CONSENT_VERSION },
          createdAt: input.joinedAt ?? now,
        },
        memberHlc,
        now,
      );
      const event = stampedEvent({ memberId: member.id, kind: 'enroll', reason: 'import' }, program, { deviceId: stamps.deviceId, hlc: eventHlc }, now);
      members.push(member);
      rows.push(toMemberRow(member));
      events.push(event);
      summaries.push(applyEvent(emptySummary(member.id), event)!);
      // The outbox in sign-up's order: the member, then its enroll event.
      outbox.push({ mutation: { kind: 'member.upsert' as const, member } }, { mutation: { kind: 'event.append' as const, event } });
    }
    await Promise.all([db.members.bulkAdd(rows), db.events.bulkAdd(events), db.summaries.bulkPut(summaries), db.outbox.bulkAdd(outbox)]);
    const final = checked.results.map((result): ImportRowResult => {
      const issues = conflicts.get(result.row);
      return issues ? { row: result.row, status: 'duplicate', issues } : result;
    });
    return { results: final, imported: members };
  });
  onProgress?.({ phase: 'writing', done: imported.length, total: ready.length });
  return { ...summarise(checked.file, results), imported };
}
