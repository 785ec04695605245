// The app's lookup code beside the raw IndexedDB floor, on the lookup bench page
// (page/lookupBench.ts), served on a case's origin so it reads the database the app was seeded
// and punched into.

import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { LOOKUP_PAGE_DIR } from '../lib/benchBundles';
import { controlledBySw, launchBrowser, restartBrowser } from '../lib/browser';
import { log } from '../lib/log';
import { startStaticServer } from '../lib/staticServer';
import { p95 } from '../lib/stats';
import type { Samples } from '../page/lookupBench';
import type { HandedOverOrigin } from './appCase';

const LOOKUPS = 300;
const LOOKUP_WARMUP = 30;
export const AFTER_RESTART_LOOKUPS = 200;

export interface LookupResult {
  app: Record<string, Samples>;
  raw: Record<string, Samples>;
  afterRestart?: { openMs: number; firstGetMs: number; raw: Record<string, Samples>; app: Record<string, Samples> };
}

async function openBenchPage(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.bench !== undefined, undefined, { timeout: 30_000 });
  if (await controlledBySw(page)) throw new Error('the bench page is controlled by a service worker');
}

/** Measures on the handed-over origin, then deletes its profile (unless a later case reuses it). */
export async function measureLookups(label: string, n: number, origin: HandedOverOrigin, afterRestart: boolean, keepProfile = false): Promise<LookupResult> {
  const server = await startStaticServer(LOOKUP_PAGE_DIR, origin.port);
  let browser = await launchBrowser(origin.userDataDir);
  try {
    const result: Partial<LookupResult> = {};
    await openBenchPage(browser.page, server.url);
    if (afterRestart) {
      // This launch is a browser restart: time the raw open and cold raw lookups first, then
      // restart again for the app's lookups, so neither warms the other's caches.
      const cold = { n, count: AFTER_RESTART_LOOKUPS, warmup: 0, seed: 3 };
      const open = await browser.page.evaluate(() => window.bench!.rawOpen());
      const raw = await browser.page.evaluate((o) => window.bench!.rawFloor(o, ['card']), cold);
      browser = await restartBrowser(browser, false);
      await openBenchPage(browser.page, server.url);
      const app = await browser.page.evaluate((o) => window.bench!.lookups(o, ['cardScan', 'card']), { ...cold, seed: 4 });
      result.afterRestart = { ...open, raw, app };
      log(`lookup ${label} after browser restart: indexedDB.open ${open.openMs.toFixed(1)} ms; p95 raw card ${p95(raw.card!.ms).toFixed(2)} ms, app cardScan ${p95(app.cardScan!.ms).toFixed(2)} ms, app card ${p95(app.card!.ms).toFixed(2)} ms`);
    }
    const warm = { n, count: LOOKUPS, warmup: LOOKUP_WARMUP, seed: 1 };
    // Two phases: the slow name scans make garbage, and the GC pauses it causes must not land on
    // the card/phone figures or their floors (at a till, lookups are not back to back).
    const exact = await browser.page.evaluate((o) => window.bench!.compare(o, ['card', 'cardScan', 'phone', 'phoneSuffix'], ['card', 'phone']), warm);
    const names = await browser.page.evaluate((o) => window.bench!.compare(o, ['name', 'namePrefix', 'nameAbbrev'], ['name']), { ...warm, seed: 2 });
    result.app = { ...exact.app, ...names.app };
    result.raw = { ...exact.raw, ...names.raw };
    const show = (r: Record<string, Samples>) => Object.entries(r).map(([k, s]) => `${k} ${p95(s.ms).toFixed(2)}`).join(', ');
    log(`lookup ${label} (${server.url}): p95 ${show(result.app)} ms; raw floor ${show(result.raw)} ms`);
    return result as LookupResult;
  } finally {
    await browser.context.close().catch(() => undefined);
    await server.stop();
    if (!keepProfile) rmSync(origin.userDataDir, { recursive: true, force: true });
  }
}
