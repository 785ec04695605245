import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEvent, Member } from '../../src/core/types';
import { readAppDatabase } from './support/appDatabase';
import { chromiumAvailable } from './support/environment';
import { openOwnerArea, settingsDialog } from './support/owner';
import { startTillSession, type TillSession } from './support/tillSession';

// Settings → Import members from CSV in the browser: the messy fixture (BOM, semicolons, quoted
// line breaks, Hungarian and Greek names, bad rows) goes through the file input, the guessed
// mapping, the check and its preview, the error report (read back with papaparse, not our code),
// and the import; then IndexedDB is read without the app's code. The shop is Hungarian (phones
// in HU format, ';' in the report), and Kiss János signed up at the till before, so his row is
// a duplicate. The expected outcome is written out by hand from the fixture.

const FIXTURE = fileURLToPath(new URL('../fixtures/members-messy.csv', import.meta.url));

/** Writes the shop's settings straight into the app's IndexedDB (as a sync from the backend would). */
function putShop(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('punchline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('settings', 'readwrite');
          tx.objectStore('settings').put({ key: 'shop', value: { name: 'Kávézó', country: 'HU', currency: 'HUF', locale: 'hu' } });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

async function liveMembers(page: Page): Promise<Member[]> {
  const { members } = await readAppDatabase(page, { members: { store: 'members', all: true } });
  return (members as Member[]).filter((member) => !member.deletedAt);
}

/** A table's body cells as text, row by row. */
function tableRows(table: Locator): Promise<string[][]> {
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => (cell.textContent ?? '').trim())));
}

/** The option a select shows. */
const shownOption = (select: Locator) => select.evaluate((element) => (element as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');

describe.runIf(chromiumAvailable())('members CSV import, end to end', () => {
  let session: TillSession;
  let page: Page;
  let section: Locator;
  let kissId: string;

  beforeAll(async () => {
    session = await startTillSession({ width: 900, height: 1280 });
    page = session.page;
    await putShop(page);
    await page.reload();
    await page.waitForSelector('html[data-ready]');
    // Kiss János is already a member: his row in the file is a duplicate.
    await page.getByRole('button', { name: 'Sign up a new member' }).first().click();
    await page.getByLabel('Name').fill('Kiss János');
    await page.getByLabel('Phone').fill('06 70 111 2222');
    await page.getByRole('button', { name: 'Sign up', exact: true }).click();
    await page.getByRole('button', { name: 'Done' }).click();
    const [kiss] = await liveMembers(page);
    expect(kiss).toMatchObject({ name: 'Kiss János', phoneE164: '+36701112222' });
    kissId = kiss!.id;
    await openOwnerArea(page);
    section = settingsDialog(page).getByRole('region', { name: 'Import members from CSV' });
  });

  afterAll(() => session?.close());

  const fileInput = () => section.getByLabel('CSV file');
  const alert = () => section.getByRole('alert');

  it('refuses an empty file and a workbook with a clear message', async () => {
    await fileInput().setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
    await expect.poll(() => alert().innerText()).toContain('This file is empty');
    await fileInput().setInputFiles({ name: 'members.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from('PK\x03\x04 not really a workbook') });
    await expect.poll(() => alert().innerText()).toContain('spreadsheet workbook, not a CSV file');
    // A path, not a buffer: the browser reads the file itself instead of taking 21 MB over the wire.
    const dir = mkdtempSync(join(tmpdir(), 'punchline-import-'));
    const huge = join(dir, 'huge.csv');
    await writeFile(huge, '');
    await truncate(huge, 21 * 1024 * 1024);
    await fileInput().setInputFiles(huge);
    await expect.poll(() => alert().innerText()).toContain('larger than 20 MB');
    rmSync(dir, { recursive: true, force: true });
    expect(await section.getByRole('button', { name: 'Check', exact: true }).count()).toBe(0);
  });

  it('guesses the mapping from the Hungarian headers and shows sample values', async () => {
    await fileInput().setInputFiles(FIXTURE);
    await section.getByRole('heading', { name: 'Which column holds what?' }).waitFor();
    expect(await section.getByText('members-messy.csv: 9 member rows.').count()).toBe(1);
    const expected: [string, string][] = [
      ['Name', 'Név'],
      ['Phone', 'Telefon'],
      ['Email', 'E-mail cím'],
      ['Card numbers', 'Kártyaszám'],
      ['Marketing consent', 'Hírlevél'],
      ['Consent date', '— not in the file —'],
      ['Joined', '— not in the file —'],
      ['Note', 'Megjegyzés'],
    ];
    for (const [field, column] of expected) expect(await shownOption(section.getByLabel(field, { exact: true })), field).toBe(column);
    expect(await section.getByText('For example: Kovács Éva · Παπαδοπούλου Σοφία · Nagy Péter').count()).toBe(1);
  });

  it('wants a name column before checking', async () => {
    const name = section.getByLabel('Name', { exact: true });
    await name.selectOption({ label: '— not in the file —' });
    await expect.poll(() => alert().innerText()).toContain('Choose the column that holds the members’ names.');
    expect(await section.getByRole('button', { name: 'Check', exact: true }).isDisabled()).toBe(true);
    await name.selectOption({ label: 'Név' });
    await expect.poll(() => alert().count()).toBe(0);
  });

  it('checks with a progress bar and previews the counts, the first members and every skipped row', async () => {
    // Every value the progress bar takes, recorded in the page as it changes.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      const record = () => {
        for (const bar of document.querySelectorAll('[role=progressbar]')) {
          const value = `${bar.getAttribute('aria-valuenow')}/${bar.getAttribute('aria-valuemax')}`;
          if (seen.at(-1) !== value) seen.push(value);
        }
      };
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
    });
    await section.getByRole('button', { name: 'Check', exact: true }).click();
    await section.getByRole('heading', { name: 'What the import will do' }).waitFor();
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(seen[0]).toBe('0/10');
    expect(seen).toContain('10/10');

    expect(await section.getByTestId('import-counts').innerText()).toBe(
      ['4 new members will be imported.', '1 row is already a member here and will be skipped.', '4 rows have errors and will be skipped.'].join('\n'),
    );
    expect(await tableRows(section.getByRole('table', { name: 'First members to import' }))).toEqual([
      ['2', 'Kovács Éva', '+36301234567', 'eva@example.hu', 'new card number', 'yes'],
      ['3', 'Παπαδοπούλου Σοφία', '+306912345678', 'sofia@example.gr', 'new card number', 'yes'],
      ['6', 'Szabó Anna', '', 'anna@example.hu', 'CARD-1001', 'yes'],
      ['11', 'Lindqvist, Åsa', '+358401234567', 'asa@example.fi', 'new card number', 'yes'],
    ]);
    expect(await tableRows(section.getByRole('table', { name: 'Rows that will be skipped' }))).toEqual([
      ['4', 'Name', 'The name is missing.'],
      ['5', 'Phone', '“12345” is not a phone number in the shop’s country.'],
      ['7', 'Card numbers', 'Card CARD-1001 is already on row 6.'],
      ['8', 'Phone', 'Already a member: Kiss János has this phone number.'],
      ['9', 'Email', 'The email address does not look right.'],
    ]);
    expect(await section.getByRole('button', { name: 'Import 4 members' }).isVisible()).toBe(true);
  });

  it('downloads an error report of exactly the skipped rows, as the file had them', async () => {
    const download = page.waitForEvent('download');
    await section.getByRole('button', { name: 'Download the error report (CSV)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('members-messy-errors.csv');
    const bytes = await readFile((await file.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    // A Hungarian shop: semicolons. Cells that could start a formula ("+36…") carry a leading '.
    const parsed = Papa.parse<string[]>(text, { delimiter: ';', newline: '\r\n', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([
      ['Row', 'Problems', 'Név', 'Telefon', 'E-mail cím', 'Kártyaszám', 'Hírlevél', 'Megjegyzés'],
      ['4', 'Name: The name is missing.', '', "'+36 20 555 1234", 'noname@example.hu', '', 'nem', ''],
      ['5', 'Phone: “12345” is not a phone number in the shop’s country.', 'Nagy Péter', '12345', '', '', 'nem', ''],
      ['7', 'Card numbers: Card CARD-1001 is already on row 6.', 'Tóth Gábor', '', '', 'CARD-1001', 'nem', 'két\r\nsor; idézőjel "x"'],
      ['8', 'Phone: Already a member: Kiss János has this phone number.', 'Kiss János', "'+36 70 111 2222", '', '', '', ''],
      ['9', 'Email: The email address does not look right.', 'Γεώργιος Νικολάου', '', 'giorgos@example', '', '', ''],
    ]);
  });

  it('cancels from the preview without changing anything', async () => {
    const before = await readAppDatabase(page, { members: { store: 'members', count: true }, events: { store: 'events', count: true }, outbox: { store: 'outbox', count: true } });
    await section.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect.poll(() => section.getByRole('heading', { name: 'What the import will do' }).count()).toBe(0);
    expect(await fileInput().inputValue()).toBe('');
    expect(await readAppDatabase(page, { members: { store: 'members', count: true }, events: { store: 'events', count: true }, outbox: { store: 'outbox', count: true } })).toEqual(before);
    expect((await liveMembers(page)).map((member) => member.name)).toEqual(['Kiss János']);
  });

  it('imports exactly the good rows: accents intact, phones in E.164, consent as the file says', async () => {
    await fileInput().setInputFiles(FIXTURE);
    await section.getByRole('button', { name: 'Check', exact: true }).click();
    await section.getByRole('button', { name: 'Import 4 members' }).click();
    await expect.poll(() => section.locator('.members-import__result').count()).toBe(1);
    expect(await section.locator('.members-import__result').innerText()).toBe('4 members imported. Skipped rows — already members here: 1; with errors: 4.');

    const members = await liveMembers(page);
    const imported = members.filter((member) => member.id !== kissId);
    const view = (member: Member) => ({
      name: member.name,
      phone: member.phoneE164,
      email: member.email,
      note: member.note,
      consent: member.consent.marketing,
      consentText: member.consent.textVersion,
      card: member.cardCodes.length === 1 ? member.cardCodes[0]!.replace(/^\d{8,}$/, 'issued') : member.cardCodes.join(' '),
    });
    const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);
    expect(imported.map(view).sort(byName)).toEqual(
      [
        { name: 'Kovács Éva', phone: '+36301234567', email: 'eva@example.hu', note: 'Szereti a  kapucsínót', consent: true, consentText: 'imported', card: 'issued' },
        { name: 'Παπαδοπούλου Σοφία', phone: '+306912345678', email: 'sofia@example.gr', note: undefined, consent: true, consentText: 'imported', card: 'issued' },
        { name: 'Szabó Anna', phone: undefined, email: 'anna@example.hu', note: undefined, consent: true, consentText: 'imported', card: 'CARD-1001' },
        { name: 'Lindqvist, Åsa', phone: '+358401234567', email: 'asa@example.fi', note: undefined, consent: true, consentText: 'imported', card: 'issued' },
      ].sort(byName),
    );
    // Accents as precomposed characters, exactly as the file spelled them.
    expect(imported.map((member) => member.name).every((name) => name === name.normalize('NFC'))).toBe(true);
    // Kiss János is untouched, and nobody was added twice.
    expect(members).toHaveLength(5);
    expect(members.find((member) => member.id === kissId)).toMatchObject({ name: 'Kiss János', phoneE164: '+36701112222' });
    // Each imported member has its enroll event, like a sign-up.
    const { events } = (await readAppDatabase(page, { events: { store: 'events', all: true } })) as { events: LedgerEvent[] };
    for (const member of imported) expect(events.filter((event) => event.memberId === member.id).map((event) => event.kind)).toEqual(['enroll']);
  });

  it('finds an imported member at the till', async () => {
    await settingsDialog(page).getByRole('button', { name: 'Cancel', exact: true }).first().click();
    await page.locator('#till-search').fill('Σοφία');
    await expect.poll(() => page.getByText('Παπαδοπούλου Σοφία').count()).toBeGreaterThan(0);
  });
});
