// The owner's CSV import (src/db/memberImport: parseImportCsv + importMembers, the app's code) of a
// generated 50,000-row file, in Chromium on the lookup bench page, on an origin of its own: each
// run imports into a new, empty database of the app's schema, deleted afterwards. Beside the time,
// the page watches its main thread (a 10 ms interval timer's longest gap, and long tasks): the
// import must not freeze the page.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOOKUP_PAGE_DIR } from '../lib/benchBundles';
import { launchBrowser } from '../lib/browser';
import { log } from '../lib/log';
import { startStaticServer } from '../lib/staticServer';
import { median } from '../lib/stats';
import type { ImportBenchResult } from '../page/lookupBench';

export const IMPORT_ROWS = 50_000;
const IMPORT_RUNS = 3;
const WARMUP_ROWS = 5_000;

export interface MemberImportResult {
  rows: number;
  runs: ImportBenchResult[];
}

/** One small warm-up import, then IMPORT_RUNS timed imports of `rows` rows, each into a fresh database. */
export async function measureMemberImport(rows = IMPORT_ROWS): Promise<MemberImportResult> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'punchline-bench-import-'));
  const server = await startStaticServer(LOOKUP_PAGE_DIR);
  const browser = await launchBrowser(userDataDir);
  try {
    const { page } = browser;
    await page.goto(server.url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.bench !== undefined, undefined, { timeout: 30_000 });
    await page.evaluate((n) => window.bench!.importBench(n), WARMUP_ROWS);
    const runs: ImportBenchResult[] = [];
    for (let k = 0; k < IMPORT_RUNS; k++) {
      const run = await page.evaluate((n) => window.bench!.importBench(n), rows);
      if (run.members !== run.imported || run.imported + run.duplicates + run.errors !== rows) throw new Error(`the import of ${rows} rows left ${JSON.stringify(run)}`);
      runs.push(run);
      log(
        `member import r${rows / 1000}k run ${k + 1}: ${run.ms.toFixed(0)} ms (parse ${run.parseMs.toFixed(0)} ms, parse + check ${run.checkMs.toFixed(0)} ms), ${run.imported} imported, ${run.duplicates} duplicates, ${run.errors} errors; ` +
          `longest main-thread stall ${run.maxGapMs.toFixed(0)} ms (long task ${run.longestTaskMs.toFixed(0)} ms), ${run.gapsOver100} stalls > 100 ms, ${run.progressCalls} progress calls`,
      );
    }
    log(`member import r${rows / 1000}k: median ${median(runs.map((r) => r.ms)).toFixed(0)} ms, longest stall median ${median(runs.map((r) => r.maxGapMs)).toFixed(0)} ms`);
    return { rows, runs };
  } finally {
    await browser.context.close().catch(() => undefined);
    await server.stop();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
