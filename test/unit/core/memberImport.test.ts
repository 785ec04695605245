import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../../src/core/calendar';
import { MEMBER_EXPORT_HEADERS } from '../../../src/core/memberExport';
import {
  errorReportCsv,
  guessColumnMapping,
  mappingProblems,
  parseConsent,
  parseImportDate,
  validateImportRows,
  type ImportContext,
} from '../../../src/core/memberImport';
import { toE164 } from '../../../src/core/phone';

const context = (existing: { cards?: Record<string, string>; phones?: Record<string, string> } = {}): ImportContext => ({
  parsePhone: (raw) => toE164(raw, 'HU'),
  cardHolder: (code) => existing.cards?.[code],
  phoneHolder: (phone) => existing.phones?.[phone],
});

describe('guessColumnMapping', () => {
  it('recognises our own export', () => {
    expect(guessColumnMapping(MEMBER_EXPORT_HEADERS)).toEqual([
      'cardCodes', 'name', 'phone', 'email', 'consent', 'consentAt', 'joinedAt',
      'ignore', 'ignore', 'ignore', 'ignore', 'ignore', 'ignore', 'ignore',
    ]);
  });

  it('recognises headers in Hungarian, Greek and Finnish, whatever the case and accents', () => {
    expect(guessColumnMapping(['\uFEFFNév', 'TELEFON', 'E-mail cím', 'Kártyaszám', 'Hírlevél', 'Megjegyzés', 'Csatlakozott'])).toEqual([
      'name', 'phone', 'email', 'cardCodes', 'consent', 'note', 'joinedAt',
    ]);
    expect(guessColumnMapping(['Όνομα', 'Τηλέφωνο', 'Email', 'Αριθμός κάρτας', 'Συγκατάθεση'])).toEqual(['name', 'phone', 'email', 'cardCodes', 'consent']);
    expect(guessColumnMapping(['Nimi', 'Puhelin', 'Sähköposti', 'Korttinumero', 'Markkinointilupa', 'Liittymispäivä'])).toEqual([
      'name', 'phone', 'email', 'cardCodes', 'consent', 'joinedAt',
    ]);
  });

  it('gives each field to its first column and ignores what it does not know', () => {
    expect(guessColumnMapping(['Name', 'Customer', 'Shoe size', ''])).toEqual(['name', 'ignore', 'ignore', 'ignore']);
    expect(mappingProblems(['phone', 'ignore'])).toEqual(['nameColumnMissing']);
    expect(mappingProblems(['name', 'phone', 'phone'])).toEqual(['fieldMappedTwice']);
    expect(mappingProblems(['name'])).toEqual([]);
  });
});

describe('values', () => {
  it('reads consent in our four languages', () => {
    for (const yes of ['yes', 'Igen', 'ΝΑΙ', 'kyllä', 'x', '1', 'TRUE']) expect(parseConsent(yes)).toBe(true);
    for (const no of ['', 'no', 'Nem', 'Όχι', 'ei', '0']) expect(parseConsent(no)).toBe(false);
    expect(parseConsent('maybe')).toBeUndefined();
  });

  it('reads ISO, Hungarian and day-first dates as that local day', () => {
    for (const text of ['2026-03-01', '2026. 03. 01.', '2026.3.1', '01.03.2026', '1/3/2026']) {
      const iso = parseImportDate(text);
      expect(iso && localDate(Date.parse(iso))).toBe('2026-03-01');
    }
    expect(parseImportDate('2026-02-30')).toBeUndefined();
    expect(parseImportDate('soon')).toBeUndefined();
    expect(parseImportDate('2026-03-01T10:00:00Z')).toBe('2026-03-01T10:00:00.000Z');
  });
});

describe('validateImportRows', () => {
  const mapping = ['name', 'phone', 'email', 'cardCodes', 'consent'] as const;

  it('cleans rows like a sign-up and reports errors as codes with parameters', () => {
    const results = validateImportRows(
      [
        ['  Kovács   Éva ', '06 30 123 4567', 'EVA@example.hu', '', 'igen'],
        ['', '', '', '', ''],
        ['Bob', '123', 'bob@', '', 'perhaps'],
        ['x'.repeat(101), '', '', '', ''],
      ],
      mapping,
      context(),
    );
    expect(results[0]).toEqual({
      row: 2,
      status: 'ready',
      member: { name: 'Kovács Éva', phoneE164: '+36301234567', email: 'eva@example.hu', cardCodes: [], marketingConsent: true },
    });
    expect(results[1]).toEqual({ row: 3, status: 'error', issues: [{ code: 'nameRequired' }] });
    expect(results[2]).toEqual({
      row: 4,
      status: 'error',
      issues: [{ code: 'emailInvalid' }, { code: 'phoneInvalid', params: { value: '123' } }, { code: 'consentInvalid', params: { value: 'perhaps' } }],
    });
    expect(results[3]).toEqual({ row: 5, status: 'error', issues: [{ code: 'nameTooLong', params: { max: 100 } }] });
  });

  it('finds repeats within the file and duplicates of existing members, and never takes them', () => {
    const results = validateImportRows(
      [
        ['A', '+36 30 123 4567', '', 'OLD-1', ''],
        ['B', '', '', 'OLD-1', ''],
        ['C', '06301234567', '', '', ''],
        ['D', '+36 20 999 8888', '', '', ''],
        ['E', '', '', 'OLD-2 OLD-3', ''],
      ],
      mapping,
      context({ phones: { '+36209998888': 'Existing Dóra' }, cards: { 'OLD-3': 'Existing Ede' } }),
    );
    expect(results.map((result) => result.status)).toEqual(['ready', 'error', 'duplicate', 'duplicate', 'duplicate']);
    expect(results[1]).toMatchObject({ issues: [{ code: 'cardRepeated', params: { code: 'OLD-1', row: 2 } }] });
    expect(results[2]).toMatchObject({ issues: [{ code: 'phoneRepeated', params: { row: 2 } }] });
    expect(results[3]).toMatchObject({ issues: [{ code: 'phoneInUse', params: { name: 'Existing Dóra' } }] });
    expect(results[4]).toMatchObject({ issues: [{ code: 'cardInUse', params: { code: 'OLD-3', name: 'Existing Ede' } }] });
  });

  it('counts an earlier row that was rejected for something else: fixing it never changes a later row', () => {
    const results = validateImportRows(
      [
        ['A', '+36 30 123 4567', 'bad@', 'OLD-1', ''],
        ['B', '06 30 123 4567', '', 'OLD-1', ''],
      ],
      mapping,
      context(),
    );
    expect(results[1]).toEqual({
      row: 3,
      status: 'error',
      issues: [{ code: 'cardRepeated', params: { code: 'OLD-1', row: 2 } }, { code: 'phoneRepeated', params: { row: 2 } }],
    });
  });

  it('refuses a card number of ours with a wrong check digit', () => {
    const [result] = validateImportRows([['A', '', '', '900000000018', '']], mapping, context());
    expect(result).toEqual({ row: 2, status: 'error', issues: [{ code: 'cardCheckDigit', params: { code: '900000000018' } }] });
  });
});

describe('errorReportCsv', () => {
  it('lists rejected rows with their row number, reasons and cells, neutralised, for Excel', () => {
    const headers = ['Name', 'Phone'];
    const records = [
      ['Ok', ''],
      ['=HYPERLINK("x")', '123'],
    ];
    const results = validateImportRows(records, ['name', 'phone'], context());
    const text = errorReportCsv(headers, (row) => records[row - 2], results, { delimiter: ';' });
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = Papa.parse<string[]>(text.slice(1), { delimiter: ';', newline: '\r\n', skipEmptyLines: true }).data;
    expect(rows).toEqual([
      ['Row', 'Reasons', 'Name', 'Phone'],
      ['3', 'phoneInvalid(value=123)', `'=HYPERLINK("x")`, '123'],
    ]);
    const translated = errorReportCsv(headers, new Map([[3, records[1]!]]), results, { delimiter: ',', rowHeader: 'Sor', reasonsHeader: 'Ok', describe: (issue) => `hiba: ${issue.code}` });
    expect(translated).toContain('Sor,Ok,Name,Phone\r\n3,hiba: phoneInvalid,');
  });
});
