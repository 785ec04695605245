import { afterEach, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { createBusiness } from '../../server/repositories/businessRepository';
import { openPglite } from '../../server/db/pglite';
import { openPostgres } from '../../server/db/postgres';
import type { SqlDatabase } from '../../server/db/sqlDatabase';
import type { LedgerEvent, Member } from '../../src/core/types';
import { recordPunch, redeemReward, voidEntry } from '../../src/db/tillRepository';
import { enrollMember } from '../../src/db/memberRepository';
import { editMember } from '../../src/db/memberEdits';
import { saveSettings } from '../../src/db/settingsChanges';
import { getSyncLink, getSyncProgress } from '../../src/db/syncState';
import type { FetchLike } from '../../src/sync/transport';
import { createSyncTestApp } from '../support/syncServer';
import { copyPostgresDatabase, createPgliteDatabase, createPostgresDatabase, postgresReachable, type PostgresTestDatabase } from '../support/serverDatabases';
import { expectConverged, serverState, syncUntilQuiet, Tablet } from '../support/tablets';

// The owner restores the server from last night's backup: everything synced since is gone from
// the server, but the tablets still hold it and remember having been acknowledged. They must
// notice, reset, push their whole state again and pull everything afresh — and not wedge.

/** A server whose database can be backed up and later replaced by that backup. */
interface RestorableServer {
  readonly db: SqlDatabase;
  /** A backup of the database as it is now; the server keeps running. */
  backup(): Promise<void>;
  /** The server is stopped and started again over the backup. */
  restore(): Promise<void>;
  drop(): Promise<void>;
}

/** PGlite: the data directory as a tarball (`dumpDataDir`), loaded into a new instance. */
async function pgliteServer(): Promise<RestorableServer> {
  let { db } = await createPgliteDatabase();
  let dump: Blob | undefined;
  return {
    get db() {
      return db;
    },
    async backup() {
      dump = await db.dumpDataDir();
    },
    async restore() {
      await db.close();
      db = await openPglite(undefined, { loadDataDir: dump! });
    },
    drop: () => db.close(),
  };
}

/** PostgreSQL: `CREATE DATABASE backup TEMPLATE live`, with the live database idle meanwhile. */
async function postgresServer(): Promise<RestorableServer> {
  const live = await createPostgresDatabase();
  let db: SqlDatabase = live.db;
  let backup: PostgresTestDatabase | undefined;
  return {
    get db() {
      return db;
    },
    async backup() {
      // A template must have no connections: the server stops for the moment of the copy.
      await db.close();
      backup = await copyPostgresDatabase(live.name);
      await backup.db.close();
      db = await openPostgres(live.url);
    },
    async restore() {
      await db.close();
      db = await openPostgres(backup!.url);
    },
    async drop() {
      await db.close();
      await live.drop();
      await backup?.drop();
    },
  };
}

const backends: [string, () => Promise<RestorableServer>][] = [['pglite', pgliteServer]];
if (await postgresReachable()) backends.push(['postgres', postgresServer]);

const signUp = (tablet: Tablet, name: string, welcomeBonus = false) =>
  enrollMember(tablet.ctx, { name, phone: '', email: '', marketingConsent: false, welcomeBonus });

describe.each(backends)('a server restored from an older backup, on %s', (_name, start) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A server, a business and tablets whose fetch follows the server when it is replaced. */
  async function setUp(tabletCount: number) {
    const server = await start();
    cleanups.push(() => server.drop());
    let app: Hono;
    const serve = () => {
      const created = createSyncTestApp(server.db);
      cleanups.push(created.remove);
      app = created.app;
    };
    serve();
    // The tablets keep the server's address; what answers there changes with the restore.
    const fetch: FetchLike = async (url, init) => app.request(url, init);
    const business = await createBusiness(server.db, { name: 'Restored café' });
    const tablets: Tablet[] = [];
    for (let i = 0; i < tabletCount; i++) {
      const tablet = await new Tablet(`tablet ${String.fromCharCode(65 + i)}`, fetch).start();
      cleanups.push(() => tablet.close());
      await tablet.pair(server.db, business.shopId);
      tablets.push(tablet);
    }
    const made = { members: [] as Member[], events: [] as LedgerEvent[] };
    const track = {
      async signUp(tablet: Tablet, name: string, welcomeBonus = false) {
        const enrolled = await signUp(tablet, name, welcomeBonus);
        made.members.push(enrolled.member);
        made.events.push(...enrolled.events);
        return enrolled.member;
      },
      async punch(tablet: Tablet, memberId: string, stamps: number) {
        const { event } = await recordPunch(tablet.ctx, { memberId, stamps, confirmedDespiteCooldown: true });
        made.events.push(event);
        return event;
      },
      async redeem(tablet: Tablet, memberId: string) {
        made.events.push((await redeemReward(tablet.ctx, memberId)).event);
      },
      async undo(tablet: Tablet, eventId: string) {
        made.events.push((await voidEntry(tablet.ctx, eventId)).event);
      },
    };
    return {
      server,
      businessId: business.businessId,
      tablets,
      made,
      track,
      /** PostgreSQL's copy closes the server's pool for a moment: a new app over the new one. */
      async backupServer() {
        await server.backup();
        serve();
      },
      async restoreServer() {
        await server.restore();
        serve();
      },
    };
  }

  async function expectEverythingOnServer(db: SqlDatabase, businessId: string, made: { members: Member[]; events: LedgerEvent[] }) {
    const state = await serverState(db, businessId);
    const eventIds = new Set(state.events.map((e) => e.id));
    expect(made.events.filter((e) => !eventIds.has(e.id)), 'events made by the tablets but missing on the server').toEqual([]);
    expect(state.events).toHaveLength(made.events.length);
    const memberIds = new Set(state.members.map((m) => m.id));
    expect(made.members.filter((m) => !memberIds.has(m.id)), 'members missing on the server').toEqual([]);
  }

  /** Phase 1, before the backup: members, punches and settings from every tablet, all synced. */
  async function beforeBackup({ tablets: [a, b], track }: Awaited<ReturnType<typeof setUp>>) {
    const regulars = [await track.signUp(a!, 'Éva Kovács', true), await track.signUp(a!, 'Bence Tóth'), await track.signUp(b!, 'Zoé Szabó')];
    await saveSettings(a!.ctx, {
      program: { goal: 5, rewardName: 'Free cake', welcomeBonusStamps: 1, cooldownMinutes: 5 },
      shop: { name: 'Restored café', country: 'HU', currency: 'HUF', locale: 'en' },
    });
    await track.punch(a!, regulars[0]!.id, 2);
    await track.punch(b!, regulars[2]!.id, 3);
    return regulars;
  }

  it('every tablet that synced since the backup resets, re-pushes, and all converge with nothing lost', { timeout: 60_000 }, async () => {
    const env = await setUp(3);
    const { server, businessId, tablets, made, track } = env;
    const [a, b, c] = tablets as [Tablet, Tablet, Tablet];
    const regulars = await beforeBackup(env);
    await syncUntilQuiet(tablets);
    await env.backupServer();

    // Phase 2, lost by the restore: every tablet writes and syncs.
    const newcomer = await track.signUp(a, 'Ödön Nagy');
    await track.punch(a, newcomer.id, 2);
    const mistake = await track.punch(a, regulars[1]!.id, 4);
    await track.undo(a, mistake.id);
    await editMember(b.ctx, regulars[0]!.id, { name: 'Éva K.', note: 'Oat milk' });
    await track.punch(b, regulars[1]!.id, 1);
    await syncUntilQuiet(tablets);
    await track.punch(c, regulars[0]!.id, 3);
    await track.redeem(c, regulars[0]!.id);
    await saveSettings(b.ctx, {
      program: { goal: 6, rewardName: 'Free pie', welcomeBonusStamps: 1, cooldownMinutes: 5 },
      shop: { name: 'Restored café', country: 'HU', currency: 'HUF', locale: 'en' },
    });
    await syncUntilQuiet(tablets);
    const acknowledged = await Promise.all(tablets.map(async (t) => (await getSyncProgress(t.ctx)).ackedMid));

    await env.restoreServer();
    // The restored server has forgotten phase 2: fewer acknowledged mutations than the tablets hold.
    for (const [i, tablet] of tablets.entries()) {
      const [device] = await server.db.query<{ last_mid: string | number }>('SELECT last_mid FROM devices WHERE id = $1', [(await getSyncLink(tablet.ctx))!.deviceId]);
      expect(Number(device!.last_mid), `${tablet.name}: the restored server's last mid`).toBeLessThan(acknowledged[i]!);
    }
    expect((await serverState(server.db, businessId)).events.map((e) => e.id)).not.toContain(newcomer.id);

    // Phase 3: the till keeps working, offline writes first, then everyone syncs again.
    await track.punch(a, newcomer.id, 1);
    const late = await track.signUp(c, 'Late Comer');
    await syncUntilQuiet(tablets);
    await track.punch(b, late.id, 1);
    await syncUntilQuiet(tablets);

    await expectConverged(server.db, businessId, tablets);
    await expectEverythingOnServer(server.db, businessId, made);
    const members = (await serverState(server.db, businessId)).members;
    expect(members.find((m) => m.id === regulars[0]!.id)).toMatchObject({ name: 'Éva K.', note: 'Oat milk' });
    expect((await serverState(server.db, businessId)).settings?.program).toMatchObject({ goal: 6, rewardName: 'Free pie' });
  });

  // A tablet that only pulled since the backup gives the restored server nothing to have
  // forgotten by its mids, and once other tablets have pushed the change sequence past its
  // cursor again, the head does not give the restore away either. The server's record of the
  // cursors it handed out (devices.pulled_seq) does: the restored one never issued this cursor.
  it('resets a tablet that only pulled since the backup, even after others pushed the sequence past its cursor', { timeout: 60_000 }, async () => {
    const env = await setUp(3);
    const { server, businessId, tablets, made, track } = env;
    const [a, b, reader] = tablets as [Tablet, Tablet, Tablet];
    const regulars = await beforeBackup(env);
    await syncUntilQuiet(tablets);
    await env.backupServer();

    // Phase 2: A and B write; the reader only pulls, so the server's record of it does not change.
    // B edits one member in three separate syncs: three sequence numbers, of which a re-push
    // recreates only one, so the restored server's sequence will run behind the lost one.
    for (let i = 0; i < 4; i++) await track.punch(a, regulars[i % 3]!.id, 1);
    for (const note of ['Oat milk', 'Soy milk', 'No milk']) {
      await editMember(b.ctx, regulars[1]!.id, { note });
      await syncUntilQuiet(tablets);
    }
    const readerCursor = (await getSyncProgress(reader.ctx)).cursor;
    const readerAcked = (await getSyncProgress(reader.ctx)).ackedMid;

    await env.restoreServer();
    // A and B notice first and re-push; then B keeps punching until the change sequence has
    // passed the reader's cursor again, before the reader syncs.
    await syncUntilQuiet([a, b]);
    const head = async () => Number((await server.db.query<{ change_seq: string }>('SELECT change_seq FROM businesses WHERE id = $1', [businessId]))[0]!.change_seq);
    const restoredHead = await head();
    expect(restoredHead).toBeLessThan(readerCursor);
    while ((await head()) <= readerCursor + 2) {
      await track.punch(b, regulars[0]!.id, 1);
      await syncUntilQuiet([b]);
    }
    await syncUntilQuiet([reader, a, b]);

    // The server holds everything, and every tablet, the reader too, agrees with it.
    await expectEverythingOnServer(server.db, businessId, made);
    await expectConverged(server.db, businessId, tablets);
    expect((await getSyncProgress(reader.ctx)).ackedMid).toBeGreaterThan(readerAcked);
  });
});
