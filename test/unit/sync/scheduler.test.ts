import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, backoffDelay, createSyncScheduler, SYNC_INTERVAL_MS, type SchedulerClock } from '../../../src/sync/scheduler';
import type { SyncAttempt } from '../../../src/sync/syncRun';

/** Timers we fire by hand: the test says when time passes. */
class ManualClock implements SchedulerClock {
  nowMs = 0;
  timers: { at: number; run: () => void; id: number }[] = [];
  private ids = 0;
  constructor(private readonly randomValue = 0.5) {}
  now = () => this.nowMs;
  random = () => this.randomValue;
  setTimeout = (run: () => void, ms: number) => {
    const id = ++this.ids;
    this.timers.push({ at: this.nowMs + ms, run, id });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.timers = this.timers.filter((t) => t.id !== id);
  };
  /** Fires the next timer; returns the delay it was set for. */
  async fireNext(): Promise<number> {
    const next = this.timers.sort((a, b) => a.at - b.at).shift();
    if (!next) throw new Error('no timer');
    const delay = next.at - this.nowMs;
    this.nowMs = next.at;
    next.run();
    await new Promise((resolve) => setTimeout(resolve, 0));
    return delay;
  }
}

describe('sync scheduling', () => {
  it('backs off exponentially with full jitter, capped, never below a second', () => {
    expect(backoffDelay(1, () => 1)).toBe(2_000);
    expect(backoffDelay(3, () => 1)).toBe(8_000);
    expect(backoffDelay(30, () => 1)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(5, () => 0)).toBe(1_000);
    expect(backoffDelay(5, () => 0.5)).toBe(16_000);
  });

  it('syncs at once when kicked, every interval while it works, and backs off after failures', async () => {
    const clock = new ManualClock(1);
    const outcomes: SyncAttempt[] = [{ ok: true }, { ok: false }, { ok: false }, { ok: false, retryAfterMs: 60_000 }, { ok: true }];
    let calls = 0;
    const scheduler = createSyncScheduler(async () => outcomes[calls++] ?? { ok: true }, clock);
    scheduler.kick();
    expect(await clock.fireNext()).toBe(0);
    expect(await clock.fireNext()).toBe(SYNC_INTERVAL_MS);
    expect(await clock.fireNext()).toBe(2_000);
    expect(await clock.fireNext()).toBe(4_000);
    expect(await clock.fireNext()).toBe(60_000);
    expect(await clock.fireNext()).toBe(SYNC_INTERVAL_MS);
    expect(calls).toBe(6);
    scheduler.stop();
    expect(clock.timers).toHaveLength(0);
  });

  it('runs once more after a kick that came while it was running, and a kick brings a late attempt forward', async () => {
    const clock = new ManualClock();
    let release!: () => void;
    let calls = 0;
    const scheduler = createSyncScheduler(() => {
      calls++;
      return calls === 1 ? new Promise<SyncAttempt>((resolve) => (release = () => resolve({ ok: true }))) : Promise.resolve({ ok: true });
    }, clock);
    scheduler.kick();
    await clock.fireNext();
    scheduler.kick();
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await clock.fireNext()).toBe(0);
    expect(calls).toBe(2);
    scheduler.kick(1_000);
    expect(await clock.fireNext()).toBe(1_000);
    expect(calls).toBe(3);
  });
});
