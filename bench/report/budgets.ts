// The table's rows: each figure beside its budget from ARCHITECTURE.md ("Budgets"), or as
// information only. A figure that is missing or NaN is neither ok nor a miss.

import { MAX_PUSH_MUTATIONS } from '../../src/core/protocol';
import { PULL_PAGE } from '../../src/sync/syncRun';
import { AFTER_RESTART_LOOKUPS } from '../cases/lookups';
import { COLD_RESTARTS, WARM_RELOADS } from '../cases/startup';
import { PUSH_BATCHES, PUSH_DEVICES } from '../cases/syncPush';
import { round } from '../lib/stats';
import { decoderRows } from './decoders';
import { kb, type Summary } from './summary';
import type { Row } from './table';

export interface BudgetCheck {
  figure: string;
  value: number | undefined;
  budget: string;
  ok: boolean | undefined;
}

const LOOKUP_WHAT: Record<string, string> = {
  card: 'search box, 12-digit card no. (card + phone paths)',
  cardScan: 'scan path: findMemberByCode',
  phone: 'search box, full number as typed ("06 30 …")',
  phoneSuffix: 'search box, last 4 phone digits',
  name: 'search box, whole name without accents',
  namePrefix: 'search box, typing the name: "nagy l"',
  nameAbbrev: 'search box, both words abbreviated: "nag la" (key intersection path)',
};

export function budgetRows(results: Summary): { rows: Row[]; budgets: BudgetCheck[] } {
  const rows: Row[] = [];
  const budgets: BudgetCheck[] = [];
  const check = (figure: string, value: number | undefined, unit: string, budget: string, ok: (v: number) => boolean, note?: string) => {
    const status = value === undefined || Number.isNaN(value) ? undefined : ok(value);
    rows.push({ figure, value, unit, budget, ok: status, ...(note ? { note } : {}) });
    budgets.push({ figure, value, budget, ok: status });
  };
  const info = (figure: string, value: number | undefined, unit: string, note?: string) => rows.push({ figure, value, unit, ...(note ? { note } : {}) });

  check('initial JS (gzip -9)', results.initialJsGzipKB, 'KB', '≤ 60 KB', (v) => v <= 60, `entry + static imports: ${results.initialJs.map((c) => c.file.replace('assets/', '')).join(' + ')}`);
  for (const chunk of results.lazyJs) info(`  lazy ${chunk.file.replace('assets/', '')}`, kb(chunk.gzipBytes), 'KB', 'dynamic import(): not in the initial figure');

  const s = results.startupMs;
  const sc = results.startupColdMs;
  const coldOpen = (label: string) => results.startupBreakdownMs.cold[label]?.idbOpenMs;
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

  for (const [label, c] of [['m100k', results.lookupP95Ms.m100k], ['m1k', results.lookupP95Ms.m1k]] as const) {
    if (!c) continue;
    // Each kind is held to the raw floor of the index it reads.
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
      check(`lookup p95 ${label} ${kind}`, value, 'ms', `≤ min(5, 3 × floor) = ${round(limit, 1)}`, (v) => v <= limit, LOOKUP_WHAT[kind]);
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
  info('punch click → shown p95 (m100k)', results.punchClickToShownP95Ms, 'ms', `click → new .feedback--success, tx committed (median ${results.scanPunchMedianMs.punch})`);
  const exportWhat = results.exportDiagnostics;
  check(
    'exportMs m100k: members CSV',
    results.exportMs.m100k,
    'ms',
    '≤ 3,000',
    (v) => v <= 3000,
    exportWhat ? `all ${exportWhat.rows} members (consent or not), ${exportWhat.fileMB} MB; median of ${exportWhat.runsMs.join(', ')} ms` : 'the app’s chunked export of every member, in the page',
  );
  info('exportPeakHeapMB m100k', results.exportPeakHeapMB.m100k, 'MB', exportWhat && `peak used JS heap during the exports (CDP); ${exportWhat.baselineHeapMB} MB before`);
  const raw = exportWhat?.rawReadMs;
  if (raw) info('  export raw reads m100k', raw.members + raw.summaries + raw.events, 'ms', `raw IDB getAll per chunk: members ${raw.members}, summaries ${raw.summaries}, events ${raw.events} ms (the export reads events only where a summary cannot tell)`);
  const importWhat = results.importDiagnostics;
  info(
    'importMs r50k: members CSV import',
    results.importMs.r50k,
    'ms',
    importWhat ? `parseImportCsv + importMembers of ${importWhat.rows} generated rows into an empty DB; runs ${importWhat.runsMs.join(', ')} ms (parse ${importWhat.parseMs.join(', ')})` : 'parseImportCsv + importMembers, 50k generated rows, in the page',
  );
  check(
    '  import longest main-thread stall',
    results.importMaxStallMs.r50k,
    'ms',
    '≤ 200 (no freeze)',
    (v) => v <= 200,
    importWhat ? `median of the runs' longest 10 ms-timer gap: ${importWhat.maxStallMs.join(', ')} ms; longest task ${importWhat.longestTaskMs.join(', ')} ms; ${importWhat.progressCalls} progress calls` : 'a 10 ms interval timer’s longest gap during the import',
  );
  check('punchP95Ms: scan → punch committed+shown', results.punchP95Ms, 'ms', '≤ 25', (v) => v <= 25, `Enter → member → click at once → success shown (median ${results.scanPunchMedianMs.total})`);

  info('cameraChunkGzipKB: camera chunk (JS)', results.cameraChunkGzipKB, 'KB', 'loaded on the first tap on "Scan with camera", precached; html5-qrcode + the ZXing-C++ ponyfill');
  info('  camera decoder .wasm', results.cameraWasmGzipKB, 'KB', 'ZXing-C++, fetched with the chunk, precached');
  const camera = results.cameraScanToPunchP95Ms;
  const median = results.cameraScanMedianMs;
  info('cameraScanToPunchP95Ms QR', camera.qr, 'ms', `fake camera: video playing (card in view) → member → punch shown (median ${median.qr ?? 'n/a'})`);
  info('cameraScanToPunchP95Ms CODE128', camera.code128, 'ms', `same with a CODE128 card (median ${median.code128 ?? 'n/a'})`);

  const decoders = decoderRows(results.decoders);
  rows.push(...decoders.rows);
  check('decoders: wrong reads (both decoders)', decoders.wrong, 'reads', '= 0', (v) => v === 0, 'a read whose text is not the code’s');

  const push = results.syncPushDiagnostics;
  const pushWhat = `${PUSH_DEVICES} devices × ${PUSH_BATCHES} pushes of ${MAX_PUSH_MUTATIONS} events at once, app.request in process`;
  check('sync push PGlite', results.syncPushEventsPerSec.pglite, 'events/s', '≥ 2,000', (v) => v >= 2000, `${pushWhat}; one push median ${push.pushMedianMs.pglite ?? 'n/a'} ms`);
  info(
    'sync push PostgreSQL',
    results.syncPushEventsPerSec.postgres,
    'events/s',
    push.postgresSkipped ? `SKIPPED: ${push.postgresSkipped}` : `same, on 127.0.0.1:5432; one push median ${push.pushMedianMs.postgres ?? 'n/a'} ms`,
  );
  const first = results.firstSync;
  const firstSyncS = results.firstSyncMs.m100k === undefined ? undefined : results.firstSyncMs.m100k / 1000;
  const paged = first !== undefined && first.pages > 1 && first.loadingSeen && first.progressSeen;
  check(
    'first sync m100k',
    firstSyncS,
    's',
    'completes, paged, progress shown',
    () => paged,
    first
      ? `click Connect → "synced", ${first.members} members + ${first.events} events in IndexedDB; "loading" ${first.loadingSeen ? 'seen' : 'NOT seen'}, <progress> ${first.progressSeen ? 'seen' : 'NOT seen'}`
      : 'fresh tablet pairs through Settings and pulls everything',
  );
  info(
    '  first sync throughput',
    first?.changesPerSec,
    'changes/s',
    first && `${first.pages} pull pages of ≤ ${PULL_PAGE}; server: p95 ${first.serverWaitMs.p95Page} ms a page, ${round(first.serverWaitMs.total / 1000, 1)} s in all (the rest is the tablet)`,
  );
  info('serverRssMB: server peak RSS', results.serverRssMB, 'MB', 'VmHWM of the server process (server/main.ts on PGlite) at the end of the first sync');
  return { rows, budgets };
}
