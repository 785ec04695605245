import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { enrollMember } from '../../../src/db/memberRepository';
import { saveSettings } from '../../../src/db/settingsChanges';
import {
  choiceProblems,
  choicesOf,
  createMemberImportActions,
  issueField,
  mappingOfChoices,
  MAX_IMPORT_FILE_BYTES,
  type ImportActionResult,
} from '../../../src/state/memberImportActions';
import { createTillStore } from '../../../src/state/store';
import { makeTestContext } from '../../support/dbContext';

const messy = readFileSync(new URL('../../fixtures/members-messy.csv', import.meta.url));

async function ownerSession() {
  const ctx = await makeTestContext();
  await saveSettings(ctx, { shop: { name: 'Kávézó', country: 'HU', currency: 'HUF', locale: 'hu' }, program: {} });
  const store = createTillStore({ settingsOpen: true, ownerUnlockedUntil: ctx.now() + 10 * 60_000 });
  return { ctx, store, actions: createMemberImportActions(ctx, store) };
}

function value<T>(result: ImportActionResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result.value;
}

const errorOf = (result: ImportActionResult<unknown>) => (!result.ok && 'error' in result ? result.error.key : result.ok ? 'ok' : 'cancelled');

describe('member import actions', () => {
  it('opens the messy fixture: headers, the guessed mapping, sample values and its rows', async () => {
    const { actions } = await ownerSession();
    const opened = value(await actions.openFile(new Blob([messy]), 'members-messy.csv'));
    expect(opened.file.headers).toEqual(['Név', 'Telefon', 'E-mail cím', 'Kártyaszám', 'Hírlevél', 'Megjegyzés']);
    expect(opened.guessed).toEqual(['name', 'phone', 'email', 'cardCodes', 'consent', 'note']);
    expect(opened.rows).toBe(9);
    expect(opened.samples[0]).toEqual(['Kovács Éva', 'Παπαδοπούλου Σοφία', 'Nagy Péter']);
    expect(opened.samples[3]).toEqual(['CARD-1001', 'CARD-1001']);
    expect(choicesOf(opened.guessed)).toEqual({ name: 0, phone: 1, email: 2, cardCodes: 3, consent: 4, note: 5 });
  });

  it('refuses what is not a CSV of members, with the reason', async () => {
    const { actions } = await ownerSession();
    expect(errorOf(await actions.openFile(new Blob([]), 'empty.csv'))).toBe('import.fileEmpty');
    expect(errorOf(await actions.openFile(new Blob(['\uFEFF \r\n']), 'blank.csv'))).toBe('import.fileEmpty');
    expect(errorOf(await actions.openFile(new Blob(['Name;Phone\r\n']), 'header.csv'))).toBe('import.fileNoRows');
    expect(await actions.openFile(new Blob([new Uint8Array(MAX_IMPORT_FILE_BYTES + 1)]), 'huge.csv')).toEqual({ ok: false, error: { key: 'import.fileTooLarge', params: { max: 20 } } });
    expect(errorOf(await actions.openFile(new Blob([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])]), 'members.csv'))).toBe('import.fileWorkbook');
    expect(errorOf(await actions.openFile(new Blob(['Name\r\nAnn\r\n']), 'members.xlsx'))).toBe('import.fileWorkbook');
    expect(errorOf(await actions.openFile(new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13])]), 'photo.csv'))).toBe('import.fileNotCsv');
  });

  it('reads a file Excel saved in the Windows code page of the shop’s language', async () => {
    const { actions } = await ownerSession();
    // "Név;Telefon\r\nSzőke Ödön;06 30 123 4567\r\n" in windows-1250 (ő = F5, Ö = D6, é = E9).
    const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));
    const bytes = new Uint8Array([...ascii('N'), 0xe9, ...ascii('v;Telefon\r\nSz'), 0xf5, ...ascii('ke '), 0xd6, ...ascii('d'), 0xf6, ...ascii('n;06 30 123 4567\r\n')]);
    const opened = value(await actions.openFile(new Blob([bytes]), 'excel.csv'));
    expect(opened.file.headers).toEqual(['Név', 'Telefon']);
    expect(opened.file.records).toEqual([['Szőke Ödön', '06 30 123 4567']]);
  });

  it('checks without writing, imports in one go, and reports the skipped rows in a translated CSV', async () => {
    const { ctx, store, actions } = await ownerSession();
    await enrollMember(ctx, { name: 'Kiss János', phone: '06 70 111 2222', email: '', marketingConsent: false, welcomeBonus: false });
    const opened = value(await actions.openFile(new Blob([messy]), 'members-messy.csv'));
    const mapping = mappingOfChoices(choicesOf(opened.guessed), opened.file.headers.length)!;
    expect(mapping).toEqual(opened.guessed);

    const steps: string[] = [];
    const check = value(await actions.check(opened.file, mapping, { onProgress: (p) => steps.push(`${p.phase} ${p.done}/${p.total}`) }));
    expect({ toAdd: check.toAdd, duplicates: check.duplicates, errors: check.errors }).toEqual({ toAdd: 4, duplicates: 1, errors: 4 });
    expect(steps).toEqual(['checking 0/10', 'checking 10/10']);
    expect(await ctx.db.members.count()).toBe(1);

    const report = value(
      await actions.errorReport(opened, check.results, {
        rowHeader: 'Sor',
        reasonsHeader: 'Hibák',
        describe: (issue) => `${issueField(issue)}: ${issue.code}`,
      }),
    );
    expect(report.fileName).toBe('members-messy-errors.csv');
    const bytes = new Uint8Array(await report.blob.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // A Hungarian shop: semicolons, as its Excel expects.
    const rows = Papa.parse<string[]>(new TextDecoder().decode(bytes), { delimiter: ';', newline: '\r\n', skipEmptyLines: true }).data;
    expect(rows.map((row) => row.slice(0, 3))).toEqual([
      ['Sor', 'Hibák', 'Név'],
      ['4', 'name: nameRequired', ''],
      ['5', 'phone: phoneInvalid', 'Nagy Péter'],
      ['7', 'cardCodes: cardRepeated', 'Tóth Gábor'],
      ['8', 'phone: phoneInUse', 'Kiss János'],
      ['9', 'email: emailInvalid', 'Γεώργιος Νικολάου'],
    ]);

    const outcome = value(await actions.importMembers(opened.file, mapping));
    expect(outcome.imported.map((member) => member.name).sort()).toEqual(['Kovács Éva', 'Lindqvist, Åsa', 'Szabó Anna', 'Παπαδοπούλου Σοφία'].sort());
    expect(await ctx.db.members.count()).toBe(5);
    expect(store.getState().writesInFlight).toBe(0);
  });

  it('a cancel stops a check or an import before anything is written', async () => {
    const { ctx, actions } = await ownerSession();
    const opened = value(await actions.openFile(new Blob([messy]), 'members-messy.csv'));
    const before = await ctx.db.outbox.count();

    const checking = new AbortController();
    const checked = await actions.check(opened.file, opened.guessed, { signal: checking.signal, onProgress: () => checking.abort() });
    expect(checked).toEqual({ ok: false, cancelled: true });

    // Cancelled on the last step before the write: nothing of the file is written.
    const importing = new AbortController();
    const imported = await actions.importMembers(opened.file, opened.guessed, {
      signal: importing.signal,
      onProgress: (progress) => progress.phase === 'checking' && progress.done === progress.total && importing.abort(),
    });
    expect(imported).toEqual({ ok: false, cancelled: true });
    expect(await ctx.db.members.count()).toBe(0);
    expect(await ctx.db.outbox.count()).toBe(before);
  });

  it('wants a name column and one field per column', async () => {
    const { actions } = await ownerSession();
    const opened = value(await actions.openFile(new Blob(['Who;Phone\r\nAnn;+36301234567\r\n']), 'x.csv'));
    expect(opened.guessed).toEqual(['ignore', 'phone']);
    expect(choiceProblems(choicesOf(opened.guessed), 2).map((problem) => problem.key)).toEqual(['import.nameColumnMissing']);
    expect(errorOf(await actions.check(opened.file, opened.guessed))).toBe('import.nameColumnMissing');
    expect(mappingOfChoices({ name: 0, note: 0 }, 2)).toBeUndefined();
    expect(choiceProblems({ name: 0, note: 0 }, 2).map((problem) => problem.key)).toEqual(['import.columnTwice']);
    expect(mappingOfChoices({ name: 0, phone: 1 }, 2)).toEqual(['name', 'phone']);
  });

  it('refuses every step once the owner session has lapsed', async () => {
    const { ctx, actions } = await ownerSession();
    const opened = value(await actions.openFile(new Blob([messy]), 'members-messy.csv'));
    ctx.clock.advance(10 * 60_000);
    const locked = { ok: false, error: { key: 'owner.locked', params: {} } };
    expect(await actions.openFile(new Blob([messy]), 'members-messy.csv')).toEqual(locked);
    expect(await actions.check(opened.file, opened.guessed)).toEqual(locked);
    expect(await actions.importMembers(opened.file, opened.guessed)).toEqual(locked);
    expect(await actions.errorReport(opened, [], { rowHeader: 'Row', reasonsHeader: 'Reasons', describe: String })).toEqual(locked);
    expect(await ctx.db.members.count()).toBe(0);
  });
});
