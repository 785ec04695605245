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
//
// The sync cases come after the app cases, once their browsers and servers are gone: push
// throughput of the server (PGlite, then PostgreSQL), then a new tablet's first sync of a large
// business through the real UI and the real server process.
//
// The camera cases run between the two: the decoder comparison (html5-qrcode's zxing-js against
// ZXing-C++ in WebAssembly, on a generated image set; no server, no members), then camera scan →
// punch in the real app with Chromium's fake camera playing a QR, then a CODE128 card.

import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH } from '../test/e2e/support/environment';
import { handOver, setUpApp, tearDown, type AppCase } from './cases/appCase';
import { measureCameraScan } from './cases/cameraScan';
import { measureDecoders } from './cases/decoders';
import { measureFirstSync } from './cases/firstSync';
import { measureLookups, type LookupResult } from './cases/lookups';
import { measureMemberExport, seedExportOrigin, type MemberExportResult } from './cases/memberExport';
import { measureMemberImport } from './cases/memberImport';
import { measureScanPunch, type ScanPunchResult } from './cases/scanPunch';
import { measureCold, measureWarm } from './cases/startup';
import { measurePushPglite, measurePushPostgres } from './cases/syncPush';
import { buildBenchBundles } from './lib/benchBundles';
import { analyseBundle, lazyFeatureSize } from './lib/bundleSize';
import { log } from './lib/log';
import type { CameraFigures, SyncFigures } from './report/summary';
import { writeReport } from './report/writeReport';

const distDir = fileURLToPath(new URL('../dist', import.meta.url));

/** Members of the "m100k" case. Only for quick trials of the bench itself: figures are then not comparable. */
const LARGE_CASE_MEMBERS = Number(process.env.BENCH_LARGE_MEMBERS ?? 100_000);

/**
 * BENCH_ONLY=app|export|import|decoders|camera|push|firstSync|sync (comma-separated; "sync" = push +
 * firstSync) runs only those cases, for working on one of them. Unset: everything. The bundle size
 * is always measured. "app" includes the member export (on the m100k origin after the lookups);
 * "export" without "app" seeds an origin of its own for it.
 */
const ONLY = new Set((process.env.BENCH_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean));
const runs = (group: 'app' | 'export' | 'import' | 'decoders' | 'camera' | 'push' | 'firstSync') =>
  ONLY.size === 0 || ONLY.has(group) || ((group === 'push' || group === 'firstSync') && ONLY.has('sync'));

let benchBundlesBuilt = false;
async function ensureBenchBundles(): Promise<void> {
  if (!benchBundlesBuilt) await buildBenchBundles();
  benchBundlesBuilt = true;
}

async function main(): Promise<void> {
  // A failed step is logged and reported, and the bench goes on with whatever it can still measure.
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
  const bundle = analyseBundle(distDir);
  log(`initial JS ${(bundle.initialGzipBytes / 1024).toFixed(1)} KB gzip (${bundle.initial.map((c) => c.file).join(' + ')})`);
  if (ONLY.size) log(`BENCH_ONLY=${[...ONLY].join(',')}: the other cases are skipped`);
  if (LARGE_CASE_MEMBERS !== 100_000) log(`WARNING: BENCH_LARGE_MEMBERS=${LARGE_CASE_MEMBERS}: the "m100k" figures below are for ${LARGE_CASE_MEMBERS} members`);

  const app = runs('app') ? await measureApp(bundle.entry, attempt) : { cases: [], scanPunch: undefined, lookups: { m1k: undefined, m100k: undefined }, memberExport: undefined };
  if (!runs('app') && runs('export')) {
    await ensureBenchBundles();
    app.memberExport = await attempt('member export m100k', async () => measureMemberExport(LARGE_CASE_MEMBERS, await seedExportOrigin(LARGE_CASE_MEMBERS)));
  }
  let memberImport;
  if (runs('import')) {
    await ensureBenchBundles();
    memberImport = await attempt('member import r50k', () => measureMemberImport());
  }
  const decoders = runs('decoders') ? await attempt('camera decoders', () => measureDecoders()) : undefined;
  const camera: CameraFigures = { chunk: lazyFeatureSize(distDir, bundle, 'CameraPanel', 'zxing_reader') };
  if (runs('camera')) {
    await ensureBenchBundles();
    camera.qr = await attempt('camera scan qr', () => measureCameraScan('qr'));
    camera.code128 = await attempt('camera scan code128', () => measureCameraScan('code128'));
  }
  const sync: SyncFigures = { push: {} };
  if (runs('push')) {
    sync.push.pglite = await attempt('sync push pglite', () => measurePushPglite(distDir));
    sync.push.postgres = await attempt('sync push postgres', () => measurePushPostgres(distDir));
  }
  if (runs('firstSync')) sync.firstSync = await attempt('first sync', () => measureFirstSync(LARGE_CASE_MEMBERS, distDir));

  writeReport({ bundle, ...app, memberImport, decoders, camera, sync, errors });
}

type Attempt = <T>(what: string, work: () => Promise<T>) => Promise<T | undefined>;

/** Start-up, scan/punch and lookups in the real app (the m0, m1k and m100k origins). */
async function measureApp(entry: string, attempt: Attempt) {
  log('building the lookup bench page and the injected driver (bench/vite.bench.config.ts)');
  await ensureBenchBundles();

  const running: AppCase[] = []; // torn down at the end
  const measured: AppCase[] = []; // every case set up, for the report
  let scanPunch: ScanPunchResult | undefined;
  let l1k: LookupResult | undefined;
  let l100k: LookupResult | undefined;
  let memberExport: MemberExportResult | undefined;
  const handOverRunning = async (c: AppCase) => {
    const origin = await handOver(c);
    running.splice(running.indexOf(c), 1);
    return origin;
  };
  try {
    for (const [label, n] of [['m0', 0], ['m1k', 1_000], ['m100k', LARGE_CASE_MEMBERS]] as const) {
      const c = await attempt(`set up ${label}`, () => setUpApp(label, n, entry));
      if (c) {
        running.push(c);
        measured.push(c);
      }
    }
    const byLabel = (label: string) => running.find((c) => c.label === label);
    await attempt('warm start-up', () => measureWarm(running, entry));
    await attempt('cold start-up', () => measureCold(running.filter((c) => c.label !== 'm1k'), entry));
    const m100k = byLabel('m100k');
    if (m100k) scanPunch = await attempt('scan/punch', () => measureScanPunch(m100k));

    // The app leaves the m1k and m100k origins to the lookup bench page.
    const m1k = byLabel('m1k');
    if (m1k) {
      const origin = await handOverRunning(m1k);
      l1k = await attempt('lookups m1k', () => measureLookups('m1k', 1_000, origin, false));
    }
    if (m100k) {
      const origin = await handOverRunning(m100k);
      // The lookups keep the profile for the member export, which reads the whole database after them.
      l100k = await attempt('lookups m100k', () => measureLookups('m100k', LARGE_CASE_MEMBERS, origin, true, true));
      memberExport = await attempt('member export m100k', () => measureMemberExport(LARGE_CASE_MEMBERS, origin));
    }
  } finally {
    for (const c of running) await tearDown(c);
  }

  return { cases: measured, scanPunch, lookups: { m1k: l1k, m100k: l100k }, memberExport };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
