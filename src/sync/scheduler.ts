import type { SyncAttempt } from './syncRun';

// When the leader tab syncs: at once when kicked (start, tab shown, back online, a local write,
// "sync now"), every half minute while things go well, and after a failure with capped
// exponential backoff and full jitter, so a shop's tablets do not hammer a server that just
// came back all in the same second.

export const SYNC_INTERVAL_MS = 30_000;
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_MAX_MS = 5 * 60_000;
const BACKOFF_MIN_MS = 1_000;

/** Delay before the next attempt after `failures` failures in a row (≥ 1). */
export function backoffDelay(failures: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 20));
  return Math.max(BACKOFF_MIN_MS, Math.round(random() * ceiling));
}

export interface SchedulerClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  random(): number;
}

const browserClock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  random: Math.random,
};

export interface SyncScheduler {
  /** Sync after `delayMs` (at once by default), unless an earlier attempt is already due. */
  kick(delayMs?: number): void;
  stop(): void;
}

export function createSyncScheduler(attempt: () => Promise<SyncAttempt>, clock: SchedulerClock = browserClock): SyncScheduler {
  let running = false;
  let kickedWhileRunning = false;
  let stopped = false;
  let failures = 0;
  let timer: unknown;
  let dueAt = Infinity;

  function schedule(delayMs: number): void {
    const nowMs = clock.now();
    if (stopped || nowMs + delayMs >= dueAt) return;
    if (timer !== undefined) clock.clearTimeout(timer);
    dueAt = nowMs + delayMs;
    timer = clock.setTimeout(run, delayMs);
  }

  async function run(): Promise<void> {
    timer = undefined;
    dueAt = Infinity;
    if (stopped) return;
    running = true;
    let outcome: SyncAttempt;
    try {
      outcome = await attempt();
    } catch (error) {
      console.error('Sync attempt failed unexpectedly', error);
      outcome = { ok: false };
    }
    running = false;
    failures = outcome.ok ? 0 : failures + 1;
    if (kickedWhileRunning) {
      kickedWhileRunning = false;
      schedule(0);
      return;
    }
    schedule(outcome.ok ? SYNC_INTERVAL_MS : Math.max(backoffDelay(failures, clock.random), outcome.retryAfterMs ?? 0));
  }

  return {
    kick(delayMs = 0) {
      if (running) kickedWhileRunning = true;
      else schedule(delayMs);
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clock.clearTimeout(timer);
    },
  };
}
