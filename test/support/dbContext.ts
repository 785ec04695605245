import { PunchlineDatabase } from '../../src/db/database';
import type { DbContext } from '../../src/db/context';
import { getOrCreateDevice } from '../../src/db/deviceRepository';

/** A controllable clock: tests move time explicitly, nothing depends on the wall clock. */
export class TestClock {
  constructor(public ms = Date.parse('2026-11-23T09:00:00Z')) {}
  now = () => this.ms;
  advance(ms: number) {
    this.ms += ms;
  }
}

let counter = 0;

/** A fresh database in fake-indexeddb per test, with a seeded random source. */
export async function makeTestContext(clock = new TestClock()): Promise<DbContext & { clock: TestClock }> {
  const db = new PunchlineDatabase(`test-${Date.now()}-${counter++}`);
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const ctx = { db, now: clock.now, random, clock };
  await getOrCreateDevice(ctx);
  return ctx;
}
