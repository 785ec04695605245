import { mergeGroup, mergeLinksOf, rootsOf } from '../../src/core/mergeGroups';
import type { Hono } from 'hono';
import { expect } from 'vitest';
import { foldEvents } from '../../src/core/ledger';
import type { SyncedSettings } from '../../src/core/protocol';
import type { LedgerEvent, Member } from '../../src/core/types';
import type { DbContext } from '../../src/db/context';
import { PunchlineDatabase } from '../../src/db/database';
import { getOrCreateDevice } from '../../src/db/deviceRepository';
import { fromMemberRow } from '../../src/db/memberRows';
import { currentSyncedSettings } from '../../src/db/settingsRepository';
import { pairWithServer } from '../../src/sync/pairing';
import { syncAndRecord, type SyncAttempt } from '../../src/sync/syncRun';
import { createFetchTransport, type FetchLike } from '../../src/sync/transport';
import type { SqlDatabase } from '../../server/db/sqlDatabase';
import { createPairingCode } from '../../server/repositories/businessRepository';
import { TestClock } from './dbContext';

// Simulated tablets for sync tests: the real client code (repositories, sync engine, fetch
// transport) over fake-indexeddb, talking to a real server — in process through `app.request`,
// or over HTTP to a server process — through a fetch that can fail on purpose.

export const SERVER_URL = 'http://punchline.test';

/** A fetch into the in-process app. */
export function inProcessFetch(app: Hono): FetchLike {
  return async (url, init) => app.request(url, init);
}

export type Fault = 'none' | 'dropRequest' | 'dropResponse' | 'duplicate' | 'replayStale';

/**
 * A fetch that misbehaves as told, one fault per request: the request never arrives; it is
 * served but the answer is lost (the server committed, the tablet never hears); it arrives twice;
 * or an earlier request of this tablet arrives again first (a stale retry overtaking).
 */
export function faultyFetch(base: FetchLike, faults: Fault[]): FetchLike {
  const sent: { url: string; init: RequestInit }[] = [];
  let next = 0;
  return async (url, init) => {
    const fault = faults[next++] ?? 'none';
    const { signal: _signal, ...request } = init;
    if (fault === 'dropRequest') throw new TypeError('Failed to fetch (dropped on purpose)');
    if (fault === 'replayStale' && sent.length > 0) await base(sent[Math.floor(sent.length / 2)]!.url, sent[Math.floor(sent.length / 2)]!.init);
    sent.push({ url, init: request });
    const response = await base(url, request);
    if (fault === 'dropResponse') throw new TypeError('Failed to fetch (answer lost on purpose)');
    if (fault === 'duplicate') return base(url, request);
    return response;
  };
}

let tabletCounter = 0;

export class Tablet {
  ctx: DbContext;
  readonly clock: TestClock;
  private readonly dbName = `tablet-${Date.now()}-${tabletCounter++}`;

  constructor(
    readonly name: string,
    private readonly fetchBase: FetchLike,
    clockOffsetMs = 0,
    /** The address the tablet pairs with (and so syncs with): a real server's URL over HTTP. */
    readonly serverUrl = SERVER_URL,
  ) {
    this.clock = new TestClock(Date.now() + clockOffsetMs);
    this.ctx = this.open();
  }

  private open(): DbContext {
    let seed = tabletCounter * 7919;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    return { db: new PunchlineDatabase(this.dbName), now: this.clock.now, random };
  }

  async start(): Promise<this> {
    await getOrCreateDevice(this.ctx);
    return this;
  }

  async pair(db: SqlDatabase, shopId: string): Promise<void> {
    const { code } = await createPairingCode(db, shopId);
    await this.pairWithCode(code);
  }

  /** Pairs with a code made elsewhere (a server process whose database this test cannot open now). */
  async pairWithCode(code: string): Promise<void> {
    await pairWithServer(this.ctx, { serverUrl: this.serverUrl, code, deviceName: this.name }, this.fetchBase);
  }

  /** The app was killed and started again: nothing held in memory survives. */
  async restart(): Promise<void> {
    this.ctx.db.close();
    this.ctx = this.open();
    await getOrCreateDevice(this.ctx);
  }

  sync(faults: Fault[] = []): Promise<SyncAttempt> {
    return syncAndRecord(this.ctx, (link) => createFetchTransport(link, faultyFetch(this.fetchBase, faults)));
  }

  async snapshot() {
    const [members, events, summaries, outbox, settings] = await Promise.all([
      this.ctx.db.members.toArray(),
      this.ctx.db.events.toArray(),
      this.ctx.db.summaries.toArray(),
      this.ctx.db.outbox.count(),
      currentSyncedSettings(this.ctx),
    ]);
    return { members: members.map(fromMemberRow), events, summaries, outbox, settings };
  }

  close(): void {
    this.ctx.db.close();
  }
}

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));

/** What the server holds for a business, straight from its tables. */
export async function serverState(db: SqlDatabase, businessId: string) {
  const members = await db.query<{ record: Member }>('SELECT record FROM members WHERE business_id = $1', [businessId]);
  const events = await db.query<{ record: LedgerEvent }>('SELECT record FROM events WHERE business_id = $1', [businessId]);
  const [settings] = await db.query<{ record: SyncedSettings }>('SELECT record FROM business_settings WHERE business_id = $1', [businessId]);
  return { members: byId(members.map((r) => r.record)), events: byId(events.map((r) => r.record)), settings: settings?.record };
}

/** Every tablet equals the server: same members, same events (none lost, none twice), same balances. */
export async function expectConverged(db: SqlDatabase, businessId: string, tablets: Tablet[]): Promise<void> {
  const server = await serverState(db, businessId);
  for (const tablet of tablets) {
    const local = await tablet.snapshot();
    expect(local.outbox, `${tablet.name} has nothing left to push`).toBe(0);
    expect(byId(local.members), `${tablet.name} members`).toEqual(server.members);
    expect(byId(local.events), `${tablet.name} events`).toEqual(server.events);
    // A merged member's events count for the member it was merged into (core/duplicateMerge).
    const links = mergeLinksOf(server.members);
    const roots = [...new Set(rootsOf(new Set(server.events.map((e) => e.memberId)), links).values())].sort();
    const balances = roots.map((root) => {
      const group = new Set(mergeGroup(root, links));
      return foldEvents(root, server.events.filter((e) => group.has(e.memberId)));
    });
    expect([...local.summaries].sort((a, b) => (a.memberId < b.memberId ? -1 : 1)), `${tablet.name} balances`).toEqual(balances);
    if (server.settings) expect(local.settings, `${tablet.name} settings`).toEqual(server.settings);
  }
}

/** Syncs every tablet, without faults, until a whole round changes nothing. */
export async function syncUntilQuiet(tablets: Tablet[], maxRounds = 6): Promise<void> {
  for (let round = 0; round < maxRounds; round++) {
    let moved = false;
    for (const tablet of tablets) {
      const before = await tablet.ctx.db.sync.get('progress');
      const attempt = await tablet.sync();
      expect(attempt.ok, `${tablet.name} syncs`).toBe(true);
      const after = await tablet.ctx.db.sync.get('progress');
      if (JSON.stringify(before) !== JSON.stringify(after)) moved = true;
    }
    if (!moved) return;
  }
}
