import { csvHeaderRow, csvRow, CSV_BOM, type CsvCell, type CsvDelimiter } from './csv';
import { isDomainError } from './errors';
import { cleanEmail, cleanName, cleanNote, MAX_NAME_LENGTH, MAX_NOTE_LENGTH } from './memberInput';
import { requireCardCode } from './scanCode';
import { foldText } from './search';
import type { Iso } from './types';

// The members CSV import, the pure part: which column holds what (guessed from the headers in
// en, hu, el or fi, our own export's included), each row cleaned with the sign-up's rules, and
// duplicates found — within the file and against existing members, whose holders the caller
// looks up. A row either becomes a member input or is rejected with issue codes and parameters
// (translated by the UI, never English here). A row matching an existing member (by phone or
// card) or an earlier row (by phone) is a duplicate: reported and skipped, never merged.

export const IMPORT_FIELDS = ['name', 'phone', 'email', 'cardCodes', 'consent', 'consentAt', 'joinedAt', 'note'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** One entry per column of the file: the field it fills, or 'ignore'. */
export type ColumnMapping = readonly (ImportField | 'ignore')[];

export type ImportIssueCode =
  | 'nameRequired'
  | 'nameTooLong'
  | 'phoneInvalid'
  | 'emailInvalid'
  | 'noteTooLong'
  | 'cardInvalid'
  | 'cardCheckDigit'
  | 'consentInvalid'
  | 'dateInvalid'
  /** The same card on an earlier row of the file. */
  | 'cardRepeated'
  /** The same phone on an earlier row of the file (the same person twice). */
  | 'phoneRepeated'
  /** An existing member holds the card. */
  | 'cardInUse'
  /** An existing member has the phone. */
  | 'phoneInUse';

/** Issues that make a row a duplicate (skipped) rather than an error to fix. */
const DUPLICATE_ISSUES: ReadonlySet<ImportIssueCode> = new Set(['phoneRepeated', 'cardInUse', 'phoneInUse']);

export interface ImportIssue {
  code: ImportIssueCode;
  params?: Record<string, string | number>;
}

/** A member ready to be written: cleaned and checked like a sign-up. */
export interface ImportMemberInput {
  name: string;
  phoneE164?: string;
  email?: string;
  note?: string;
  /** Empty: the tablet issues a new card number. */
  cardCodes: string[];
  marketingConsent: boolean;
  /** When consent was given or declined, if the file says. */
  consentAt?: Iso;
  /** When the member joined, if the file says. */
  joinedAt?: Iso;
}

/** `row`: the record's number as a spreadsheet shows it (the header is row 1). */
export type ImportRowResult =
  | { row: number; status: 'ready'; member: ImportMemberInput }
  | { row: number; status: 'duplicate' | 'error'; issues: ImportIssue[] };

export interface ImportContext {
  /** E.164, or undefined when not a valid number (libphonenumber-js in the shop's country, loaded by the caller). */
  parsePhone: (raw: string) => string | undefined;
  /** The name of the live member holding this card, if any. */
  cardHolder: (code: string) => string | undefined;
  /** The name of the live member with this E.164 phone, if any. */
  phoneHolder: (phoneE164: string) => string | undefined;
}

// ---- Column mapping ------------------------------------------------------------------------

/** Header text folded: case-, accent- and punctuation-blind ("E-mail cím" → "e mail cim"). */
export function foldHeader(header: string): string {
  return foldText(header.replace(/^\uFEFF/, ''))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const HEADER_WORDS: Record<ImportField, readonly string[]> = {
  name: [
    'name', 'full name', 'customer name', 'member name', 'customer', 'member', 'client', 'client name',
    'nev', 'teljes nev', 'ugyfel neve', 'ugyfelnev', 'ugyfel', 'tag neve', 'vasarlo', 'vasarlo neve',
    'ονομα', 'ονοματεπωνυμο', 'πληρες ονομα', 'ονομα πελατη', 'πελατης', 'ονομα μελους', 'μελος',
    'nimi', 'koko nimi', 'asiakkaan nimi', 'asiakas', 'jasen', 'jasenen nimi',
  ],
  phone: [
    'phone', 'phone number', 'telephone', 'telephone number', 'tel', 'mobile', 'mobile phone', 'mobile number', 'cell', 'cell phone',
    'telefon', 'telefonszam', 'mobil', 'mobilszam', 'mobiltelefon',
    'τηλεφωνο', 'τηλ', 'κινητο', 'κινητο τηλεφωνο', 'αριθμος τηλεφωνου',
    'puhelin', 'puhelinnumero', 'matkapuhelin', 'gsm', 'puh',
  ],
  email: [
    'email', 'e mail', 'email address', 'e mail address', 'mail',
    'e mail cim', 'email cim', 'emailcim', 'levelcim',
    'ηλεκτρονικο ταχυδρομειο', 'διευθυνση email', 'διευθυνση e mail',
    'sahkoposti', 'sahkopostiosoite', 's posti', 'sposti',
  ],
  cardCodes: [
    'card numbers', 'card number', 'card', 'cards', 'card no', 'card code', 'loyalty card', 'member card', 'membership card', 'barcode',
    'kartyaszam', 'kartyaszamok', 'kartya', 'torzskartya', 'husegkartya', 'vonalkod',
    'αριθμος καρτας', 'αριθμοι καρτων', 'καρτα', 'καρτα μελους', 'καρτες',
    'korttinumero', 'kortin numero', 'kortti', 'kanta asiakaskortti', 'jasenkortti', 'viivakoodi',
  ],
  consent: [
    'marketing consent', 'consent', 'marketing', 'newsletter', 'opt in', 'accepts marketing',
    'hozzajarulas', 'marketing hozzajarulas', 'hirlevel', 'marketing engedely',
    'συγκαταθεση', 'συναινεση', 'συγκαταθεση marketing', 'ενημερωτικο δελτιο',
    'suostumus', 'markkinointilupa', 'markkinointisuostumus', 'uutiskirje',
  ],
  consentAt: [
    'consent date', 'consent at', 'consent given', 'consent given at', 'consented',
    'hozzajarulas datuma', 'hozzajarulas ideje',
    'ημερομηνια συγκαταθεσης', 'ημ συγκαταθεσης',
    'suostumuksen paivamaara', 'suostumuspaiva', 'suostumus annettu',
  ],
  joinedAt: [
    'joined', 'join date', 'joined at', 'date joined', 'member since', 'created', 'created at', 'registration date', 'registered', 'signed up', 'sign up date',
    'csatlakozott', 'csatlakozas', 'csatlakozas datuma', 'regisztracio', 'regisztracio datuma', 'regisztralt', 'tag ota', 'belepes datuma',
    'εγγραφη', 'ημερομηνια εγγραφης', 'μελος απο', 'ημ εγγραφης',
    'liittynyt', 'liittymispaiva', 'liittymispaivamaara', 'jasen alkaen', 'rekisteroitynyt', 'rekisteroitymispaiva',
  ],
  note: [
    'note', 'notes', 'comment', 'comments', 'remark', 'remarks',
    'megjegyzes', 'megjegyzesek',
    'σημειωση', 'σημειωσεις', 'σχολια', 'σχολιο', 'παρατηρησεις',
    'huomautus', 'huomautukset', 'lisatiedot', 'muistiinpano', 'kommentti',
  ],
};

const FIELD_OF_HEADER = new Map<string, ImportField>(
  IMPORT_FIELDS.flatMap((field) => HEADER_WORDS[field].map((words) => [foldHeader(words), field] as const)),
);

/** A field per column, guessed from the headers; each field goes to its first column, unknown headers are ignored. */
export function guessColumnMapping(headers: readonly string[]): (ImportField | 'ignore')[] {
  const taken = new Set<ImportField>();
  return headers.map((header) => {
    const field = FIELD_OF_HEADER.get(foldHeader(header));
    if (!field || taken.has(field)) return 'ignore';
    taken.add(field);
    return field;
  });
}

/** What the mapping lacks before an import may run: a name column. */
export function mappingProblems(mapping: ColumnMapping): ('nameColumnMissing' | 'fieldMappedTwice')[] {
  const fields = mapping.filter((field) => field !== 'ignore');
  const problems: ('nameColumnMissing' | 'fieldMappedTwice')[] = [];
  if (!fields.includes('name')) problems.push('nameColumnMissing');
  if (new Set(fields).size !== fields.length) problems.push('fieldMappedTwice');
  return problems;
}

// ---- Values ----------------------------------------------------------------------------------

const YES = new Set(['yes', 'y', 'true', '1', 'x', 'igen', 'i', 'ναι', 'ν', 'kylla', 'k', 'on']);
const NO = new Set(['', 'no', 'n', 'false', '0', 'nem', 'οχι', 'ο', 'ei', 'off', '-']);

/** Marketing consent from a yes/no cell in any of our languages; undefined when unreadable. */
export function parseConsent(raw: string): boolean | undefined {
  const value = foldText(raw);
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  return undefined;
}

/**
 * A date cell: ISO (2026-11-23, or a full ISO time), Hungarian (2026. 11. 23.), or day first
 * (23.11.2026, 23/11/2026). A calendar date is that day's local midnight, as the export wrote
 * the local day. Undefined when unreadable.
 */
export function parseImportDate(raw: string): Iso | undefined {
  const text = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
  }
  let match = /^(\d{4})[-./]\s*(\d{1,2})[-./]\s*(\d{1,2})\.?$/.exec(text);
  let [year, month, day] = match ? [match[1], match[2], match[3]].map(Number) : [];
  if (!match) {
    match = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(text);
    if (!match) return undefined;
    [day, month, year] = [match[1], match[2], match[3]].map(Number);
  }
  const date = new Date(year!, month! - 1, day!);
  if (date.getFullYear() !== year || date.getMonth() !== month! - 1 || date.getDate() !== day) return undefined;
  return date.toISOString();
}

/** Card codes of a cell: several separated by spaces, commas or semicolons (our export joins them with spaces). */
function cardCodesOf(raw: string): string[] {
  return raw
    .split(/[\s,;]+/)
    .map((code) => code.replace(/^'/, ''))
    .filter((code) => code !== '');
}

/** A cell as the file meant it: our export's (and OWASP's) leading apostrophe on "+36…" or "=…" undone. */
function unneutralise(raw: string): string {
  return /^'[=+\-@\t\r\n]/.test(raw) ? raw.slice(1) : raw;
}

function domainIssue(error: unknown, fallback: ImportIssueCode): ImportIssue {
  if (!isDomainError(error)) throw error;
  switch (error.code) {
    case 'member.nameRequired':
      return { code: 'nameRequired' };
    case 'member.nameTooLong':
      return { code: 'nameTooLong', params: { max: MAX_NAME_LENGTH } };
    case 'member.emailInvalid':
      return { code: 'emailInvalid' };
    case 'member.noteTooLong':
      return { code: 'noteTooLong', params: { max: MAX_NOTE_LENGTH } };
    case 'card.checkDigit':
      return { code: 'cardCheckDigit', params: error.params };
    default:
      return { code: fallback };
  }
}

/** One row cleaned with the sign-up's rules, before any duplicate check. */
export interface PreparedImportRow {
  row: number;
  member?: ImportMemberInput;
  issues: ImportIssue[];
  /** The row's readable cards and phone, also when it is rejected: duplicates are checked on them. */
  cardCodes: string[];
  phoneE164?: string;
}

/** Cleans one record (its cells in file order) with the mapping: a member input, or the reasons it cannot be one. */
export function prepareImportRow(cells: readonly string[], row: number, mapping: ColumnMapping, parsePhone: ImportContext['parsePhone']): PreparedImportRow {
  const raw: Partial<Record<ImportField, string>> = {};
  mapping.forEach((field, column) => {
    if (field !== 'ignore') raw[field] = unneutralise(cells[column] ?? '');
  });
  const issues: ImportIssue[] = [];
  const attempt = <T>(clean: () => T, fallback: ImportIssueCode): T | undefined => {
    try {
      return clean();
    } catch (error) {
      issues.push(domainIssue(error, fallback));
      return undefined;
    }
  };
  const name = attempt(() => cleanName(raw.name ?? ''), 'nameRequired');
  const email = attempt(() => cleanEmail(raw.email ?? ''), 'emailInvalid');
  const note = attempt(() => cleanNote(raw.note ?? ''), 'noteTooLong');
  let phoneE164: string | undefined;
  const phoneText = (raw.phone ?? '').trim();
  if (phoneText !== '') {
    phoneE164 = parsePhone(phoneText);
    if (!phoneE164) issues.push({ code: 'phoneInvalid', params: { value: phoneText } });
  }
  const cardCodes: string[] = [];
  for (const code of cardCodesOf(raw.cardCodes ?? '')) {
    const card = attempt(() => requireCardCode(code), 'cardInvalid');
    if (card !== undefined && !cardCodes.includes(card)) cardCodes.push(card);
  }
  const marketingConsent = parseConsent(raw.consent ?? '');
  if (marketingConsent === undefined) issues.push({ code: 'consentInvalid', params: { value: (raw.consent ?? '').trim() } });
  const dateOf = (field: 'consentAt' | 'joinedAt'): Iso | undefined => {
    const text = (raw[field] ?? '').trim();
    if (text === '') return undefined;
    const iso = parseImportDate(text);
    if (!iso) issues.push({ code: 'dateInvalid', params: { field, value: text } });
    return iso;
  };
  const consentAt = dateOf('consentAt');
  const joinedAt = dateOf('joinedAt');
  const keys = { cardCodes, ...(phoneE164 ? { phoneE164 } : {}) };
  if (issues.length > 0 || name === undefined) return { row, issues, ...keys };
  return {
    row,
    issues,
    ...keys,
    member: {
      name,
      ...(phoneE164 ? { phoneE164 } : {}),
      ...(email ? { email } : {}),
      ...(note ? { note } : {}),
      cardCodes,
      marketingConsent: marketingConsent ?? false,
      ...(consentAt ? { consentAt } : {}),
      ...(joinedAt ? { joinedAt } : {}),
    },
  };
}

/**
 * Duplicate checks across the rows of one file, in file order (so it can run chunk by chunk):
 * a card on an earlier row is an error ('cardRepeated': two people, one card); a phone on an
 * earlier row, or a card or phone an existing member holds, makes the row a duplicate. Earlier
 * rows count whether or not they were accepted, so fixing one row never silently changes another.
 */
export function createDuplicateCheck() {
  const cardRows = new Map<string, number>();
  const phoneRows = new Map<string, number>();
  return (prepared: PreparedImportRow, context: ImportContext): ImportRowResult => {
    const issues = [...prepared.issues];
    const phone = prepared.phoneE164;
    for (const code of prepared.cardCodes) {
      const earlier = cardRows.get(code);
      if (earlier !== undefined) issues.push({ code: 'cardRepeated', params: { code, row: earlier } });
      else cardRows.set(code, prepared.row);
      const holder = context.cardHolder(code);
      if (holder !== undefined) issues.push({ code: 'cardInUse', params: { code, name: holder } });
    }
    if (phone) {
      const earlier = phoneRows.get(phone);
      if (earlier !== undefined) issues.push({ code: 'phoneRepeated', params: { row: earlier } });
      else phoneRows.set(phone, prepared.row);
      const holder = context.phoneHolder(phone);
      if (holder !== undefined) issues.push({ code: 'phoneInUse', params: { name: holder } });
    }
    if (issues.length === 0 && prepared.member) return { row: prepared.row, status: 'ready', member: prepared.member };
    const status = issues.every((issue) => DUPLICATE_ISSUES.has(issue.code)) ? 'duplicate' : 'error';
    return { row: prepared.row, status, issues };
  };
}

/**
 * Every data record of a file (header excluded), checked: the first data record is row 2.
 * For large files the caller runs prepareImportRow and createDuplicateCheck chunk by chunk.
 */
export function validateImportRows(rows: readonly (readonly string[])[], mapping: ColumnMapping, context: ImportContext, firstRow = 2): ImportRowResult[] {
  const check = createDuplicateCheck();
  return rows.map((cells, index) => check(prepareImportRow(cells, firstRow + index, mapping, context.parsePhone), context));
}

/** Records with any non-empty cell: spreadsheets leave blank lines and rows of empty cells. */
export function isBlankRecord(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

// ---- Error report ------------------------------------------------------------------------------

export interface ErrorReportOptions {
  delimiter: CsvDelimiter;
  /** Headers of the two leading columns; the UI passes translated ones. */
  rowHeader?: string;
  reasonsHeader?: string;
  /** One issue as text; the UI passes a translation. By default, the code and its parameters. */
  describe?: (issue: ImportIssue) => string;
}

function issueText(issue: ImportIssue): string {
  const params = Object.entries(issue.params ?? {});
  return params.length ? `${issue.code}(${params.map(([key, value]) => `${key}=${value}`).join(', ')})` : issue.code;
}

/**
 * The rejected rows (errors and duplicates) as a CSV file's text: row number, reasons, then the
 * record's cells as the file had them, under its own headers. BOM, CRLF and neutralised cells,
 * like the export, so it opens in Excel.
 */
export function errorReportCsv(
  headers: readonly string[],
  records: ReadonlyMap<number, readonly string[]> | ((row: number) => readonly string[] | undefined),
  results: readonly ImportRowResult[],
  options: ErrorReportOptions,
): string {
  const recordOf = typeof records === 'function' ? records : (row: number) => records.get(row);
  const describe = options.describe ?? issueText;
  let text = CSV_BOM + csvHeaderRow([options.rowHeader ?? 'Row', options.reasonsHeader ?? 'Reasons', ...headers], options.delimiter);
  for (const result of results) {
    if (result.status === 'ready') continue;
    const cells: CsvCell[] = [
      { number: String(result.row) },
      { text: result.issues.map(describe).join('; ') },
      ...(recordOf(result.row) ?? []).map((cell) => ({ text: cell })),
    ];
    text += csvRow(cells, options.delimiter);
  }
  return text;
}
