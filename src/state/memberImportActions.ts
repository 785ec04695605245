import {
  errorReportCsv,
  guessColumnMapping,
  IMPORT_FIELDS,
  isBlankRecord,
  mappingProblems,
  type ColumnMapping,
  type ImportField,
  type ImportIssue,
  type ImportRowResult,
} from '../core/memberImport';
import { csvDelimiterFor } from '../core/csv';
import type { DbContext } from '../db/context';
import type { ImportCheck, ImportOutcome, ImportProgress, ParsedImportFile } from '../db/memberImport';
import { getShop } from '../db/settingsRepository';
import '../i18n/parts/memberImport.en';
import { actionErrorOf, type ActionError } from './actionError';
import { isOwnerSessionOpen } from './ownerActions';
import type { TillStore } from './store';

// Settings → Import members from CSV. The owner picks a file (another system's export, or a sheet
// saved from Excel), maps its columns to our fields, checks it (a dry run that writes nothing),
// then imports all accepted rows at once. The repository (and papaparse with it) loads on the
// first file, never with the till. Every step needs the owner session. A cancel before the write
// stops the work where it is: nothing is written before the single transaction of the import.

export type { ImportCheck, ImportOutcome, ImportProgress, ParsedImportFile };
export type { ColumnMapping, ImportField, ImportIssue, ImportRowResult };
export { IMPORT_FIELDS };

/**
 * The largest file taken. The whole text is read into memory and parsed into arrays of cells
 * (several times the file's size in the tablet's memory), and a shop's member list is far
 * smaller: 20 MB is over 100,000 members with a dozen columns. A larger file is almost certainly
 * not a member list, and would risk crashing the tab on a low-end tablet.
 */
export const MAX_IMPORT_FILE_BYTES = 20 * 1024 * 1024;

/** Sample values shown under each column's choice on the mapping screen. */
export const SAMPLES_PER_COLUMN = 3;

export interface OpenedImportFile {
  fileName: string;
  file: ParsedImportFile;
  /** The mapping guessed from the headers: one entry per column. */
  guessed: ColumnMapping;
  /** The first few non-empty values of each column. */
  samples: string[][];
  /** Records with any content (blank lines excluded). */
  rows: number;
}

export type ImportActionResult<T> = { ok: true; value: T } | { ok: false; error: ActionError } | { ok: false; cancelled: true };

export interface ImportRunOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** Aborting stops a check at once, and an import before its write starts (never halfway). */
  signal?: AbortSignal;
}

export interface ErrorReportLabels {
  rowHeader: string;
  reasonsHeader: string;
  describe: (issue: ImportIssue) => string;
}

const locked = { ok: false, error: { key: 'owner.locked', params: {} } } as const;
const failed = (key: ActionError['key'], params: ActionError['params'] = {}) => ({ ok: false, error: { key, params } }) as const;

class ImportCancelled extends Error {}

/** Which of our fields an issue is about, for the preview's "field" column. */
export function issueField(issue: ImportIssue): ImportField {
  switch (issue.code) {
    case 'nameRequired':
    case 'nameTooLong':
      return 'name';
    case 'phoneInvalid':
    case 'phoneRepeated':
    case 'phoneInUse':
      return 'phone';
    case 'emailInvalid':
      return 'email';
    case 'noteTooLong':
      return 'note';
    case 'consentInvalid':
      return 'consent';
    case 'dateInvalid':
      return issue.params?.field === 'consentAt' ? 'consentAt' : 'joinedAt';
    case 'cardInvalid':
    case 'cardCheckDigit':
    case 'cardRepeated':
    case 'cardInUse':
      return 'cardCodes';
  }
}

/** The mapping screen's choices (for each field, the column it reads, if any) from a mapping. */
export function choicesOf(mapping: ColumnMapping): Partial<Record<ImportField, number>> {
  const choices: Partial<Record<ImportField, number>> = {};
  mapping.forEach((field, column) => {
    if (field !== 'ignore' && choices[field] === undefined) choices[field] = column;
  });
  return choices;
}

/** The choices as a mapping (one entry per column); undefined while one column is chosen for two fields. */
export function mappingOfChoices(choices: Partial<Record<ImportField, number>>, columns: number): ColumnMapping | undefined {
  const mapping: (ImportField | 'ignore')[] = Array.from({ length: columns }, () => 'ignore');
  for (const field of IMPORT_FIELDS) {
    const column = choices[field];
    if (column === undefined) continue;
    if (column < 0 || column >= columns || mapping[column] !== 'ignore') return undefined;
    mapping[column] = field;
  }
  return mapping;
}

/** What keeps the choices from being checked, as messages: a name column, one column per field. */
export function choiceProblems(choices: Partial<Record<ImportField, number>>, columns: number): ActionError[] {
  const problems: ActionError[] = [];
  if (choices.name === undefined) problems.push({ key: 'import.nameColumnMissing', params: {} });
  if (!mappingOfChoices(choices, columns)) problems.push({ key: 'import.columnTwice', params: {} });
  return problems;
}

const SPREADSHEET_EXTENSIONS = /\.(xlsx|xlsm|xlsb|xls|ods|numbers)$/i;

function looksLikeWorkbook(bytes: Uint8Array): boolean {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  return zip || ole;
}

/** Text files never hold NUL bytes; images, PDFs and other binaries soon do. */
function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}

// Excel's "CSV (comma delimited)" writes the Windows code page of the computer's language, not
// UTF-8: a file that is not valid UTF-8 is read in the code page of the shop's language.
const LEGACY_CODE_PAGES: Record<string, string> = { hu: 'windows-1250', el: 'windows-1253', fi: 'windows-1252' };

function decodeText(bytes: Uint8Array, locale: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder(LEGACY_CODE_PAGES[locale.split('-')[0]!.toLowerCase()] ?? 'windows-1252').decode(bytes);
  }
}

function samplesOf(file: ParsedImportFile): string[][] {
  return file.headers.map((_, column) => {
    const values: string[] = [];
    for (const record of file.records) {
      const value = (record[column] ?? '').trim();
      if (value !== '') values.push(value.length > 40 ? `${value.slice(0, 39)}…` : value);
      if (values.length === SAMPLES_PER_COLUMN) break;
    }
    return values;
  });
}

export function createMemberImportActions(ctx: DbContext, store: TillStore) {
  const ownerSessionOpen = () => isOwnerSessionOpen(store.getState(), ctx.now());
  const repository = () => import('../db/memberImport');

  /** Progress passed on, and the place a cancel takes effect: the repository stops at the next step. */
  function progressOf(options: ImportRunOptions) {
    return (progress: ImportProgress) => {
      // Honoured up to the write's start; once the transaction runs, it completes (or rolls back) as a whole.
      const beforeWrite = progress.phase === 'checking' || progress.done === 0;
      if (beforeWrite && options.signal?.aborted) throw new ImportCancelled();
      options.onProgress?.(progress);
    };
  }

  async function run<T>(options: ImportRunOptions, work: () => Promise<T>): Promise<ImportActionResult<T>> {
    if (!ownerSessionOpen()) return locked;
    if (options.signal?.aborted) return { ok: false, cancelled: true };
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      if (error instanceof ImportCancelled) return { ok: false, cancelled: true };
      return { ok: false, error: actionErrorOf(error, 'error.storage') };
    }
  }

  return {
    /** Reads and parses a chosen file; refuses what is not a readable CSV of members, with the reason. */
    async openFile(blob: Blob, fileName: string): Promise<ImportActionResult<OpenedImportFile>> {
      if (!ownerSessionOpen()) return locked;
      if (blob.size === 0) return failed('import.fileEmpty');
      if (blob.size > MAX_IMPORT_FILE_BYTES) return failed('import.fileTooLarge', { max: MAX_IMPORT_FILE_BYTES / (1024 * 1024) });
      try {
        const bytes = new Uint8Array(await blob.arrayBuffer());
        if (SPREADSHEET_EXTENSIONS.test(fileName) || looksLikeWorkbook(bytes)) return failed('import.fileWorkbook');
        if (looksBinary(bytes)) return failed('import.fileNotCsv');
        const shop = await getShop(ctx);
        const text = decodeText(bytes, shop.locale);
        if (text.replace(/^\uFEFF/, '').trim() === '') return failed('import.fileEmpty');
        const { parseImportCsv } = await repository();
        const file = parseImportCsv(text);
        const rows = file.records.filter((record) => !isBlankRecord(record)).length;
        if (rows === 0) return failed('import.fileNoRows');
        return { ok: true, value: { fileName, file, guessed: guessColumnMapping(file.headers), samples: samplesOf(file), rows } };
      } catch (error) {
        return { ok: false, error: actionErrorOf(error, 'import.fileUnreadable') };
      }
    },

    /** The dry run: what the import would add, skip and refuse. Writes nothing. */
    async check(file: ParsedImportFile, mapping: ColumnMapping, options: ImportRunOptions = {}): Promise<ImportActionResult<ImportCheck>> {
      if (mappingProblems(mapping).length > 0) return failed('import.nameColumnMissing');
      return run(options, async () => {
        const { dryRunImport } = await repository();
        return dryRunImport(ctx, file, mapping, progressOf(options));
      });
    },

    /** Imports every accepted row in one transaction: all of them, or none. */
    async importMembers(file: ParsedImportFile, mapping: ColumnMapping, options: ImportRunOptions = {}): Promise<ImportActionResult<ImportOutcome>> {
      if (mappingProblems(mapping).length > 0) return failed('import.nameColumnMissing');
      return run(options, async () => {
        const { importMembers } = await repository();
        store.setState((s) => ({ writesInFlight: s.writesInFlight + 1 }));
        try {
          return await importMembers(ctx, file, mapping, progressOf(options));
        } finally {
          store.setState((s) => ({ writesInFlight: s.writesInFlight - 1 }));
        }
      });
    },

    /** The rejected rows as a CSV for the owner to fix in a spreadsheet, in the shop's separator. */
    async errorReport(opened: Pick<OpenedImportFile, 'file' | 'fileName'>, results: readonly ImportRowResult[], labels: ErrorReportLabels): Promise<ImportActionResult<{ blob: Blob; fileName: string }>> {
      if (!ownerSessionOpen()) return locked;
      try {
        const shop = await getShop(ctx);
        const { file } = opened;
        const text = errorReportCsv(file.headers, (row) => file.records[row - 2], results, { delimiter: csvDelimiterFor(shop.locale), ...labels });
        const stem = opened.fileName.replace(/\.[^.]*$/, '') || 'members';
        return { ok: true, value: { blob: new Blob([text], { type: 'text/csv;charset=utf-8' }), fileName: `${stem}-errors.csv` } };
      } catch (error) {
        return { ok: false, error: actionErrorOf(error, 'error.storage') };
      }
    },
  };
}

export type MemberImportActions = ReturnType<typeof createMemberImportActions>;
