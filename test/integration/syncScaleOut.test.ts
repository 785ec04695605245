import { afterEach, describe, expect, it } from 'vitest';
import { createBusiness, createPairingCode } from '../../server/repositories/businessRepository';
import { isDomainError } from '../../src/core/errors';
import { recordPunch, redeemReward } from '../../src/db/tillRepository';
import { enrollMember } from '../../src/db/memberRepository';
import { editMember } from '../../src/db/memberEdits';
import { saveSettings } from '../../src/db/settingsChanges';
import { getSyncLink } from '../../src/db/syncState';
import type { FetchLike } from '../../src/sync/transport';
import { createDistDir } from '../support/distDir';
import { createPostgresStore, postgresReachable } from '../support/serverDatabases';
import { spawnServer, type ServerProcess } from '../support/serverProcess';
import { overHttp, rawSyncClient } from '../support/syncServer';
import { expectConverged, syncUntilQuiet, Tablet } from '../support/tablets';

// Two server processes on one PostgreSQL database, behind a "load balancer" that sends every
// request of every tablet to either of them at random. Halfway, one process is replaced by a
// brand-new one that has never seen these tablets. If the server kept anything of its own
// beyond the database (a cursor, a sequence, a cache), the tablets would not converge.
// Rate limits are per process and in memory: expected, and generous enough here.

const reachable = await postgresReachable();
const TABLETS = 4;
const ROUNDS = 8;

/** A small seeded generator: the seed is printed (the interleaving of real requests still varies). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function tolerateRefusal(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!isDomainError(error)) throw error;
  }
}

describe.skipIf(!reachable)('two server processes on one PostgreSQL database', () => {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('tablets syncing through either process at random, concurrently, converge', { timeout: 90_000 }, async () => {
    const seed = Number(process.env.SCALE_OUT_SEED ?? Date.now() % 1_000_000);
    console.log(`syncScaleOut seed ${seed} (set SCALE_OUT_SEED to reuse it)`);
    const random = seeded(seed);

    const store = await createPostgresStore();
    cleanups.push(() => store.remove());
    const dist = createDistDir({ 'index.html': '<!doctype html>' });
    cleanups.push(dist.remove);
    const db = await store.open();
    cleanups.push(() => db.close());
    const business = await createBusiness(db, { name: 'Scaled café' });
    const codes = [business.code];
    for (let i = 1; i < TABLETS; i++) codes.push((await createPairingCode(db, business.shopId)).code);

    const start = () => spawnServer({ ...store.storage, distDir: dist.dir });
    const servers: ServerProcess[] = await Promise.all([start(), start()]);
    const everStarted = [...servers];
    cleanups.push(() => Promise.all(everStarted.map((s) => s.kill())));

    // The load balancer: each request to either live process, at random; counts what each served.
    const served = new Map<string, { push: number; pull: number; pair: number }>();
    const failures: string[] = [];
    // Requests on the wire per process: proof that both were busy with this business at once.
    const inFlight = new Map<string, number>();
    let bothBusy = 0;
    const balanced: FetchLike = async (url, init) => {
      const target = servers[Math.floor(random() * servers.length)]!;
      const path = new URL(url);
      inFlight.set(target.url, (inFlight.get(target.url) ?? 0) + 1);
      if ([...inFlight.values()].filter((n) => n > 0).length >= 2) bothBusy++;
      let response: Response;
      try {
        response = await fetch(`${target.url}${path.pathname}${path.search}`, init);
      } finally {
        inFlight.set(target.url, inFlight.get(target.url)! - 1);
      }
      const counts = served.get(target.url) ?? { push: 0, pull: 0, pair: 0 };
      served.set(target.url, counts);
      if (path.pathname.endsWith('/push')) counts.push++;
      else if (path.pathname.endsWith('/pull')) counts.pull++;
      else counts.pair++;
      if (!response.ok) failures.push(`${response.status} from ${target.url}${path.pathname}: ${await response.clone().text()}`);
      return response;
    };

    const tablets: Tablet[] = [];
    for (const [i, code] of codes.entries()) {
      // One address for all: the balancer behind it decides which process answers.
      const tablet = await new Tablet(`tablet ${i + 1}`, balanced, 0, 'http://punchline.test').start();
      cleanups.push(() => tablet.close());
      await tablet.pairWithCode(code);
      tablets.push(tablet);
    }

    /** One round of one tablet's till: sign-ups, punches, an edit, maybe a reward, then a sync. */
    async function work(tablet: Tablet, round: number, index: number): Promise<void> {
      for (let i = 0; i < 2; i++) {
        await enrollMember(tablet.ctx, { name: `${tablet.name} r${round} m${i}`, phone: '', email: '', marketingConsent: false, welcomeBonus: random() < 0.5 });
      }
      const members = (await tablet.ctx.db.members.toCollection().primaryKeys()) as string[];
      const pick = () => members[Math.floor(random() * members.length)]!;
      for (let i = 0; i < 12; i++) {
        await tolerateRefusal(() => recordPunch(tablet.ctx, { memberId: pick(), stamps: 1 + Math.floor(random() * 4), confirmedDespiteCooldown: true }));
      }
      await tolerateRefusal(() => editMember(tablet.ctx, pick(), { note: `note by ${tablet.name} in round ${round}` }));
      await tolerateRefusal(() => redeemReward(tablet.ctx, pick()));
      if (round === index) {
        await saveSettings(tablet.ctx, {
          program: { goal: 8 + round, rewardName: `Reward of round ${round}`, welcomeBonusStamps: 1, cooldownMinutes: 5 },
          shop: { name: 'Scaled café', country: 'HU', currency: 'HUF', locale: 'en' },
        });
      }
      const attempt = await tablet.sync();
      expect(attempt.ok, `${tablet.name} syncs in round ${round}`).toBe(true);
    }

    for (let round = 0; round < ROUNDS; round++) {
      if (round === ROUNDS / 2) {
        // A process goes away (a deploy) and a fresh one takes its place: no warm-up, no memory.
        const [retiring] = servers.splice(0, 1);
        const fresh = await start();
        everStarted.push(fresh);
        servers.push(fresh);
        expect(await retiring!.stop()).toBe(0);
      }
      await Promise.all(tablets.map((tablet, index) => work(tablet, round, index)));
    }
    await syncUntilQuiet(tablets);

    expect(failures).toEqual([]);
    expect(bothBusy, 'requests sent while the other process was still answering one').toBeGreaterThan(0);
    expect(served.size).toBe(3);
    for (const [url, counts] of served) {
      expect(counts.push, `pushes served by ${url}`).toBeGreaterThan(0);
      expect(counts.pull, `pulls served by ${url}`).toBeGreaterThan(0);
    }
    await expectConverged(db, business.businessId, tablets);
    const [events] = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM events WHERE business_id = $1', [business.businessId]);
    expect(Number(events!.n)).toBeGreaterThanOrEqual(TABLETS * ROUNDS * 10);

    // Both live processes answer a full pull identically, page for page.
    const { token } = (await getSyncLink(tablets[0]!.ctx))!;
    const [first, second] = await Promise.all(servers.map((server) => rawSyncClient(overHttp(server.url), token).pullAll(0, 97)));
    const { serverTime: _a, ...firstPull } = first!;
    const { serverTime: _b, ...secondPull } = second!;
    expect(secondPull).toEqual(firstPull);

    for (const server of servers) expect(await server.stop()).toBe(0);
  });
});
