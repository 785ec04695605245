import type { DbContext } from '../db/context';
import { createSyncScheduler, type SyncScheduler } from './scheduler';

// Runs the sync engine in one tab at a time: every tab asks for the same Web Lock and the one
// holding it leads until it closes, when the next tab in line takes over. Other tabs pass their
// kicks ("sync now", a local write) to the leader over a BroadcastChannel. The till never waits
// for any of this: it writes to IndexedDB, and the outbox carries the change.

const LEADER_LOCK = 'punchline-sync-leader';
const CHANNEL_NAME = 'punchline-sync';
/** Writes in a burst (a punch, then its undo) go up together. */
const AFTER_WRITE_DELAY_MS = 1_000;
/** The first sync waits for the till to be drawn and ready for its first scan. */
const AFTER_START_DELAY_MS = 1_000;

export interface SyncHandle {
  /** "Sync now", or right after pairing. */
  syncNow(): void;
  /** A local write was committed: push it shortly. */
  afterLocalWrite(): void;
}

export function startSync(ctx: DbContext): SyncHandle {
  let scheduler: SyncScheduler | undefined;
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : undefined;
  channel?.addEventListener('message', (event: MessageEvent<{ delayMs?: number }>) => scheduler?.kick(event.data.delayMs ?? 0));

  function kick(delayMs: number): void {
    if (scheduler) scheduler.kick(delayMs);
    else channel?.postMessage({ delayMs });
  }

  function lead(): Promise<never> {
    scheduler = createSyncScheduler(async () => (await import('./engine')).syncOverHttp(ctx));
    scheduler.kick(AFTER_START_DELAY_MS);
    // Held for the life of this tab.
    return new Promise<never>(() => undefined);
  }

  // Web Locks exist only in secure contexts (https, localhost), as do service workers; without
  // them every tab syncs, which the protocol tolerates (mids are idempotent) at some waste.
  if (navigator.locks) void navigator.locks.request(LEADER_LOCK, lead);
  else void lead();

  // navigator.onLine is only a hint: coming online triggers an attempt, going offline stops none.
  window.addEventListener('online', () => scheduler?.kick());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') scheduler?.kick();
  });

  return { syncNow: () => kick(0), afterLocalWrite: () => kick(AFTER_WRITE_DELAY_MS) };
}
