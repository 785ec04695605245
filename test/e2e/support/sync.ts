import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { readAppDatabase } from './appDatabase';
import type { RunningServer } from './server';
import { unlockOwnerArea } from './owner';
import { feedbackText } from './till';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const run = promisify(execFile);

/**
 * An owner command (`npx tsx server/main.ts <command> …`) run beside the test's server, with its
 * DATA_DIR and PORT: the command line hands it to the running server through DATA_DIR/server.json.
 * PUBLIC_URL makes the printed pairing link point at the address the tablets use here.
 */
export async function ownerCommand(server: RunningServer, ...args: string[]): Promise<string> {
  // `node --import tsx` is `npx tsx` without its wrapper process: one Node start-up, not three.
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    cwd: repoRoot,
    env: { ...withoutDatabaseUrl(process.env), DATA_DIR: server.dataDir, PORT: new URL(server.url).port, PUBLIC_URL: server.url },
    timeout: 20_000,
  });
  return stdout;
}

/** Never a DATABASE_URL from the shell: the command must reach the test's server. */
function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = env;
  return rest;
}

export interface PrintedCode {
  code: string;
  link: string;
}

/** The pairing code and link that create-business and pairing-code print. */
export function parsePrintedCode(output: string): PrintedCode {
  const code = /^Pairing code: (\S+)/m.exec(output)?.[1];
  const link = /^Pairing link: (\S+)/m.exec(output)?.[1];
  if (!code || !link) throw new Error(`no pairing code in:\n${output}`);
  return { code, link };
}

/** The shop id from create-business's first line: Business "…" (id), shop "…" (id). */
export function parseShopId(output: string): string {
  const shopId = /, shop "[^"]*" \(([^)]+)\)/.exec(output)?.[1];
  if (!shopId) throw new Error(`no shop id in:\n${output}`);
  return shopId;
}

export interface LocalData {
  members: unknown[];
  events: unknown[];
  summaries: unknown[];
  outbox: number;
  /** Changes the server refused, as the last syncs reported them. */
  rejections: unknown[];
  /** The pairing, if any (from the sync table). */
  link?: { deviceId: string; token: string; businessId: string; serverUrl: string };
}

/** What a tablet holds in IndexedDB: the synced tables in key order, and the outbox's size. */
export async function localData(page: Page): Promise<LocalData> {
  const read = await readAppDatabase(page, {
    members: { store: 'members', all: true },
    events: { store: 'events', all: true },
    summaries: { store: 'summaries', all: true },
    outbox: { store: 'outbox', count: true },
    link: { store: 'sync', key: 'link' },
    status: { store: 'sync', key: 'status' },
  });
  const { status, link, ...tables } = read;
  return {
    ...(tables as Omit<LocalData, 'rejections' | 'link'>),
    rejections: (status as { rejections?: unknown[] } | undefined)?.rejections ?? [],
    ...(link ? { link: link as LocalData['link'] } : {}),
  };
}

/** The sync indicator's state: synced, pending, offline, syncing, loading, error, revoked, unpaired. */
export function syncState(page: Page): Promise<string | null> {
  return page.locator('[data-sync-state]').getAttribute('data-sync-state');
}

/** When the tablet last finished a sync (the sync table's status row), if ever. */
export async function lastSyncedAt(page: Page): Promise<string | undefined> {
  const { status } = await readAppDatabase(page, { status: { store: 'sync', key: 'status' } });
  return (status as { lastSuccessAt?: string } | undefined)?.lastSuccessAt;
}

/** How many changes wait in the tablet's outbox. */
export async function outboxSize(page: Page): Promise<number> {
  return (await localData(page)).outbox;
}

/** Signs a member up through the till's form (consenting); returns the new card's number. */
export async function signUpAtTill(page: Page, name: string, phone: string): Promise<string> {
  await page.getByRole('button', { name: 'Sign up a new member' }).first().click();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Phone').fill(phone);
  await page.getByRole('checkbox', { name: /I agree/ }).check();
  await page.getByRole('button', { name: 'Sign up', exact: true }).click();
  const code = (await page.getByTestId('card-number').innerText()).trim();
  await page.getByRole('button', { name: 'Done' }).click();
  return code;
}

/** Punches the open member; `again` confirms the cooldown question a recent visit raises. */
export async function punchOpenMember(page: Page, stamps: number, again: boolean): Promise<void> {
  for (let i = 1; i < stamps; i++) await page.getByRole('button', { name: 'One purchase more' }).click();
  await page.getByRole('button', { name: stamps === 1 ? 'Punch 1 stamp' : `Punch ${stamps} stamps` }).click();
  if (again) await page.getByRole('button', { name: 'Yes, record it' }).click();
  await expect.poll(() => feedbackText(page)).toContain(`+${stamps} stamp${stamps === 1 ? '' : 's'} for`);
}

/** Presses "Sync now" and waits for a sync to finish well since (call it when none is under way). */
export async function syncNow(page: Page): Promise<void> {
  const before = await lastSyncedAt(page);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(() => lastSyncedAt(page)).not.toBe(before);
  await expect.poll(() => syncState(page)).toBe('synced');
  expect(await outboxSize(page)).toBe(0);
}

/**
 * Opens a pairing link on a fresh tablet: sets the owner PIN, finds Settings filled in with the
 * code, names the tablet and connects. `checkForm` may look at the filled-in form first.
 */
export async function pairFromLink(page: Page, printed: PrintedCode, deviceName: string, businessName: string, checkForm?: () => Promise<void>): Promise<void> {
  await page.goto(printed.link);
  await page.waitForSelector('html[data-ready]');
  await unlockOwnerArea(page);
  expect(await page.locator('input[name=pairingCode]').inputValue()).toBe(printed.code);
  await checkForm?.();
  await page.locator('input[name=deviceName]').fill(deviceName);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect.poll(() => feedbackText(page)).toContain(`Connected to ${businessName}.`);
  await expect.poll(() => syncState(page)).toBe('synced');
  await page.getByRole('button', { name: 'Cancel' }).click();
}
