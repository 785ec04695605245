// Punchline performance bench: `npm run bench` (or `npx vite build && npx tsx bench/run.ts`).
// Prints figures beside the budgets of ARCHITECTURE.md and writes bench/results/latest.json.
// Timing figures are reported, never asserted: the exit code is non-zero only on a crash.
// What each figure covers and how it is measured: bench/README.md.
//
// One origin (port) per case — m0, m1k, m100k — because Chromium keeps one LevelDB per origin.
// Each case's origin first serves the real app (dist/ through the real server); the m1k and
// m100k origins are then reused by the lookup bench page (a static server on the same port),
// so the lookups run on the very database the app was seeded and punched into, and 100k members
// are seeded once rather than twice (seeding is most of the run time).

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_ARGS } from '../test/e2e/support/browser';
import { CHROMIUM_PATH } from '../test/e2e/support/environment';
import { startServer, type RunningServer } from '../test/e2e/support/server';
import { analyseBundle, type BundleReport } from './lib/bundleSize';
import { startStaticServer } from './lib/staticServer';
import { median, p95, round } from './lib/stats';
import type { ScanPunchTiming } from './page/appDriver';
// window.bench and window.punchlineBench are typed by these files' `declare global`.
import type {} from './page/inject';
import type { Samples } from './page/lookupBench';
import { memberSpec, type MemberSpec } from './page/seedData';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const distDir = join(repoRoot, 'dist');
const resultsDir = join(benchDir, 'results');

const WARM_RELOADS = 9;
const COLD_RESTARTS = 3;
const LOOKUPS = 300;
const LOOKUP_WARMUP = 30;
const AFTER_RESTART_LOOKUPS = 200;
const PUNCH_WARMUP = 5;
const PUNCHES = 60;
const SEED_CHUNK = 20_000;
/** Members of the "m100k" case. Only for quick trials of the bench itself: figures are then not comparable. */
const LARGE = Number(process.env.BENCH_LARGE_MEMBERS ?? 100_000);

// ---------------------------------------------------------------------------------------------
// Progress output

const t0 = Date.now();
function log(message: string): void {
  console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${message}`);
}
const fmt = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');

// ---------------------------------------------------------------------------------------------
// Browser helpers

declare global {
  interface Window {
    __benchReadyAt?: number;
    __benchIdbOpen?: { start: number; end?: number };
  }
}

/**
 * Init script for every page: records performance.now() (ms since navigation start) when
 * <html data-ready="true"> appears, and when the app's indexedDB.open('punchline') starts and
 * succeeds. Observes the document, as documentElement may not exist yet when this runs.
 */
const INIT_SCRIPT = `(() => {
  const mark = () => {
    if (window.__benchReadyAt === undefined && document.documentElement && document.documentElement.dataset.ready === 'true') {
      window.__benchReadyAt = performance.now();
    }
  };
  new MutationObserver(mark).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (name, ...rest) {
    const request = open.call(this, name, ...rest);
    if (name === 'punchline' && !window.__benchIdbOpen) {
      const record = (window.__benchIdbOpen = { start: performance.now() });
      request.addEventListener('success', () => { record.end = performance.now(); });
    }
    return request;
  };
})();`;

/** Init script for the scan/punch phase only: records every IndexedDB transaction's lifetime. */
const TX_RECORDER = `(() => {
  const all = (window.__benchTx = []);
  const original = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...args) {
    const tx = original.apply(this, args);
    const record = { mode: tx.mode, stores: Array.from(tx.objectStoreNames), start: performance.now() };
    all.push(record);
    const end = () => { if (record.end === undefined) record.end = performance.now(); };
    tx.addEventListener('complete', end);
    tx.addEventListener('abort', end);
    return tx;
  };
})();`;

const injectSource = () => readFileSync(join(benchDir, '.build/inject/inject.iife.js'), 'utf8');

interface Browser {
  context: BrowserContext;
  page: Page;
  userDataDir: string;
}

async function launch(userDataDir: string, offline = false): Promise<Browser> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  await context.addInitScript({ content: INIT_SCRIPT });
  if (offline) await context.setOffline(true);
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => log(`  page error: ${error.message}`));
  return { context, page, userDataDir };
}

async function restart(browser: Browser, offline: boolean): Promise<Browser> {
  await browser.context.close();
  return launch(browser.userDataDir, offline);
}

/** Where a start-up's time went, all in ms since navigation start. */
interface Startup {
  readyMs: number;
  /** index.html fully received (from the service worker). */
  htmlMs: number;
  /** The entry chunk fully received. */
  entryJsMs?: number;
  /** The app calls indexedDB.open('punchline') … */
  idbOpenStartMs?: number;
  /** … and it succeeds. */
  idbOpenEndMs?: number;
  /** Service worker started for this navigation (0 when it was already running). */
  swStartMs: number;
}

async function readStartup(page: Page, entryFile: string): Promise<Startup> {
  await page.waitForFunction(() => window.__benchReadyAt !== undefined, undefined, { timeout: 60_000, polling: 20 });
  return page.evaluate((entry) => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const script = performance.getEntriesByType('resource').find((r) => r.name.endsWith(entry)) as PerformanceResourceTiming | undefined;
    return {
      readyMs: window.__benchReadyAt!,
      htmlMs: nav.responseEnd,
      entryJsMs: script?.responseEnd,
      idbOpenStartMs: window.__benchIdbOpen?.start,
      idbOpenEndMs: window.__benchIdbOpen?.end,
      swStartMs: nav.workerStart,
    };
  }, `/${entryFile}`);
}

async function controlledBySw(page: Page): Promise<boolean> {
  return page.evaluate(() => navigator.serviceWorker.controller !== null);
}

// ---------------------------------------------------------------------------------------------
// Real app cases

interface AppCase {
  label: string;
  n: number;
  server: RunningServer;
  port: number;
  browser: Browser;
  seedMs?: number;
  /** navigator.storage.estimate().usage after seeding (IndexedDB + the SW's precache). */
  storageBytes?: number;
  warm: Startup[];
  cold: Startup[];
}

/** Real server + Chromium, service worker installed and in control, `n` members seeded. */
async function setUpApp(label: string, n: number, entryFile: string): Promise<AppCase> {
  const server = await startServer();
  const port = Number(new URL(server.url).port);
  const browser = await launch(mkdtempSync(join(tmpdir(), `punchline-bench-${label}-`)));
  const c: AppCase = { label, n, server, port, browser, warm: [], cold: [] };
  const { page } = browser;
  await page.goto(server.url, { waitUntil: 'load' });
  await readStartup(page, entryFile);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  for (let k = 0; k < 5 && !(await controlledBySw(page)); k++) {
    await page.reload({ waitUntil: 'load' });
    await readStartup(page, entryFile);
  }
  if (!(await controlledBySw(page))) throw new Error(`${label}: the service worker never took control`);
  log(`${label}: real server at ${server.url}, service worker installed and in control`);
  if (n > 0) {
    const start = Date.now();
    const nowMs = Date.now();
    await page.evaluate(injectSource());
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
  return c;
}

/** Reloads round-robin across the cases, so drift in machine load hits every case alike. */
async function measureWarm(cases: AppCase[], entryFile: string): Promise<void> {
  for (const c of cases) {
    await c.browser.context.setOffline(true);
    await c.browser.page.reload({ waitUntil: 'load' }); // unmeasured: first load offline
    await readStartup(c.browser.page, entryFile);
  }
  for (let k = 0; k < WARM_RELOADS; k++) {
    for (const c of cases) {
      await c.browser.page.reload({ waitUntil: 'load' });
      c.warm.push(await readStartup(c.browser.page, entryFile));
      if (!(await controlledBySw(c.browser.page))) throw new Error(`${c.label}: reload was not served by the service worker`);
    }
  }
  for (const c of cases) log(`${c.label}: warm start-up median ${median(c.warm.map((s) => s.readyMs)).toFixed(1)} ms [${fmt(c.warm.map((s) => s.readyMs))}]`);
}

/** Browser restarts (same user-data-dir), alternating between the cases; offline from the start. */
async function measureCold(cases: AppCase[], entryFile: string): Promise<void> {
  for (let k = 0; k < COLD_RESTARTS; k++) {
    for (const c of cases) {
      c.browser = await restart(c.browser, true);
      await c.browser.page.goto(c.server.url, { waitUntil: 'load' });
      c.cold.push(await readStartup(c.browser.page, entryFile));
      if (!(await controlledBySw(c.browser.page))) throw new Error(`${c.label}: cold load was not served by the service worker`);
    }
  }
  for (const c of cases) {
    const open = c.cold.map((s) => (s.idbOpenEndMs ?? Number.NaN) - (s.idbOpenStartMs ?? Number.NaN));
    log(`${c.label}: start-up after browser restart median ${median(c.cold.map((s) => s.readyMs)).toFixed(1)} ms [${fmt(c.cold.map((s) => s.readyMs))}], of which indexedDB.open [${fmt(open)}]`);
  }
}

/** Members for the punch loop: distinct, each named unlike the one before. */
function punchTargets(n: number, count: number): MemberSpec[] {
  const out: MemberSpec[] = [];
  const used = new Set<number>();
  for (let k = 0; out.length < count; k++) {
    const index = (k * 7_368_787 + 4_242) % n; // a stride coprime with n spreads the picks
    if (used.has(index)) continue;
    const spec = memberSpec(index);
    if (out.length && out[out.length - 1]!.name === spec.name) continue;
    used.add(index);
    out.push(spec);
  }
  return out;
}

async function measureScanPunch(c: AppCase): Promise<{ samples: ScanPunchTiming[]; rows: Record<string, number> }> {
  const { page } = c.browser;
  await c.browser.context.addInitScript({ content: TX_RECORDER });
  await page.reload({ waitUntil: 'load' });
  await page.waitForFunction(() => window.__benchReadyAt !== undefined);
  await page.evaluate(injectSource());
  const samples: ScanPunchTiming[] = [];
  for (const [k, spec] of punchTargets(c.n, PUNCH_WARMUP + PUNCHES).entries()) {
    const timing = await page.evaluate(([code, name]) => window.punchlineBench!.scanAndPunch(code, name), [spec.cardCode, spec.name] as const);
    if (k >= PUNCH_WARMUP) samples.push(timing);
    // A cashier needs seconds between customers: let the previous punch's follow-up work
    // (live queries re-reading the member) finish before the next scan.
    await page.waitForTimeout(100);
  }
  const rows = await page.evaluate(() => window.punchlineBench!.countRows('punchline'));
  const expected = c.n * 5 + PUNCH_WARMUP + PUNCHES;
  if (rows.events !== expected) throw new Error(`${c.label}: expected ${expected} events after the punches, found ${rows.events}`);
  return { samples, rows };
}

/** Frees the origin for the lookup page: no service worker, no real server; keeps the profile. */
async function handOver(c: AppCase): Promise<{ port: number; userDataDir: string }> {
  await c.browser.page.evaluate(() =>
    navigator.serviceWorker.getRegistrations().then((all) => Promise.all(all.map((r) => r.unregister()))).then(() => undefined),
  );
  await c.browser.context.close();
  await c.server.stop();
  return { port: c.port, userDataDir: c.browser.userDataDir };
}

async function tearDown(c: AppCase): Promise<void> {
  await c.browser.context.close().catch(() => undefined);
  await c.server.stop().catch(() => undefined);
  rmSync(c.browser.userDataDir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// Lookup bench page (the app's lookup code, raw IndexedDB floor beside it), on a case's origin

interface LookupResult {
  app: Record<string, Samples>;
  raw: Record<string, Samples>;
  afterRestart?: { openMs: number; firstGetMs: number; raw: Record<string, Samples>; app: Record<string, Samples> };
}

async function openBenchPage(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.bench !== undefined, undefined, { timeout: 30_000 });
  if (await controlledBySw(page)) throw new Error('the bench page is controlled by a service worker');
}

async function measureLookups(label: string, n: number, origin: { port: number; userDataDir: string }, afterRestart: boolean): Promise<LookupResult> {
  const server = await startStaticServer(join(benchDir, '.build/page'), origin.port);
  let browser = await launch(origin.userDataDir);
  try {
    const result: Partial<LookupResult> = {};
    await openBenchPage(browser.page, server.url);
    if (afterRestart) {
      // This launch is a browser restart: time the raw open and cold raw lookups first, then
      // restart again for the app's lookups, so neither warms the other's caches.
      const cold = { n, count: AFTER_RESTART_LOOKUPS, warmup: 0, seed: 3 };
      const open = await browser.page.evaluate(() => window.bench!.rawOpen());
      const raw = await browser.page.evaluate((o) => window.bench!.rawFloor(o, ['card']), cold);
      browser = await restart(browser, false);
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
    rmSync(origin.userDataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Report

interface Row {
  figure: string;
  value: number | undefined;
  unit: string;
  budget?: string;
  ok?: boolean;
  note?: string;
}

function printTable(rows: Row[]): void {
  const cells = rows.map((r) => [
    r.figure,
    r.value === undefined || Number.isNaN(r.value) ? 'n/a' : `${r.value.toFixed(r.unit === 'KB' ? 1 : r.value >= 100 ? 0 : r.value >= 10 ? 1 : 2)} ${r.unit}`,
    r.budget ?? '',
    r.ok === undefined ? '' : r.ok ? 'ok' : 'MISS',
    r.note ?? '',
  ]);
  const header = ['figure', 'value', 'budget', '', 'what it covers'];
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)));
  const line = (row: string[]) => row.map((cell, c) => (c === 1 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of cells) console.log(line(row));
}

const p95Of = (s: Samples | undefined) => (s ? round(p95(s.ms), 2) : undefined);
const medianOf = (values: (number | undefined)[]) => {
  const defined = values.filter((v): v is number => v !== undefined && !Number.isNaN(v));
  return defined.length ? round(median(defined), 1) : undefined;
};

function breakdown(samples: Startup[] | undefined) {
  if (!samples?.length) return undefined;
  return {
    htmlMs: medianOf(samples.map((s) => s.htmlMs)),
    entryJsMs: medianOf(samples.map((s) => s.entryJsMs)),
    idbOpenStartMs: medianOf(samples.map((s) => s.idbOpenStartMs)),
    idbOpenMs: medianOf(samples.map((s) => (s.idbOpenEndMs ?? Number.NaN) - (s.idbOpenStartMs ?? Number.NaN))),
    readyMs: medianOf(samples.map((s) => s.readyMs)),
  };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const errors: string[] = [];
  const attempt = async <T>(what: string, work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      errors.push(`${what}: ${message}`);
      log(`FAILED ${what}: ${message}`);
      return undefined;
    }
  };

  log(`Punchline bench — ${cpus().length} CPUs, Node ${process.version}, ${CHROMIUM_PATH}`);
  const bundle: BundleReport = analyseBundle(distDir);
  log(`initial JS ${(bundle.initialGzipBytes / 1024).toFixed(1)} KB gzip (${bundle.initial.map((c) => c.file).join(' + ')})`);
  log('building the lookup bench page and the injected driver (bench/vite.bench.config.ts)');
  for (const mode of ['page', 'inject']) await build({ configFile: join(benchDir, 'vite.bench.config.ts'), mode, logLevel: 'warn' });

  // ---- Real app: set up the three origins, then measure them side by side.
  const cases: AppCase[] = []; // still running (torn down at the end)
  const measured: AppCase[] = []; // every case set up, for the report
  let scanPunch: { samples: ScanPunchTiming[]; rows: Record<string, number> } | undefined;
  let l1k: LookupResult | undefined;
  let l100k: LookupResult | undefined;
  try {
    if (LARGE !== 100_000) log(`WARNING: BENCH_LARGE_MEMBERS=${LARGE}: the "m100k" figures below are for ${LARGE} members`);
    for (const [label, n] of [['m0', 0], ['m1k', 1_000], ['m100k', LARGE]] as const) {
      const c = await attempt(`set up ${label}`, () => setUpApp(label, n, bundle.entry));
      if (c) {
        cases.push(c);
        measured.push(c);
      }
    }
    const byLabel = (label: string) => cases.find((c) => c.label === label);
    log(`warm start-up: ${WARM_RELOADS} offline reloads per case, round-robin`);
    await attempt('warm start-up', () => measureWarm(cases, bundle.entry));
    log(`cold start-up: ${COLD_RESTARTS} browser restarts per case, alternating`);
    await attempt('cold start-up', () => measureCold(cases.filter((c) => c.label !== 'm1k'), bundle.entry));
    const m100k = byLabel('m100k');
    if (m100k) {
      log(`m100k: scan → member → punch, ${PUNCH_WARMUP} + ${PUNCHES} different members`);
      scanPunch = await attempt('scan/punch', () => measureScanPunch(m100k));
      if (scanPunch) {
        const p = (f: (s: ScanPunchTiming) => number) => p95(scanPunch!.samples.map(f)).toFixed(1);
        log(`m100k: p95 scan→member ${p((s) => s.scanToMemberMs)} ms, punch ${p((s) => s.punchMs)} ms, whole ${p((s) => s.totalMs)} ms`);
      }
    }

    // ---- Lookup bench page on the m1k and m100k origins.
    const m1k = byLabel('m1k');
    if (m1k) {
      const origin = await handOver(m1k);
      cases.splice(cases.indexOf(m1k), 1);
      l1k = await attempt('lookups m1k', () => measureLookups('m1k', 1_000, origin, false));
    }
    if (m100k) {
      const origin = await handOver(m100k);
      cases.splice(cases.indexOf(m100k), 1);
      l100k = await attempt('lookups m100k', () => measureLookups('m100k', LARGE, origin, true));
    }
  } finally {
    for (const c of cases) await tearDown(c);
  }

  writeReport({
    bundle,
    errors,
    scanPunch,
    l1k,
    l100k,
    warmByLabel: new Map(measured.map((c) => [c.label, c.warm])),
    coldByLabel: new Map(measured.filter((c) => c.cold.length).map((c) => [c.label, c.cold])),
    seedMs: Object.fromEntries(measured.map((c) => [c.label, c.seedMs])),
    storageBytes: Object.fromEntries(measured.map((c) => [c.label, c.storageBytes])),
  });
}

interface ReportInput {
  bundle: BundleReport;
  errors: string[];
  scanPunch: { samples: ScanPunchTiming[]; rows: Record<string, number> } | undefined;
  l1k: LookupResult | undefined;
  l100k: LookupResult | undefined;
  warmByLabel: Map<string, Startup[]>;
  coldByLabel: Map<string, Startup[]>;
  seedMs: Record<string, number | undefined>;
  storageBytes: Record<string, number | undefined>;
}

function writeReport(input: ReportInput): void {
  const { bundle, errors, scanPunch, l1k, l100k, warmByLabel, coldByLabel } = input;
  const kb = (bytes: number) => round(bytes / 1024, 2);
  const readyMedian = (samples: Startup[] | undefined) => medianOf(samples?.map((s) => s.readyMs) ?? []);
  const lookupFigures = (c: LookupResult | undefined) =>
    c && {
      ...Object.fromEntries(Object.entries(c.app).map(([k, s]) => [k, p95Of(s)])),
      rawFloor: p95Of(c.raw.card),
      rawFloorPhone: p95Of(c.raw.phone),
      rawFloorName: p95Of(c.raw.name),
    };
  const per = (c: LookupResult | undefined, f: (s: Samples) => number) => c && Object.fromEntries(Object.entries(c.app).map(([k, s]) => [k, round(f(s), 2)]));
  const sp = scanPunch?.samples;
  const spP95 = (f: (s: ScanPunchTiming) => number) => (sp ? round(p95(sp.map(f)), 2) : undefined);
  const spMedian = (f: (s: ScanPunchTiming) => number) => (sp ? round(median(sp.map(f)), 2) : undefined);
  const coldOpen = (label: string) => breakdown(coldByLabel.get(label))?.idbOpenMs;

  const results = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, chromium: CHROMIUM_PATH },
    initialJsGzipKB: kb(bundle.initialGzipBytes),
    initialJs: bundle.initial,
    lazyJs: bundle.lazy,
    css: bundle.css,
    startupMs: { m0: readyMedian(warmByLabel.get('m0')), m1k: readyMedian(warmByLabel.get('m1k')), m100k: readyMedian(warmByLabel.get('m100k')) },
    startupColdMs: { m0: readyMedian(coldByLabel.get('m0')), m100k: readyMedian(coldByLabel.get('m100k')) },
    startupBreakdownMs: {
      warm: Object.fromEntries([...warmByLabel].map(([k, v]) => [k, breakdown(v)])),
      cold: Object.fromEntries([...coldByLabel].map(([k, v]) => [k, breakdown(v)])),
    },
    startupSamplesMs: {
      warm: Object.fromEntries([...warmByLabel].map(([k, v]) => [k, v.map((s) => round(s.readyMs, 1))])),
      cold: Object.fromEntries([...coldByLabel].map(([k, v]) => [k, v.map((s) => round(s.readyMs, 1))])),
    },
    lookupP95Ms: { m1k: lookupFigures(l1k), m100k: lookupFigures(l100k) },
    lookupMedianMs: { m1k: per(l1k, (s) => median(s.ms)), m100k: per(l100k, (s) => median(s.ms)) },
    lookupMisses: { m1k: per(l1k, (s) => s.misses), m100k: per(l100k, (s) => s.misses) },
    lookupMeanResults: { m1k: per(l1k, (s) => s.meanResults), m100k: per(l100k, (s) => s.meanResults) },
    lookupAfterRestartP95Ms: {
      m100k: l100k?.afterRestart && {
        indexedDbOpenMs: round(l100k.afterRestart.openMs, 1),
        rawFloor: p95Of(l100k.afterRestart.raw.card),
        cardScan: p95Of(l100k.afterRestart.app.cardScan),
        card: p95Of(l100k.afterRestart.app.card),
        rawFloorFirstMs: round(l100k.afterRestart.raw.card?.ms[0] ?? Number.NaN, 2),
        cardScanFirstMs: round(l100k.afterRestart.app.cardScan?.ms[0] ?? Number.NaN, 2),
      },
    },
    scanToMemberP95Ms: spP95((s) => s.scanToMemberMs),
    punchP95Ms: spP95((s) => s.punchMs),
    scanToPunchShownP95Ms: spP95((s) => s.totalMs),
    scanPunchMedianMs: { scanToMember: spMedian((s) => s.scanToMemberMs), punch: spMedian((s) => s.punchMs), total: spMedian((s) => s.totalMs) },
    scanPunchDiagnostics: {
      scanTxCountMedian: spMedian((s) => s.scanTxCount),
      scanLongestIdleMedianMs: spMedian((s) => s.scanLongestIdleMs),
      scanLongestIdleP95Ms: spP95((s) => s.scanLongestIdleMs),
      punchRwTxMedianMs: spMedian((s) => s.punchRwTxMs),
      punchRwTxP95Ms: spP95((s) => s.punchRwTxMs),
      punchAfterCommitMedianMs: spMedian((s) => s.punchAfterCommitMs),
      punchAfterCommitP95Ms: spP95((s) => s.punchAfterCommitMs),
    },
    rowsAfterPunchesM100k: scanPunch?.rows,
    seedSeconds: Object.fromEntries(Object.entries(input.seedMs).map(([k, v]) => [k, v === undefined ? undefined : round(v / 1000, 1)])),
    storageMBAfterSeed: Object.fromEntries(Object.entries(input.storageBytes).map(([k, v]) => [k, v === undefined ? undefined : round(v / 2 ** 20, 1)])),
    budgets: [] as { figure: string; value: number | undefined; budget: string; ok: boolean | undefined }[],
    errors,
    runSeconds: 0,
  };

  // ---- Table with budgets
  const rows: Row[] = [];
  const check = (figure: string, value: number | undefined, unit: string, budget: string, ok: (v: number) => boolean, note?: string) => {
    const status = value === undefined || Number.isNaN(value) ? undefined : ok(value);
    rows.push({ figure, value, unit, budget, ok: status, ...(note ? { note } : {}) });
    results.budgets.push({ figure, value, budget, ok: status });
  };
  const info = (figure: string, value: number | undefined, unit: string, note?: string) => rows.push({ figure, value, unit, ...(note ? { note } : {}) });

  check('initial JS (gzip -9)', results.initialJsGzipKB, 'KB', '≤ 60 KB', (v) => v <= 60, `entry + static imports: ${bundle.initial.map((c) => c.file.replace('assets/', '')).join(' + ')}`);
  for (const chunk of bundle.lazy) info(`  lazy ${chunk.file.replace('assets/', '')}`, kb(chunk.gzipBytes), 'KB', 'dynamic import(): not in the initial figure');

  const s = results.startupMs;
  const sc = results.startupColdMs;
  info('start-up warm m0', s.m0, 'ms', `median of ${WARM_RELOADS} offline reloads from the SW cache: nav start → data-ready`);
  info('start-up warm m1k', s.m1k, 'ms', 'same, 1k members');
  check('start-up warm m100k', s.m100k, 'ms', s.m0 ? `≤ 1.2 × m0 = ${round(1.2 * s.m0, 0)}` : '≤ 1.2 × m0', (v) => s.m0 !== undefined && v <= 1.2 * s.m0, 'same, 100k members');
  info('start-up cold m0', sc.m0, 'ms', `median of ${COLD_RESTARTS} browser restarts (same profile), offline`);
  const openDelta = coldOpen('m100k') !== undefined && coldOpen('m0') !== undefined ? coldOpen('m100k')! - coldOpen('m0')! : undefined;
  info('  of which indexedDB.open m0 / m100k', coldOpen('m0'), 'ms', `m100k: ${coldOpen('m100k') ?? 'n/a'} ms (the app's own open, timed in the page)`);
  check(
    'start-up cold m100k',
    sc.m100k,
    'ms',
    sc.m0 !== undefined && openDelta !== undefined ? `≤ m0 + open Δ (+20 %) = ${round(sc.m0 * 1.2 + openDelta, 0)}` : '≤ m0 + IDB open',
    (v) => sc.m0 !== undefined && openDelta !== undefined && v <= sc.m0 * 1.2 + openDelta,
    'budget: no more than IndexedDB’s own extra open cost above m0',
  );

  const what: Record<string, string> = {
    card: 'search box, 12-digit card no. (card + phone paths)',
    cardScan: 'scan path: findMemberByCode',
    phone: 'search box, full number as typed ("06 30 …")',
    phoneSuffix: 'search box, last 4 phone digits',
    name: 'search box, whole name without accents',
    namePrefix: 'search box, typing the name: "nagy l"',
    nameAbbrev: 'search box, both words abbreviated: "nag la" (key intersection path)',
  };
  for (const [label, c] of [['m100k', results.lookupP95Ms.m100k], ['m1k', results.lookupP95Ms.m1k]] as const) {
    if (!c) continue;
    const floors: Record<string, number | undefined> = {
      card: c.rawFloor, cardScan: c.rawFloor, phone: c.rawFloorPhone, phoneSuffix: c.rawFloorPhone, name: c.rawFloorName, namePrefix: c.rawFloorName, nameAbbrev: c.rawFloorName,
    };
    info(`lookup raw floor ${label} card`, c.rawFloor, 'ms', 'p95 raw IDB: cardCodes index get');
    info(`lookup raw floor ${label} phone`, c.rawFloorPhone, 'ms', 'p95 raw IDB: phoneRev range, ≤ 20 rows');
    info(`lookup raw floor ${label} name`, c.rawFloorName, 'ms', 'p95 raw IDB: namePhrases range, ≤ 20 rows');
    for (const kind of ['card', 'cardScan', 'phone', 'phoneSuffix', 'name', 'namePrefix', 'nameAbbrev'] as const) {
      const value = (c as Record<string, number | undefined>)[kind];
      const floor = floors[kind];
      const limit = floor !== undefined ? Math.min(5, 3 * floor) : 5;
      check(`lookup p95 ${label} ${kind}`, value, 'ms', `≤ min(5, 3 × floor) = ${round(limit, 1)}`, (v) => v <= limit, what[kind]);
    }
  }
  const ar = results.lookupAfterRestartP95Ms.m100k;
  if (ar) {
    info('after restart m100k: indexedDB.open', ar.indexedDbOpenMs, 'ms', 'raw open of the 100k DB, first thing after a browser restart');
    info('after restart m100k: raw floor card p95', ar.rawFloor, 'ms', `first ${AFTER_RESTART_LOOKUPS} lookups after restart; first ${ar.rawFloorFirstMs} ms`);
    info('after restart m100k: cardScan p95', ar.cardScan, 'ms', `app, first ${AFTER_RESTART_LOOKUPS} after another restart; first ${ar.cardScanFirstMs} ms`);
    info('after restart m100k: card p95', ar.card, 'ms', 'app, search-box card lookups that followed');
  }
  info('scan → member shown p95 (m100k)', results.scanToMemberP95Ms, 'ms', `Enter keydown → h2#member-name shows the member (median ${results.scanPunchMedianMs.scanToMember})`);
  info('punch p95 (m100k)', results.punchP95Ms, 'ms', `click → new .feedback--success, tx committed (median ${results.scanPunchMedianMs.punch})`);
  check('scan → punch committed+shown p95', results.scanToPunchShownP95Ms, 'ms', '≤ 25', (v) => v <= 25, `Enter → member → click at once → success shown (median ${results.scanPunchMedianMs.total})`);

  results.runSeconds = round((Date.now() - t0) / 1000, 1);
  printTable(rows);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote bench/results/latest.json — run time ${results.runSeconds} s`);
  if (errors.length) {
    console.error(`\n${errors.length} bench step(s) crashed:\n${errors.join('\n')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
