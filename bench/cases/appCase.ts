// A case is one origin (port) serving the real app: dist/ through the real server, Chromium on
// its own profile with the service worker installed and in control, and `n` members seeded.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../test/e2e/support/server';
import { injectedDriverSource } from '../lib/benchBundles';
import { controlledBySw, launchBrowser, type PersistentBrowser } from '../lib/browser';
import { log } from '../lib/log';
import { readStartup, type Startup } from '../lib/startupMarks';
// window.punchlineBench is typed by this file's `declare global`.
import type {} from '../page/inject';

const SEED_CHUNK = 20_000;

export interface AppCase {
  label: string;
  n: number;
  server: RunningServer;
  port: number;
  browser: PersistentBrowser;
  seedMs?: number;
  /** navigator.storage.estimate().usage after seeding (IndexedDB + the SW's precache). */
  storageBytes?: number;
  warm: Startup[];
  cold: Startup[];
}

/** What the lookup bench needs to reopen a case's database after the app has left its origin. */
export interface HandedOverOrigin {
  port: number;
  userDataDir: string;
}

export async function setUpApp(label: string, n: number, entryFile: string): Promise<AppCase> {
  const server = await startServer();
  const port = Number(new URL(server.url).port);
  const browser = await launchBrowser(mkdtempSync(join(tmpdir(), `punchline-bench-${label}-`)));
  const c: AppCase = { label, n, server, port, browser, warm: [], cold: [] };
  await installServiceWorker(c, entryFile);
  if (n > 0) await seedMembers(c);
  return c;
}

async function installServiceWorker(c: AppCase, entryFile: string): Promise<void> {
  const { page } = c.browser;
  await page.goto(c.server.url, { waitUntil: 'load' });
  await readStartup(page, entryFile);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  for (let k = 0; k < 5 && !(await controlledBySw(page)); k++) {
    await page.reload({ waitUntil: 'load' });
    await readStartup(page, entryFile);
  }
  if (!(await controlledBySw(page))) throw new Error(`${c.label}: the service worker never took control`);
  log(`${c.label}: real server at ${c.server.url}, service worker installed and in control`);
}

/** Writes the members in chunks with raw IndexedDB, inside the app's page, and checks the row counts. */
async function seedMembers(c: AppCase): Promise<void> {
  const { page } = c.browser;
  const { label, n } = c;
  const start = Date.now();
  const nowMs = Date.now();
  await page.evaluate(injectedDriverSource());
  for (let from = 0; from < n; from += SEED_CHUNK) {
    const count = Math.min(SEED_CHUNK, n - from);
    await page.evaluate(([f, k, now]) => window.punchlineBench!.seedRaw('punchline', f, k, now), [from, count, nowMs] as const);
    if (n > SEED_CHUNK) log(`  ${label}: seeded ${from + count}/${n} members`);
  }
  const rows = await page.evaluate(() => window.punchlineBench!.countRows('punchline'));
  if (rows.members !== n || rows.events !== 5 * n) throw new Error(`${label}: seeding left ${JSON.stringify(rows)}`);
  c.seedMs = Date.now() - start;
  const usage = await page.evaluate(() => navigator.storage.estimate().then((e) => e.usage ?? 0));
  c.storageBytes = usage;
  log(`${label}: seeded ${n} members, ${rows.events} events, ${rows.summaries} summaries in ${(c.seedMs / 1000).toFixed(1)} s (origin storage ${(usage / 2 ** 20).toFixed(0)} MB)`);
  await page.waitForTimeout(1_000); // let IndexedDB settle after the bulk write
}

/** Frees the origin for the lookup page: no service worker, no real server; keeps the profile. */
export async function handOver(c: AppCase): Promise<HandedOverOrigin> {
  await c.browser.page.evaluate(() =>
    navigator.serviceWorker.getRegistrations().then((all) => Promise.all(all.map((r) => r.unregister()))).then(() => undefined),
  );
  await c.browser.context.close();
  await c.server.stop();
  return { port: c.port, userDataDir: c.browser.userDataDir };
}

export async function tearDown(c: AppCase): Promise<void> {
  await c.browser.context.close().catch(() => undefined);
  await c.server.stop().catch(() => undefined);
  rmSync(c.browser.userDataDir, { recursive: true, force: true });
}
