import Papa from 'papaparse';
import { makeCardNumber } from '../core/cardNumber';
import { encodeHlc, tickHlc } from '../core/hlc';
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
import type { Hlc, Member } from '../core/types';
import { isoAt, type DbContext } from './context';
import type { MemberRow } from './database';
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
// Only IndexedDB requests run inside that transaction; the records are built in memory there,
// WRITE_CHUNK_SIZE members at a time between the chunks' writes, so the page stays responsive.

export const CHECK_CHUNK_SIZE = 500;
/** Members built and added per step of the import's write transaction. */
export const WRITE_CHUNK_SIZE = 250;
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
  const body = text.replace(/^\uFEFF/, '');
  // The delimiter is guessed on the non-blank lines only: papaparse counts a blank line (the
  // file's last line break, a spacer row) as a one-field row, which in a file of two columns
  // and few rows pulls the average below two fields and loses the ';'. Blank records are kept
  // by the parse itself, so that row numbers stay as the spreadsheet shows them.
  const { delimiter } = Papa.parse<string[]>(body, { skipEmptyLines: 'greedy', preview: 100 }).meta;
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: false, delimiter });
  const [headers = [], ...records] = parsed.data;
  // A final line break leaves one empty record behind.
  while (records.length > 0 && isBlankRecord(records.at(-1)!)) records.pop();
  return { headers: headers.map((header) => header.trim()), records };
}

function fileOf(source: ImportSource): ParsedImportFile {
  return typeof source === 'string' ? parseImportCsv(source) : source;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

// Kept here, not in deviceRepository (which the till's initial bundle holds): only the import
// uses it, so it loads with the import's chunk.
/**
 * Within a caller's transaction over the device and members tables: `stamps` HLC stamps and
 * `cardNumbers` card numbers at once (a bulk import), with one read and one write of the device
 * row. Card numbers skip those a member holds or `alsoTaken` lists (cards of the same import).
 */
async function advanceDeviceMany(
  ctx: DbContext,
  counts: { stamps: number; cardNumbers: number },
  alsoTaken: ReadonlySet<string> = new Set(),
): Promise<{ deviceId: string; hlcs: Hlc[]; cardNumbers: string[] }> {
  const device = await ctx.db.device.get('self');
  if (!device) throw new Error('Device not initialised: call getOrCreateDevice first');
  const wallMs = ctx.now() + (device.clockOffsetMs ?? 0);
  let state = device.hlc;
  const hlcs: Hlc[] = [];
  for (let i = 0; i < counts.stamps; i++) {
    state = tickHlc(state, wallMs);
    hlcs.push(encodeHlc(state, device.deviceId));
  }
  const cardNumbers: string[] = [];
  let sequence = device.lastCardSequence;
  while (cardNumbers.length < counts.cardNumbers) {
    const wanted = counts.cardNumbers - cardNumbers.length;
    const candidates: string[] = [];
    // Past the last sequence this throws card.sequenceExhausted and the caller's transaction aborts.
    for (let i = 0; i < wanted; i++) candidates.push(makeCardNumber(device.cardPrefix, ++sequence));
    const held = new Set((await ctx.db.members.where('cardCodes').anyOf(candidates).keys()) as string[]);
    cardNumbers.push(...candidates.filter((code) => !held.has(code) && !alsoTaken.has(code)));
  }
  await ctx.db.device.put({ ...device, hlc: state, lastCardSequence: sequence });
  return { deviceId: device.deviceId, hlcs, cardNumbers };
}

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
    let nextCard = 0;
    // Built and added WRITE_CHUNK_SIZE members at a time, waiting for each chunk's requests before
    // building the next: the page gets the event loop back in between (only IndexedDB requests
    // are awaited, so the transaction stays open), where 50k rows added at once would hold the
    // main thread for seconds. Same records, same order, still one transaction.
    for (let start = 0; start < accepted.length; start += WRITE_CHUNK_SIZE) {
      const rows: MemberRow[] = [];
      const events = [];
      const summaries = [];
      const outbox = [];
      for (let index = start; index < Math.min(accepted.length, start + WRITE_CHUNK_SIZE); index++) {
        const { input } = accepted[index]!;
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
      if (members.length < accepted.length) onProgress?.({ phase: 'writing', done: members.length, total: ready.length });
    }
    const final = checked.results.map((result): ImportRowResult => {
      const issues = conflicts.get(result.row);
      return issues ? { row: result.row, status: 'duplicate', issues } : result;
    });
    return { results: final, imported: members };
  });
  onProgress?.({ phase: 'writing', done: imported.length, total: ready.length });
  return { ...summarise(checked.file, results), imported };
}
