// A new tablet's first sync of a large business, through the real UI: the server's database is
// seeded directly (bench/lib/serverSeed.ts), the real server process serves the built app, and a
// fresh Chromium profile pairs through Settings → Connect (opened by a #pair= link, as a scanned
// pairing QR would). Timed in the page from the click on "Connect" until the header's sync
// indicator says "synced" again, after which IndexedDB must hold every member and event.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { migrate } from '../../server/db/migrate';
import { openPglite } from '../../server/db/pglite';
import { unlockOwnerArea } from '../../test/e2e/support/owner';
import { launchBrowser, type PersistentBrowser } from '../lib/browser';
import { log } from '../lib/log';
import { procMemory, type ProcMemory } from '../lib/procMemory';
import { startServerProcess, type ServerProcess } from '../lib/serverProcess';
import { seedServerBusiness, type SeededBusiness } from '../lib/serverSeed';
import { readSyncMarks, SYNC_MARKS_SCRIPT, waitForSynced, type SyncMarks } from '../lib/syncMarks';

/** A first sync that takes longer than this has failed, as far as the bench is concerned. */
const SYNC_TIMEOUT_MS = 20 * 60_000;
const MEMORY_SAMPLE_MS = 1_000;
const PROGRESS_LOG_MS = 15_000;

export interface PullPage {
  cursor: number;
  /** Request sent → first byte: the server's time for the page (loopback). */
  waitMs: number;
}

export interface FirstSyncResult {
  members: number;
  events: number;
  seedMs: number;
  /** Click on "Connect" → indicator back at "synced" with everything stored. */
  ms: number;
  marks: SyncMarks;
  pages: PullPage[];
  /** What IndexedDB held at the end. */
  rows: Record<string, number>;
  /** The server process: VmHWM at the end of the sync (its peak), and VmRSS sampled every second. */
  serverMemory: { before?: ProcMemory; peak?: ProcMemory; rssSamplesMB: number[] };
}

/** Seeds PGlite in a fresh DATA_DIR, as `tsx server/main.ts` will open it. */
async function seedDataDir(dataDir: string, members: number): Promise<{ seeded: SeededBusiness; ms: number }> {
  const start = Date.now();
  const db = await openPglite(join(dataDir, 'pglite'));
  try {
    await migrate(db);
    const seeded = await seedServerBusiness(db, members, (done) => {
      if (done % 20_000 === 0) log(`  first sync: seeded ${done}/${members} members on the server`);
    });
    return { seeded, ms: Date.now() - start };
  } finally {
    await db.close();
  }
}

function countRows(page: Page): Promise<Record<string, number>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const open = indexedDB.open('punchline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const stores = ['members', 'events', 'summaries', 'outbox'];
          const tx = db.transaction(stores, 'readonly');
          const counts: Record<string, number> = {};
          for (const name of stores) {
            const request = tx.objectStore(name).count();
            request.onsuccess = () => (counts[name] = request.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(counts);
          };
        };
      }),
  );
}

/** Every pull the page makes, with its timing, from Playwright's network events (outside the page). */
function recordPulls(browser: PersistentBrowser): PullPage[] {
  const pages: PullPage[] = [];
  browser.context.on('requestfinished', (request: Request) => {
    if (!request.url().includes('/api/v1/sync/pull') || request.serviceWorker()) return;
    const timing = request.timing();
    pages.push({ cursor: Number(new URL(request.url()).searchParams.get('cursor')), waitMs: timing.responseStart - timing.requestStart });
  });
  return pages;
}

async function pairAndSync(server: ServerProcess, browser: PersistentBrowser, seeded: SeededBusiness, pages: PullPage[], memory: FirstSyncResult['serverMemory']): Promise<{ ms: number; marks: SyncMarks }> {
  const { page } = browser;
  await page.goto(`${server.url}/#pair=${seeded.pairingCode}`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', undefined, { timeout: 60_000 });
  // Let the service worker finish precaching first: it is not part of the sync.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  // The link opens Settings behind the owner gate: a fresh tablet sets its PIN first.
  await unlockOwnerArea(page);
  const codeInput = page.locator('input[name=pairingCode]');
  if ((await codeInput.inputValue()) !== seeded.pairingCode) throw new Error(`the #pair= link did not fill in the code (found "${await codeInput.inputValue()}")`);
  if ((await page.locator('input[name=serverUrl]').inputValue()) !== server.url) throw new Error('the #pair= link did not fill in the server address');

  memory.before = procMemory(server.pid);
  const sampler = setInterval(() => {
    const now = procMemory(server.pid);
    if (now) memory.rssSamplesMB.push(Math.round(now.rssMB));
  }, MEMORY_SAMPLE_MS);
  const started = Date.now();
  const progress = setInterval(() => {
    const cursor = pages.at(-1)?.cursor ?? 0;
    log(`  first sync: ${pages.length} pages, cursor ${cursor}/${seeded.headSeq} after ${((Date.now() - started) / 1000).toFixed(0)} s (${((cursor / (Date.now() - started)) * 1000).toFixed(0)} changes/s), server RSS ${memory.rssSamplesMB.at(-1) ?? '?'} MB`);
  }, PROGRESS_LOG_MS);
  try {
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    // Polled every 250 ms, but the times come from the page's own marks.
    await waitForSynced(page, SYNC_TIMEOUT_MS);
  } finally {
    clearInterval(sampler);
    clearInterval(progress);
  }
  memory.peak = procMemory(server.pid);
  const marks = await readSyncMarks(page);
  return { ms: marks.syncedAt! - marks.clickAt!, marks };
}

export async function measureFirstSync(members: number, distDir: string): Promise<FirstSyncResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'punchline-bench-firstsync-server-'));
  let server: ServerProcess | undefined;
  let browser: PersistentBrowser | undefined;
  try {
    log(`first sync: seeding ${members} members and ${members * 5} events into the server's PGlite`);
    const { seeded, ms: seedMs } = await seedDataDir(dataDir, members);
    log(`first sync: seeded ${seeded.members} members, ${seeded.events} events (change_seq ${seeded.headSeq}) in ${(seedMs / 1000).toFixed(1)} s`);
    server = await startServerProcess({ dataDir }, distDir);
    browser = await launchBrowser(mkdtempSync(join(tmpdir(), 'punchline-bench-firstsync-')));
    await browser.context.addInitScript({ content: SYNC_MARKS_SCRIPT });
    const pages = recordPulls(browser);
    const serverMemory: FirstSyncResult['serverMemory'] = { rssSamplesMB: [] };
    const { ms, marks } = await pairAndSync(server, browser, seeded, pages, serverMemory);
    const rows = await countRows(browser.page);
    if (rows.members !== seeded.members || rows.events !== seeded.events) {
      throw new Error(`the indicator says synced, but IndexedDB holds ${JSON.stringify(rows)} (expected ${seeded.members} members, ${seeded.events} events)`);
    }
    const states = marks.transitions.filter((t) => t.at >= marks.clickAt!).map((t) => t.state);
    log(
      `first sync: ${rows.members} members + ${rows.events} events in ${(ms / 1000).toFixed(1)} s over ${pages.length} pages ` +
        `(${(((rows.members + rows.events) / ms) * 1000).toFixed(0)} records/s); indicator ${states.join(' → ')}; ` +
        `progress bar ${marks.progressSeen ? `shown (${marks.percents.length} values)` : 'NOT shown'}; server peak RSS ${serverMemory.peak?.peakMB.toFixed(0) ?? '?'} MB`,
    );
    return { members: seeded.members, events: seeded.events, seedMs, ms, marks, pages, rows, serverMemory };
  } finally {
    if (browser) {
      await browser.context.close().catch(() => undefined);
      rmSync(browser.userDataDir, { recursive: true, force: true });
    }
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
