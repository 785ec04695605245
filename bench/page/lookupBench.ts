// The lookup bench page (built by vite from bench/page, served on its own origin by bench/cases/lookups.ts).
// It calls the app's real lookup code (src/db/lookup) on the app's real schema (src/db/database),
// and measures the raw IndexedDB floor for the same reads in the same page.

import Dexie from 'dexie';
import { foldText, nameWords, reverseDigits } from '../../src/core/search';
import type { DbContext } from '../../src/db/context';
import { DATABASE_NAME, PunchlineDatabase, type MemberRow } from '../../src/db/database';
import { findMemberByCode, lookupMembers, LOOKUP_LIMIT } from '../../src/db/lookup';
import { exportMembersCsv } from '../../src/db/memberExport';
import { guessColumnMapping } from '../../src/core/memberImport';
import { getOrCreateDevice } from '../../src/db/deviceRepository';
import { importMembers, parseImportCsv } from '../../src/db/memberImport';
import { countRows, generateMember, memberSpec, openExisting, rngFor, seedRaw, type MemberSpec } from './seedData';

/** The shop country the till parses typed phone numbers in (DEFAULT_SHOP). */
const COUNTRY = 'HU';

export const LOOKUP_KINDS = ['card', 'cardScan', 'phone', 'phoneSuffix', 'name', 'namePrefix', 'nameAbbrev'] as const;
export type LookupKind = (typeof LOOKUP_KINDS)[number];
export const RAW_KINDS = ['card', 'phone', 'name'] as const;
export type RawKind = (typeof RAW_KINDS)[number];

export interface Samples {
  ms: number[];
  /** Lookups whose results did not include the target member (expected only past LOOKUP_LIMIT). */
  misses: number;
  /** Mean number of members returned. */
  meanResults: number;
}

export interface RunOptions {
  /** Members in the database: targets are drawn from [0, n). */
  n: number;
  count: number;
  warmup: number;
  seed: number;
}

let context: DbContext | undefined;
function ctx(): DbContext {
  context ??= { db: new PunchlineDatabase(), now: Date.now, random: Math.random };
  return context;
}

/** Random existing members; those without a phone are skipped for phone queries. */
function targets(options: RunOptions, salt: number, needPhone: boolean): MemberSpec[] {
  const random = rngFor(options.seed, salt);
  const out: MemberSpec[] = [];
  while (out.length < options.count + options.warmup) {
    const spec = memberSpec(Math.floor(random() * options.n));
    if (!needPhone || spec.phoneE164) out.push(spec);
  }
  return out;
}

/** What the cashier types (or the scanner sends) for each kind of lookup. */
function queryFor(kind: LookupKind, spec: MemberSpec): string {
  const words = nameWords(spec.name);
  switch (kind) {
    case 'card':
    case 'cardScan':
      return spec.cardCode;
    case 'phone':
      return spec.phoneTyped!;
    case 'phoneSuffix':
      return spec.phoneE164!.slice(-4);
    case 'name':
      // The whole name, typed without accents: "nagy eva", "σοφια παπαδοπουλου".
      return words.join(' ');
    case 'namePrefix':
      // What is in the box while typing the whole name: "nagy e".
      return words.length > 1 ? `${words[0]} ${words[1]!.slice(0, 1)}` : words[0]!.slice(0, 3);
    case 'nameAbbrev':
      // Both words abbreviated on purpose: "nag ev" (the slower, intersecting path).
      return words
        .slice(0, 2)
        .map((w, k) => w.slice(0, k === 0 ? 3 : 2))
        .join(' ');
  }
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

let rawDb: IDBDatabase | undefined;

/** indexedDB.open of the app's database, then one small get: call it first to time a cold open. */
async function rawOpen(): Promise<{ openMs: number; firstGetMs: number }> {
  const t0 = performance.now();
  rawDb ??= await openExisting(DATABASE_NAME);
  const t1 = performance.now();
  await request(rawDb.transaction('device', 'readonly').objectStore('device').get('self'));
  return { openMs: t1 - t0, firstGetMs: performance.now() - t1 };
}

/** One lookup through the app's code; the card numbers of the members it found. */
async function appOnce(kind: LookupKind, spec: MemberSpec): Promise<string[][]> {
  const query = queryFor(kind, spec);
  if (kind === 'cardScan') {
    const member = await findMemberByCode(ctx(), query);
    return member ? [member.cardCodes] : [];
  }
  return (await lookupMembers(ctx(), query, COUNTRY)).members.map((m) => m.cardCodes);
}

/**
 * The floor: the same index reads with raw IndexedDB, one readonly transaction per lookup on a
 * connection opened once (as Dexie keeps its connection): `cardCodes` get, `phoneRev` prefix
 * range (≤ LOOKUP_LIMIT rows), `namePhrases` prefix range on the typed words (≤ LOOKUP_LIMIT rows).
 */
async function rawOnce(kind: RawKind, spec: MemberSpec): Promise<string[][]> {
  rawDb ??= await openExisting(DATABASE_NAME);
  const store = rawDb.transaction('members', 'readonly').objectStore('members');
  if (kind === 'card') {
    const row = await request<MemberRow | undefined>(store.index('cardCodes').get(spec.cardCode));
    return row ? [row.cardCodes] : [];
  }
  const prefix = kind === 'phone' ? reverseDigits(spec.phoneE164!) : nameWords(spec.name).join(' ');
  const index = store.index(kind === 'phone' ? 'phoneRev' : 'namePhrases');
  const rows = await request<MemberRow[]>(index.getAll(IDBKeyRange.bound(prefix, `${prefix}\uffff`), LOOKUP_LIMIT));
  return rows.map((r) => r.cardCodes);
}

interface Accumulator {
  targets: MemberSpec[];
  ms: number[];
  misses: number;
  results: number;
}

function accumulator(options: RunOptions, salt: number, needPhone: boolean): Accumulator {
  return { targets: targets(options, salt, needPhone), ms: [], misses: 0, results: 0 };
}

async function timeOne(acc: Accumulator, j: number, warmup: number, checkMiss: boolean, run: (spec: MemberSpec) => Promise<string[][]>): Promise<void> {
  const spec = acc.targets[j]!;
  const t0 = performance.now();
  const found = await run(spec);
  const t1 = performance.now();
  if (j < warmup) return;
  acc.ms.push(t1 - t0);
  acc.results += found.length;
  if (checkMiss && !found.some((codes) => codes.includes(spec.cardCode))) acc.misses += 1;
}

const samples = (acc: Accumulator): Samples => ({ ms: acc.ms, misses: acc.misses, meanResults: acc.ms.length ? acc.results / acc.ms.length : 0 });

/**
 * App lookups and raw floor reads interleaved (one of each kind per round), so that drift in
 * machine load or caches hits our figures and the floor alike. Each kind has its own random
 * targets (a raw read never warms the exact row an app lookup then reads).
 */
async function compare(
  options: RunOptions,
  appKinds: readonly LookupKind[] = LOOKUP_KINDS,
  rawKinds: readonly RawKind[] = RAW_KINDS,
): Promise<{ app: Record<string, Samples>; raw: Record<string, Samples> }> {
  await ctx().db.open();
  const app = appKinds.map((kind, k) => [kind, accumulator(options, 100 + k, kind === 'phone' || kind === 'phoneSuffix')] as const);
  const raw = rawKinds.map((kind, k) => [kind, accumulator(options, 200 + k, kind === 'phone')] as const);
  for (let j = 0; j < options.count + options.warmup; j++) {
    for (const [kind, acc] of app) await timeOne(acc, j, options.warmup, true, (spec) => appOnce(kind, spec));
    // The name floor reads any 20 rows of the probe word, not the member's: no miss count.
    for (const [kind, acc] of raw) await timeOne(acc, j, options.warmup, kind !== 'name', (spec) => rawOnce(kind, spec));
  }
  return {
    app: Object.fromEntries(app.map(([kind, acc]) => [kind, samples(acc)])),
    raw: Object.fromEntries(raw.map(([kind, acc]) => [kind, samples(acc)])),
  };
}

async function lookups(options: RunOptions, kinds: readonly LookupKind[] = LOOKUP_KINDS): Promise<Record<string, Samples>> {
  return (await compare(options, kinds, [])).app;
}

async function rawFloor(options: RunOptions, kinds: readonly RawKind[] = RAW_KINDS): Promise<Record<string, Samples>> {
  return (await compare(options, [], kinds)).raw;
}

/** Creates the database with the app's Dexie schema, then writes members [start, start+count). */
async function seed(n: number, start = 0, nowMs = Date.now()) {
  const db = new PunchlineDatabase();
  await db.open();
  db.close();
  return seedRaw(DATABASE_NAME, start, n - start, nowMs);
}

/** What the import bench reports (bench/cases/memberImport.ts). */
export interface ImportBenchResult {
  /** parseImportCsv + importMembers, in the page. */
  ms: number;
  parseMs: number;
  /** From the start to the first "writing" progress: parsing and checking every row. */
  checkMs: number;
  rows: number;
  imported: number;
  duplicates: number;
  errors: number;
  /** Members in the database afterwards. */
  members: number;
  progressCalls: number;
  /** The longest gap between ticks of a 10 ms interval timer: how long the page could not react. */
  maxGapMs: number;
  /** Gaps of more than 100 ms, and their sum beyond 50 ms each (blocking time). */
  gapsOver100: number;
  blockingMs: number;
  /** The longest "longtask" the PerformanceObserver saw (0 when it reports none). */
  longestTaskMs: number;
}

/** A members CSV as another loyalty system might give it: the export's headers, typed phone numbers, real card numbers. */
function importCsv(rows: number, offset: number): string {
  const lines = ['Name,Phone,Email,Card numbers,Marketing consent,Joined'];
  for (let i = offset; i < offset + rows; i++) {
    const spec = memberSpec(i);
    const r = rngFor(i, 7);
    const email = r() < 0.5 ? `member.${i}@example.com` : '';
    const joined = new Date(Date.UTC(2020, 0, 1) + Math.floor(r() * 1_500) * 86_400_000).toISOString().slice(0, 10);
    const name = spec.name.includes(',') ? `"${spec.name}"` : spec.name;
    lines.push(`${name},${spec.phoneTyped ?? ''},${email},${spec.cardCode},${r() < 0.4 ? 'yes' : 'no'},${joined}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Watches the main thread: a 10 ms interval timer's gaps, and long tasks. */
function stallMonitor() {
  let last = performance.now();
  let maxGap = 0;
  let over100 = 0;
  let blocking = 0;
  const tick = () => {
    const t = performance.now();
    const gap = t - last;
    last = t;
    maxGap = Math.max(maxGap, gap);
    if (gap > 100) over100++;
    if (gap > 50) blocking += gap - 50;
  };
  const timer = setInterval(tick, 10);
  let longest = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
  });
  try {
    observer.observe({ type: 'longtask' });
  } catch {
    // no long task timing here
  }
  return {
    stop() {
      tick();
      clearInterval(timer);
      for (const entry of observer.takeRecords()) longest = Math.max(longest, entry.duration);
      observer.disconnect();
      return { maxGapMs: maxGap, gapsOver100: over100, blockingMs: blocking, longestTaskMs: longest };
    },
  };
}

/** The app's CSV import of `rows` generated members into a new, empty database of the app's schema (deleted afterwards). */
async function importBench(rows: number): Promise<ImportBenchResult> {
  const name = `punchline-import-bench-${Date.now()}`;
  const db = new PunchlineDatabase(name);
  const importCtx: DbContext = { db, now: Date.now, random: Math.random };
  try {
    await getOrCreateDevice(importCtx);
    const text = importCsv(rows, 0);
    // Let the page settle (the text's garbage, the database open) before watching.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const monitor = stallMonitor();
    let progressCalls = 0;
    const t0 = performance.now();
    const file = parseImportCsv(text);
    const t1 = performance.now();
    let writingAt: number | undefined;
    const outcome = await importMembers(importCtx, file, guessColumnMapping(file.headers), (progress) => {
      progressCalls++;
      if (progress.phase === 'writing') writingAt ??= performance.now();
    });
    const t2 = performance.now();
    // One more turn, so a stall at the very end is seen too.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const stalls = monitor.stop();
    const members = await db.members.count();
    return { ms: t2 - t0, parseMs: t1 - t0, checkMs: (writingAt ?? t2) - t0, rows, imported: outcome.imported.length, duplicates: outcome.duplicates, errors: outcome.errors, members, progressCalls, ...stalls };
  } finally {
    db.close();
    await Dexie.delete(name);
  }
}

const api = {
  seed,
  importBench,
  compare,
  lookups,
  rawFloor,
  rawOpen,
  counts: () => countRows(DATABASE_NAME),
  /** The app's CSV export of every member (consenting or not): ms in the page, rows and bytes of the file. */
  async exportMembers(): Promise<{ ms: number; rows: number; bytes: number }> {
    const t0 = performance.now();
    const file = await exportMembersCsv(ctx(), { consentingOnly: false, delimiter: 'auto' });
    return { ms: performance.now() - t0, rows: file.rows, bytes: file.blob.size };
  },
  /** The export's reads alone (the same chunks and key ranges through Dexie, no rows built): its floor. */
  async exportReadFloor(): Promise<number> {
    const { db } = ctx();
    const t0 = performance.now();
    let lastId: string | undefined;
    for (;;) {
      const members = await db.transaction('r', [db.members, db.summaries, db.events], async () => {
        const chunk = await (lastId === undefined ? db.members.orderBy(':id') : db.members.where(':id').above(lastId)).limit(1_000).toArray();
        if (chunk.length === 0) return chunk;
        const [first, last] = [chunk[0]!.id, chunk.at(-1)!.id];
        await Promise.all([db.summaries.where(':id').between(first, last, true, true).toArray(), db.events.where('memberId').between(first, last, true, true).toArray()]);
        return chunk;
      });
      if (members.length < 1_000) break;
      lastId = members.at(-1)!.id;
    }
    return performance.now() - t0;
  },
  /** The same reads in raw IndexedDB (getAll on key ranges), without Dexie: where the read time goes. */
  async exportRawReadFloor(): Promise<{ members: number; summaries: number; events: number; total: number }> {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(DATABASE_NAME);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const get = <T>(req: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((req.onsuccess = () => resolve(req.result)), (req.onerror = () => reject(req.error))));
    const ms = { members: 0, summaries: 0, events: 0, total: 0 };
    const t0 = performance.now();
    let lastId: string | undefined;
    for (;;) {
      const tx = db.transaction(['members', 'summaries', 'events'], 'readonly');
      let t = performance.now();
      const chunk = await get(tx.objectStore('members').getAll(lastId === undefined ? null : IDBKeyRange.lowerBound(lastId, true), 1_000));
      ms.members += performance.now() - t;
      if (chunk.length === 0) break;
      const range = IDBKeyRange.bound(chunk[0].id, chunk.at(-1).id);
      t = performance.now();
      await get(tx.objectStore('summaries').getAll(range));
      ms.summaries += performance.now() - t;
      t = performance.now();
      await get(tx.objectStore('events').index('memberId').getAll(range));
      ms.events += performance.now() - t;
      if (chunk.length < 1_000) break;
      lastId = chunk.at(-1).id;
    }
    ms.total = performance.now() - t0;
    db.close();
    return ms;
  },
  /** Diagnostics: ms to generate members [start, start+count) without writing them. */
  generateOnly(start: number, count: number): number {
    const t0 = performance.now();
    for (let i = start; i < start + count; i++) generateMember(i, Date.now());
    return performance.now() - t0;
  },
  /** Sanity check that the page folds text like the app (it is the app's code). */
  fold: foldText,
};

export type LookupBenchApi = typeof api;

declare global {
  interface Window {
    bench?: LookupBenchApi;
  }
}

window.bench = api;
document.documentElement.dataset.benchReady = 'true';
