import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { readAppDatabase } from './appDatabase';
import type { RunningServer } from './server';

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
