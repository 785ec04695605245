// Scan → member → punch in the real app, driven from inside the page by page/appDriver.ts.

import { injectedDriverSource } from '../lib/benchBundles';
import { log } from '../lib/log';
import { p95 } from '../lib/stats';
import type { ScanPunchTiming } from '../page/appDriver';
// window.punchlineBench is typed by this file's `declare global`.
import type {} from '../page/inject';
import { memberSpec, type MemberSpec } from '../page/seedData';
import type { AppCase } from './appCase';

const PUNCH_WARMUP = 5;
const PUNCHES = 60;

export interface ScanPunchResult {
  samples: ScanPunchTiming[];
  rows: Record<string, number>;
}

/** Init script for this phase only: records every IndexedDB transaction's lifetime. */
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

export async function measureScanPunch(c: AppCase): Promise<ScanPunchResult> {
  log(`${c.label}: scan → member → punch, ${PUNCH_WARMUP} + ${PUNCHES} different members`);
  const { page } = c.browser;
  await c.browser.context.addInitScript({ content: TX_RECORDER });
  await page.reload({ waitUntil: 'load' });
  await page.waitForFunction(() => window.__benchReadyAt !== undefined);
  await page.evaluate(injectedDriverSource());
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
  const p = (f: (s: ScanPunchTiming) => number) => p95(samples.map(f)).toFixed(1);
  log(`${c.label}: p95 scan→member ${p((s) => s.scanToMemberMs)} ms, punch ${p((s) => s.punchMs)} ms, whole ${p((s) => s.totalMs)} ms`);
  return { samples, rows };
}
