import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BackupFile } from '../../src/core/backupFile';
import { readAppDatabase } from './support/appDatabase';
import { chromiumAvailable } from './support/environment';
import { openOwnerArea, settingsDialog } from './support/owner';
import { dbCounts, deviceRow } from './support/till';
import { startTillSession, type TillSession } from './support/tillSession';

// Settings → Backup in the browser: a real download, a restore through the file input, a
// damaged file refused, and the till's reminder after 7 days without a backup or a backend.

async function signUp(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Sign up a new member' }).first().click();
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Sign up', exact: true }).click();
  await page.getByRole('button', { name: 'Done' }).click();
}

async function memberNames(page: Page): Promise<string[]> {
  const { members } = await readAppDatabase(page, { members: { store: 'members', all: true } });
  return (members as { name: string }[]).map((member) => member.name).sort();
}

/** Rewrites this tablet's last-backup time straight in IndexedDB (what days of no backup leave). */
function setLastBackupAt(page: Page, iso: string | undefined): Promise<void> {
  return page.evaluate(
    (iso) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('punchline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('device', 'readwrite');
          const store = tx.objectStore('device');
          const read = store.get('self');
          read.onsuccess = () => store.put({ ...read.result, lastBackupAt: iso });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    iso,
  );
}

async function reload(page: Page): Promise<void> {
  await page.reload();
  await page.waitForSelector('html[data-ready]');
}

describe.runIf(chromiumAvailable())('backups, end to end', () => {
  let session: TillSession;
  let page: Page;
  let backupPath: string;
  let namesAtBackup: string[];

  beforeAll(async () => {
    session = await startTillSession();
    page = session.page;
  });

  afterAll(() => session?.close());

  it('downloads a checked backup of the whole tablet, without the owner PIN', async () => {
    await signUp(page, 'Éva Kovács');
    await signUp(page, 'Γιώργος Παπαδόπουλος');
    namesAtBackup = await memberNames(page);
    await openOwnerArea(page);
    await expect.poll(() => page.getByTestId('backup-last').innerText()).toContain('No backup');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download a backup' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^my-shop-backup-\d{4}-\d{2}-\d{2}\.json$/);
    backupPath = (await download.path())!;
    const file = JSON.parse(await readFile(backupPath, 'utf8')) as BackupFile;
    expect(file.format).toBe('punchline-backup');
    expect(file.manifest.tables.members).toBe(2);
    expect(JSON.stringify(file)).not.toContain('PBKDF2');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Backup saved as' }).count()).toBe(1);
    expect((await deviceRow(page)).lastBackupAt).toBeDefined();
    await expect.poll(() => page.getByTestId('backup-last').innerText()).toContain('Last backup on this tablet');
  });

  it('restores the file through the file input after a confirmation, replacing what changed since', async () => {
    await settingsDialog(page).getByRole('button', { name: 'Cancel', exact: true }).first().click();
    await signUp(page, 'Late Comer');
    expect((await dbCounts(page)).members).toBe(3);

    await openOwnerArea(page);
    await page.getByLabel('Backup file').setInputFiles(backupPath);
    const confirm = page.getByRole('alertdialog');
    await expect.poll(() => confirm.innerText()).toContain('replaces everything on this tablet');
    expect((await dbCounts(page)).members).toBe(3);
    await confirm.getByRole('button', { name: 'Replace everything on this tablet' }).click();
    await expect.poll(() => page.locator('.backup__result').innerText()).toContain('Restored the backup from');
    expect(await page.locator('.backup__result').innerText()).toContain('not connected to a backend');
    expect(await memberNames(page)).toEqual(namesAtBackup);
    expect((await dbCounts(page)).members).toBe(2);
    // The till finds the restored members and no longer the later one.
    await settingsDialog(page).getByRole('button', { name: 'Cancel', exact: true }).first().click();
    await page.locator('#till-search').fill('Kov');
    await expect.poll(() => page.getByText('Éva Kovács').count()).toBeGreaterThan(0);
  });

  it('refuses a damaged file and changes nothing', async () => {
    const text = await readFile(backupPath, 'utf8');
    const before = await memberNames(page);
    await openOwnerArea(page);
    const edited = text.replace('Éva Kovács', 'Eve Mallory');
    await page.getByLabel('Backup file').setInputFiles({ name: 'edited.json', mimeType: 'application/json', buffer: Buffer.from(edited) });
    await page.getByRole('alertdialog').getByRole('button', { name: 'Replace everything on this tablet' }).click();
    await expect.poll(() => page.locator('.backup__error').innerText()).toContain('changed or damaged');
    await page.getByLabel('Backup file').setInputFiles({ name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from(text.slice(0, 500)) });
    await page.getByRole('alertdialog').getByRole('button', { name: 'Replace everything on this tablet' }).click();
    await expect.poll(() => page.locator('.backup__error').innerText()).toContain('cannot be read as a backup');
    expect(await memberNames(page)).toEqual(before);
    await settingsDialog(page).getByRole('button', { name: 'Cancel', exact: true }).first().click();
  });

  it('reminds on the till after 7 days without a backup on a tablet with no backend', async () => {
    const reminder = page.getByTestId('backup-reminder');
    expect(await reminder.count()).toBe(0);
    await setLastBackupAt(page, new Date(Date.now() - 8 * 24 * 3600_000).toISOString());
    await reload(page);
    await expect.poll(() => reminder.count()).toBe(1);
    expect(await reminder.innerText()).toContain('No backup for 7 days and no backend');
    await setLastBackupAt(page, new Date(Date.now() - 6 * 24 * 3600_000).toISOString());
    await reload(page);
    // Absence: give the reminder's read time to land before looking.
    await page.waitForTimeout(500);
    expect(await reminder.count()).toBe(0);
  });
});
