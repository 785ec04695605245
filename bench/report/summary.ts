// The figures written to latest.json, summarised from the samples of every case.

import { cpus } from 'node:os';
import { CHROMIUM_PATH } from '../../test/e2e/support/environment';
import type { AppCase } from '../cases/appCase';
import type { CameraScanResult } from '../cases/cameraScan';
import type { DecoderResult } from '../cases/decoders';
import type { FirstSyncResult } from '../cases/firstSync';
import type { LookupResult } from '../cases/lookups';
import type { MemberExportResult } from '../cases/memberExport';
import type { MemberImportResult } from '../cases/memberImport';
import type { ScanPunchResult } from '../cases/scanPunch';
import type { PushOutcome, PushResult } from '../cases/syncPush';
import type { BundleReport, lazyFeatureSize } from '../lib/bundleSize';
import type { Startup } from '../lib/startupMarks';
import { median, p95, round } from '../lib/stats';
import type { ScanPunchTiming } from '../page/appDriver';
import type { Samples } from '../page/lookupBench';
import { decoderFigures } from './decoders';

export interface ReportInput {
  bundle: BundleReport;
  /** Every case that was set up, including those a later step failed on. */
  cases: AppCase[];
  scanPunch: ScanPunchResult | undefined;
  lookups: { m1k: LookupResult | undefined; m100k: LookupResult | undefined };
  memberExport?: MemberExportResult | undefined;
  memberImport?: MemberImportResult | undefined;
  decoders?: DecoderResult | undefined;
  camera: CameraFigures;
  sync: SyncFigures;
  errors: string[];
}

export interface CameraFigures {
  chunk: ReturnType<typeof lazyFeatureSize>;
  qr?: CameraScanResult;
  code128?: CameraScanResult;
}

export interface SyncFigures {
  push: { pglite?: PushResult; postgres?: PushOutcome };
  firstSync?: FirstSyncResult;
}

export const kb = (bytes: number) => round(bytes / 1024, 2);

const p95Of = (s: Samples | undefined) => (s ? round(p95(s.ms), 2) : undefined);
const medianOf = (values: (number | undefined)[]) => {
  const defined = values.filter((v): v is number => v !== undefined && !Number.isNaN(v));
  return defined.length ? round(median(defined), 1) : undefined;
};
const readyMedian = (samples: Startup[] | undefined) => medianOf(samples?.map((s) => s.readyMs) ?? []);

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

const cameraP95 = (c: CameraScanResult | undefined) => (c ? round(c.p95Ms, 1) : undefined);
const cameraMedian = (c: CameraScanResult | undefined) => (c ? round(c.medianMs, 1) : undefined);

const lookupFigures = (c: LookupResult | undefined) =>
  c && {
    ...Object.fromEntries(Object.entries(c.app).map(([k, s]) => [k, p95Of(s)])),
    rawFloor: p95Of(c.raw.card),
    rawFloorPhone: p95Of(c.raw.phone),
    rawFloorName: p95Of(c.raw.name),
  };
const perKind = (c: LookupResult | undefined, f: (s: Samples) => number) => c && Object.fromEntries(Object.entries(c.app).map(([k, s]) => [k, round(f(s), 2)]));

const pushed = (p: PushOutcome | undefined) => (p && !('skipped' in p) ? p : undefined);

function pushFigures(push: SyncFigures['push']) {
  const [pglite, postgres] = [pushed(push.pglite), pushed(push.postgres)];
  const each = (f: (p: PushResult) => number) => ({ pglite: pglite && round(f(pglite), 0), postgres: postgres && round(f(postgres), 0) });
  return {
    syncPushEventsPerSec: each((p) => p.eventsPerSec),
    syncPushDiagnostics: {
      events: each((p) => p.events),
      seconds: { pglite: pglite && round(pglite.ms / 1000, 1), postgres: postgres && round(postgres.ms / 1000, 1) },
      pushMedianMs: each((p) => median(p.pushMs)),
      pushP95Ms: each((p) => p95(p.pushMs)),
      postgresSkipped: push.postgres && 'skipped' in push.postgres ? push.postgres.skipped : undefined,
    },
  };
}

function firstSyncFigures(s: FirstSyncResult | undefined) {
  if (!s) return { firstSyncMs: { m100k: undefined }, serverRssMB: undefined, firstSync: undefined };
  const afterClick = s.marks.transitions.filter((t) => t.at >= s.marks.clickAt!);
  const waits = s.pages.map((p) => p.waitMs);
  const changes = s.members + s.events;
  return {
    firstSyncMs: { m100k: round(s.ms, 0) },
    serverRssMB: s.serverMemory.peak && round(s.serverMemory.peak.peakMB, 0),
    firstSync: {
      members: s.members,
      events: s.events,
      rowsAfter: s.rows,
      pages: s.pages.length,
      changesPerSec: round((changes / s.ms) * 1000, 0),
      loadingSeen: afterClick.some((t) => t.state === 'loading'),
      progressSeen: s.marks.progressSeen,
      percentsShown: s.marks.percents.length,
      indicatorStates: afterClick.map((t) => `${t.state} @${round((t.at - s.marks.clickAt!) / 1000, 1)}s`),
      // The server's share of the sync (request → first byte, per page); the rest is the tablet.
      serverWaitMs: { total: round(waits.reduce((a, b) => a + b, 0), 0), medianPage: round(median(waits), 1), p95Page: round(p95(waits), 1), maxPage: round(Math.max(...waits), 1) },
      serverSeedSeconds: round(s.seedMs / 1000, 1),
      serverRssBeforeMB: s.serverMemory.before && round(s.serverMemory.before.rssMB, 0),
      serverRssEndMB: s.serverMemory.peak && round(s.serverMemory.peak.rssMB, 0),
      serverRssSamplesMB: s.serverMemory.rssSamplesMB.filter((_, k, all) => k % Math.max(1, Math.ceil(all.length / 60)) === 0),
    },
  };
}

export function summarise(input: ReportInput) {
  const { bundle, cases, scanPunch } = input;
  const { m1k: l1k, m100k: l100k } = input.lookups;
  const warmByLabel = new Map(cases.map((c) => [c.label, c.warm]));
  const coldByLabel = new Map(cases.filter((c) => c.cold.length).map((c) => [c.label, c.cold]));
  const sp = scanPunch?.samples;
  const spP95 = (f: (s: ScanPunchTiming) => number) => (sp ? round(p95(sp.map(f)), 2) : undefined);
  const spMedian = (f: (s: ScanPunchTiming) => number) => (sp ? round(median(sp.map(f)), 2) : undefined);

  return {
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
    lookupMedianMs: { m1k: perKind(l1k, (s) => median(s.ms)), m100k: perKind(l100k, (s) => median(s.ms)) },
    lookupMisses: { m1k: perKind(l1k, (s) => s.misses), m100k: perKind(l100k, (s) => s.misses) },
    lookupMeanResults: { m1k: perKind(l1k, (s) => s.meanResults), m100k: perKind(l100k, (s) => s.meanResults) },
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
    punchClickToShownP95Ms: spP95((s) => s.punchMs),
    // The punchP95Ms: Enter of a wedge scan → punch committed and shown.
    punchP95Ms: spP95((s) => s.totalMs),
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
    // The owner's CSV export of all 100k members: median time in the page, the page's peak JS heap.
    exportMs: { m100k: input.memberExport && round(median(input.memberExport.ms), 0) },
    exportPeakHeapMB: { m100k: input.memberExport && round(input.memberExport.peakHeapMB, 1) },
    exportDiagnostics: input.memberExport && {
      runsMs: input.memberExport.ms.map((ms) => round(ms, 0)),
      rows: input.memberExport.rows,
      fileMB: round(input.memberExport.bytes / 2 ** 20, 1),
      baselineHeapMB: round(input.memberExport.baselineHeapMB, 1),
      readFloorMs: round(input.memberExport.readFloorMs, 0),
      rawReadMs: input.memberExport.rawReadMs && {
        members: round(input.memberExport.rawReadMs.members, 0),
        summaries: round(input.memberExport.rawReadMs.summaries, 0),
        events: round(input.memberExport.rawReadMs.events, 0),
      },
    },
    // The owner's CSV import of a generated 50k-row file: median time in the page, and the
    // longest the page's main thread was held (a 10 ms interval timer's longest gap).
    importMs: { r50k: input.memberImport && round(median(input.memberImport.runs.map((r) => r.ms)), 0) },
    importMaxStallMs: { r50k: input.memberImport && round(median(input.memberImport.runs.map((r) => r.maxGapMs)), 0) },
    importDiagnostics: input.memberImport && {
      rows: input.memberImport.rows,
      runsMs: input.memberImport.runs.map((r) => round(r.ms, 0)),
      parseMs: input.memberImport.runs.map((r) => round(r.parseMs, 0)),
      maxStallMs: input.memberImport.runs.map((r) => round(r.maxGapMs, 0)),
      longestTaskMs: input.memberImport.runs.map((r) => round(r.longestTaskMs, 0)),
      stallsOver100: input.memberImport.runs.map((r) => r.gapsOver100),
      blockingMs: input.memberImport.runs.map((r) => round(r.blockingMs, 0)),
      imported: input.memberImport.runs[0]?.imported,
      duplicates: input.memberImport.runs[0]?.duplicates,
      errors: input.memberImport.runs[0]?.errors,
      progressCalls: input.memberImport.runs[0]?.progressCalls,
    },
    seedSeconds: Object.fromEntries(cases.map((c) => [c.label, c.seedMs === undefined ? undefined : round(c.seedMs / 1000, 1)])),
    storageMBAfterSeed: Object.fromEntries(cases.map((c) => [c.label, c.storageBytes === undefined ? undefined : round(c.storageBytes / 2 ** 20, 1)])),
    decoders: decoderFigures(input.decoders),
    // The camera: what its chunk and decoder cost on first use, and card in view → punch shown.
    cameraChunkGzipKB: kb(input.camera.chunk.jsGzipBytes),
    cameraWasmGzipKB: kb(input.camera.chunk.wasmGzipBytes),
    cameraScanToPunchP95Ms: { qr: cameraP95(input.camera.qr), code128: cameraP95(input.camera.code128) },
    cameraScanMedianMs: { qr: cameraMedian(input.camera.qr), code128: cameraMedian(input.camera.code128) },
    ...pushFigures(input.sync.push),
    ...firstSyncFigures(input.sync.firstSync),
  };
}

export type Summary = ReturnType<typeof summarise>;
