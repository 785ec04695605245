// The owner's CSV export of every member (src/db/memberExport, the app's code) on the m100k
// origin, run from the lookup bench page after the lookups: time in the page, and the page's
// peak JS heap, sampled through CDP (Runtime.getHeapUsage) while the export runs.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOOKUP_PAGE_DIR } from '../lib/benchBundles';
import { launchBrowser } from '../lib/browser';
import { log } from '../lib/log';
import { startStaticServer } from '../lib/staticServer';
import { median } from '../lib/stats';
// window.bench is typed by this file's `declare global`.
import type {} from '../page/lookupBench';
import type { HandedOverOrigin } from './appCase';

const EXPORT_RUNS = 3;

export interface MemberExportResult {
  ms: number[];
  rows: number;
  bytes: number;
  /** The page's used JS heap before the runs (after a GC) and its peak during them. */
  baselineHeapMB: number;
  peakHeapMB: number;
  /** The same chunked reads without building rows. */
  readFloorMs: number;
  /** The same reads in raw IndexedDB, per store (members, summaries, events by memberId). */
  rawReadMs?: { members: number; summaries: number; events: number; total: number };
}

/**
 * An origin of its own with `n` members seeded through the lookup page (the app's schema, then
 * the same raw seed as the app case): for BENCH_ONLY=export, without the app cases before it.
 */
export async function seedExportOrigin(n: number): Promise<HandedOverOrigin> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'punchline-bench-export-'));
  const server = await startStaticServer(LOOKUP_PAGE_DIR);
  const browser = await launchBrowser(userDataDir);
  try {
    const { page } = browser;
    await page.goto(server.url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.bench !== undefined, undefined, { timeout: 30_000 });
    const nowMs = Date.now();
    const t0 = Date.now();
    for (let from = 0; from < n; from += 10_000) {
      await page.evaluate(([to, start, now]) => window.bench!.seed(to, start, now), [Math.min(n, from + 10_000), from, nowMs] as const);
      log(`  member export: seeded ${Math.min(n, from + 10_000)}/${n} members`);
    }
    const rows = await page.evaluate(() => window.bench!.counts());
    if (rows.members !== n || rows.events !== 5 * n) throw new Error(`member export: seeding left ${JSON.stringify(rows)}`);
    log(`member export: seeded ${n} members, ${rows.events} events in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return { port: Number(new URL(server.url).port), userDataDir };
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  } finally {
    await browser.context.close().catch(() => undefined);
    await server.stop();
  }
}

/** One warm-up and EXPORT_RUNS timed exports; then deletes the origin's profile. */
export async function measureMemberExport(n: number, origin: HandedOverOrigin): Promise<MemberExportResult> {
  const server = await startStaticServer(LOOKUP_PAGE_DIR, origin.port);
  const browser = await launchBrowser(origin.userDataDir);
  try {
    const { page } = browser;
    await page.goto(server.url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.bench !== undefined, undefined, { timeout: 30_000 });
    const cdp = await browser.context.newCDPSession(page);
    const usedMB = async () => ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize / 2 ** 20;
    const warm = await page.evaluate(() => window.bench!.exportMembers());
    if (warm.rows !== n) throw new Error(`the export wrote ${warm.rows} rows for ${n} members`);
    await cdp.send('HeapProfiler.collectGarbage');
    const baselineHeapMB = await usedMB();
    let peakHeapMB = baselineHeapMB;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peakHeapMB = Math.max(peakHeapMB, await usedMB());
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const ms: number[] = [];
    let last = warm;
    try {
      for (let k = 0; k < EXPORT_RUNS; k++) {
        last = await page.evaluate(() => window.bench!.exportMembers());
        ms.push(last.ms);
      }
    } finally {
      sampling = false;
      await sampler;
    }
    const readFloorMs = await page.evaluate(() => window.bench!.exportReadFloor());
    const raw = await page.evaluate(() => window.bench!.exportRawReadFloor());
    log(`member export reads in raw IndexedDB: members ${raw.members.toFixed(0)} ms, summaries ${raw.summaries.toFixed(0)} ms, events (memberId index) ${raw.events.toFixed(0)} ms, in all ${raw.total.toFixed(0)} ms`);
    log(`member export m100k: median ${median(ms).toFixed(0)} ms for ${last.rows} rows, ${(last.bytes / 2 ** 20).toFixed(1)} MB; JS heap ${baselineHeapMB.toFixed(1)} MB → peak ${peakHeapMB.toFixed(1)} MB; its reads alone ${readFloorMs.toFixed(0)} ms`);
    return { ms, rows: last.rows, bytes: last.bytes, baselineHeapMB, peakHeapMB, readFloorMs, rawReadMs: raw };
  } finally {
    await browser.context.close().catch(() => undefined);
    await server.stop();
    rmSync(origin.userDataDir, { recursive: true, force: true });
  }
}
