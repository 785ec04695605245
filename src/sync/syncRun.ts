import { MAX_CLOCK_AHEAD_MS } from '../core/hlc';
import type { Rejection } from '../core/protocol';
import { isoAt, type DbContext } from '../db/context';
import { acknowledgePush, applyPulledPage, nextOutboxBatch, requeueEverything, rewindRunawayClock, setClockOffset } from '../db/syncRepository';
import { getSyncLink, getSyncProgress, pendingMutationCount, updateSyncStatus } from '../db/syncState';
import { SyncFailure, type SyncTransport } from './transport';

// One sync: push the outbox in batches, pull every page after the cursor, and push again what
// the till wrote meanwhile. Every step is committed locally before the next request, so a
// crash or a lost answer at any point only repeats work the server treats as idempotent.

export const PUSH_BATCH = 200;
export const PULL_PAGE = 1000;
/** Push–pull rounds per run: enough to flush writes made during a long first pull. */
const MAX_ROUNDS = 4;

export interface SyncRunResult {
  pushed: number;
  pulled: number;
  rejections: Rejection[];
}

/**
 * Server time minus ours, from a request's round trip, in whole milliseconds: HLC wall times
 * are built from it, and a fractional one (an odd round trip) would encode as "…684.5-…",
 * which the server refuses as a malformed HLC.
 */
function offsetFrom(serverTime: string, sentMs: number, receivedMs: number): number {
  return Math.round(Date.parse(serverTime) - (sentMs + receivedMs) / 2);
}

async function pushOutbox(ctx: DbContext, transport: SyncTransport, result: SyncRunResult): Promise<void> {
  for (;;) {
    const batch = await nextOutboxBatch(ctx, PUSH_BATCH);
    if (batch.length === 0) return;
    const sentMs = ctx.now();
    const response = await transport.push(batch);
    await setClockOffset(ctx, offsetFrom(response.serverTime, sentMs, ctx.now()));
    result.rejections.push(...response.rejections);
    const { ackedMid } = await getSyncProgress(ctx);
    if (response.lastMid < ackedMid) {
      // The server forgot mutations it had acknowledged: it was restored from a backup.
      await requeueEverything(ctx, response.lastMid);
      continue;
    }
    if (response.lastMid === ackedMid) throw new SyncFailure('server', `The server applied none of mutations ${batch[0]!.mid}–${batch.at(-1)!.mid}`);
    await acknowledgePush(ctx, response.lastMid);
    result.pushed += response.lastMid - ackedMid;
  }
}

/** Pulls to the end; false when the server turned out to have lost data (everything requeued). */
async function pullAll(ctx: DbContext, transport: SyncTransport, result: SyncRunResult): Promise<boolean> {
  for (;;) {
    const progress = await getSyncProgress(ctx);
    const sentMs = ctx.now();
    const page = await transport.pull(progress.cursor, PULL_PAGE);
    await setClockOffset(ctx, offsetFrom(page.serverTime, sentMs, ctx.now()));
    if (page.restored || page.headSeq < progress.cursor || page.lastMid < progress.ackedMid) {
      await requeueEverything(ctx, page.lastMid);
      return false;
    }
    await applyPulledPage(ctx, page);
    result.pulled += page.changes.length;
    result.rejections = mergeRejections(result.rejections, page.rejections);
    if (!page.more) return true;
  }
}

function mergeRejections(a: Rejection[], b: Rejection[]): Rejection[] {
  const byMid = new Map([...a, ...b].map((r) => [r.mid, r]));
  return [...byMid.values()].sort((x, y) => y.mid - x.mid).slice(0, 50);
}

export async function runSync(ctx: DbContext, transport: SyncTransport): Promise<SyncRunResult> {
  const result: SyncRunResult = { pushed: 0, pulled: 0, rejections: [] };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    await pushOutbox(ctx, transport, result);
    const complete = await pullAll(ctx, transport, result);
    if (complete && (await pendingMutationCount(ctx)) === 0) {
      await rewindRunawayClock(ctx, MAX_CLOCK_AHEAD_MS);
      break;
    }
  }
  return result;
}

/** What the next attempt should wait for: the scheduler's input. */
export interface SyncAttempt {
  ok: boolean;
  retryAfterMs?: number;
}

/**
 * One attempt as the status indicator sees it: nothing when unpaired; otherwise a run whose
 * outcome (success, offline since when, or the error and why) is written for every tab to show.
 */
export async function syncAndRecord(ctx: DbContext, transportFor: (link: { serverUrl: string; token: string }) => SyncTransport): Promise<SyncAttempt> {
  const link = await getSyncLink(ctx);
  if (!link) return { ok: true };
  await updateSyncStatus(ctx, (status) => ({ ...status, running: true }));
  try {
    const result = await runSync(ctx, transportFor(link));
    const at = isoAt(ctx.now());
    await updateSyncStatus(ctx, (status) => ({
      key: 'status',
      running: false,
      lastSuccessAt: at,
      rejections: mergeRejections(status.rejections, result.rejections),
    }));
    return { ok: true };
  } catch (error) {
    const failure = error instanceof SyncFailure ? error : new SyncFailure('server', error instanceof Error ? error.message : String(error));
    if (!(error instanceof SyncFailure)) console.error('Sync failed', error);
    const at = isoAt(ctx.now());
    await updateSyncStatus(ctx, (status) => ({
      ...status,
      running: false,
      offlineSince: failure.kind === 'offline' ? (status.offlineSince ?? at) : status.offlineSince,
      error: { code: failure.kind, message: failure.message, at },
    }));
    return { ok: false, ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}) };
  }
}
