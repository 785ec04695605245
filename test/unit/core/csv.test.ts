import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvDelimiterFor, csvHeaderRow, csvInteger, csvMoney, csvRow, csvText, decimalSeparatorFor, fileNameSlug, type CsvDelimiter } from '../../../src/core/csv';

describe('CSV cells', () => {
  it('neutralises text that a spreadsheet would take for a formula (OWASP): a leading quote, and quotes around', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r', '\n']) {
      const value = `${start}HYPERLINK("http://x","y")`;
      const cell = csvText(value, ',');
      expect(cell.startsWith(`"'${start}`)).toBe(true);
      expect(Papa.parse<string[]>(cell, { delimiter: ',' }).data[0]![0]).toBe(`'${value}`);
    }
    expect(csvText('+36301234567', ';')).toBe(`"'+36301234567"`);
    expect(csvText('-5', ',')).toBe(`"'-5"`);
    // Not at the start: nothing to neutralise.
    expect(csvText('a=b', ',')).toBe('a=b');
    expect(csvText('Éva Kovács', ';')).toBe('Éva Kovács');
  });

  it('quotes a delimiter, a quote or a line break and doubles quotes', () => {
    expect(csvText('Smith, John', ',')).toBe('"Smith, John"');
    expect(csvText('a;b', ';')).toBe('"a;b"');
    expect(csvText('Bob "the builder"', ',')).toBe('"Bob ""the builder"""');
    expect(csvText('two\nlines', ',')).toBe('"two\nlines"');
    expect(csvText('cr\rhere', ';')).toBe('"cr\rhere"');
  });

  it('writes numbers unquoted and never neutralised, money exactly in the locale notation', () => {
    expect(csvRow([csvInteger(-5), csvInteger(0), csvInteger(1234567)], ',')).toBe('-5,0,1234567\r\n');
    expect(() => csvInteger(1.5)).toThrow();
    expect(csvMoney(123450, 2, '.')).toEqual({ number: '1234.50' });
    expect(csvMoney(123450, 2, ',')).toEqual({ number: '1234,50' });
    expect(csvMoney(5, 2, ',')).toEqual({ number: '0,05' });
    expect(csvMoney(-199, 2, '.')).toEqual({ number: '-1.99' });
    expect(csvMoney(12_345, 0, ',')).toEqual({ number: '12345' });
    // 0.1 + 0.2 style float errors cannot happen: the text comes from the integer.
    expect(csvMoney(999_999_999_999_99, 2, '.')).toEqual({ number: '999999999999.99' });
    // A decimal comma in a comma-separated file stays one cell.
    expect(csvRow([csvMoney(150, 2, ',')], ',')).toBe('"1,50"\r\n');
    expect(csvRow([csvMoney(150, 2, ',')], ';')).toBe('1,50\r\n');
  });

  it('ends rows with CRLF and leaves empty cells empty', () => {
    expect(csvRow([{ text: 'a' }, undefined, { text: '' }, csvInteger(1)], ';')).toBe('a;;;1\r\n');
    expect(csvHeaderRow(['Name', 'Phone'], ',')).toBe('Name,Phone\r\n');
  });

  it('round-trips any text through an independent parser', () => {
    const values = ['=1+2', '@SUM(A1)', 'plain', 'x"y', 'a,b;c', 'line\r\nbreak', '\ttab', ' spaced ', 'Ελένη', 'Őrség'];
    for (const delimiter of [',', ';'] as CsvDelimiter[]) {
      const text = csvRow(values.map((value) => ({ text: value })), delimiter);
      const parsed = Papa.parse<string[]>(text, { delimiter, newline: '\r\n', skipEmptyLines: true }).data[0]!;
      expect(parsed).toEqual(values.map((value) => (/^[=+\-@\t\r\n]/.test(value) ? `'${value}` : value)));
    }
  });
});

describe('the delimiter of a locale', () => {
  it('is a semicolon where the decimal separator is a comma', () => {
    expect(decimalSeparatorFor('en')).toBe('.');
    expect(decimalSeparatorFor('hu')).toBe(',');
    expect(csvDelimiterFor('en')).toBe(',');
    expect(csvDelimiterFor('en-GB')).toBe(',');
    expect(csvDelimiterFor('hu')).toBe(';');
    expect(csvDelimiterFor('el')).toBe(';');
    expect(csvDelimiterFor('fi')).toBe(';');
    expect(csvDelimiterFor('de')).toBe(';');
    expect(csvDelimiterFor('not a locale!')).toBe(',');
  });
});

describe('file names', () => {
  it('keep only safe characters', () => {
    expect(fileNameSlug('Kávézó <b>Budapest</b>')).toBe('kavezo-b-budapest-b');
    expect(fileNameSlug('=HYPERLINK("x")')).toBe('hyperlink-x');
    expect(fileNameSlug('../../etc/passwd')).toBe('etc-passwd');
    expect(fileNameSlug('Καφέ')).toBe('shop');
    expect(fileNameSlug('  ')).toBe('shop');
  });
});
