import { minorToDecimal } from './money';

// CSV that opens correctly in Excel and LibreOffice in the shop's language (RFC 4180 with the
// habits of spreadsheets): UTF-8 with a BOM (Excel reads BOM-less files as the ANSI code page),
// CRLF between rows, the list separator of the locale (a semicolon where the decimal separator is
// a comma, as Excel expects there), numbers unquoted in the locale's decimal notation, and text
// cells neutralised against CSV injection (OWASP): a text starting with = + - @ tab CR or LF is
// prefixed with ' and quoted, so no spreadsheet takes it for a formula. Phone numbers ("+3630…")
// are text and get the prefix too: the apostrophe shows, but the cell can never run, and Excel
// would otherwise read "+36301234567" as a number and drop the plus. Number cells are written by
// the exporter itself from integers (a negative balance "-5"), never neutralised.

export type CsvDelimiter = ',' | ';';

/** A cell: text (escaped and neutralised), a number we wrote ourselves, or empty. */
export type CsvCell = { text: string } | { number: string } | undefined;

/** UTF-8 byte order mark: tells Excel the file is UTF-8. */
export const CSV_BOM = '\uFEFF';
export const CSV_ROW_END = '\r\n';

/** The locale's decimal separator, from Intl (so hu, el, fi, de… are right without a list). */
export function decimalSeparatorFor(locale: string): string {
  try {
    return new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
  } catch {
    return '.';
  }
}

/** ';' where the decimal separator is a comma (Excel's list separator there), ',' elsewhere. */
export function csvDelimiterFor(locale: string): CsvDelimiter {
  return decimalSeparatorFor(locale) === ',' ? ';' : ',';
}

const FORMULA_START = /^[=+\-@\t\r\n]/;
const NEEDS_QUOTES = /[",;\r\n]/;

/** A text cell: neutralised when it could start a formula, quoted when it holds a delimiter, quote or line break. */
export function csvText(value: string, delimiter: CsvDelimiter): string {
  const neutral = FORMULA_START.test(value);
  const text = neutral ? `'${value}` : value;
  if (neutral || NEEDS_QUOTES.test(text) || text.includes(delimiter)) return `"${text.replaceAll('"', '""')}"`;
  return text;
}

/** An integer as a number cell: plain digits with a minus sign, never neutralised. */
export function csvInteger(value: number): CsvCell {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer: ${value}`);
  return { number: String(value) };
}

/** Money as a number cell in major units with the locale's decimal separator, exactly (no floats). */
export function csvMoney(minor: number, minorDigits: number, decimalSeparator: string): CsvCell {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`not an amount: ${minor}`);
  return { number: minorToDecimal(minor, minorDigits).replace('.', decimalSeparator) };
}

function cellText(cell: CsvCell, delimiter: CsvDelimiter): string {
  if (cell === undefined) return '';
  if ('text' in cell) return cell.text === '' ? '' : csvText(cell.text, delimiter);
  // A decimal comma in a comma-separated file (an override) needs quotes to stay one cell.
  return cell.number.includes(delimiter) ? `"${cell.number}"` : cell.number;
}

/** One row, ending with CRLF. */
export function csvRow(cells: readonly CsvCell[], delimiter: CsvDelimiter): string {
  return cells.map((cell) => cellText(cell, delimiter)).join(delimiter) + CSV_ROW_END;
}

/** A row of headers (text). */
export function csvHeaderRow(headers: readonly string[], delimiter: CsvDelimiter): string {
  return csvRow(
    headers.map((text) => ({ text })),
    delimiter,
  );
}

/** A safe file name part: letters and digits (accents folded), words joined by "-". */
export function fileNameSlug(text: string, fallback = 'shop'): string {
  const slug = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || fallback;
}
