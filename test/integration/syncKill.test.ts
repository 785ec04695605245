import { afterEach, describe, expect, it } from 'vitest';
import type { Mutation } from '../../src/core/mutations';
import { recordPunch } from '../../src/db/tillRepository';
import { enrollMember } from '../../src/db/memberRepository';
import { getSyncLink, getSyncProgress } from '../../src/db/syncState';
import type { FetchLike } from '../../src/sync/transport';
import { createDistDir } from '../support/distDir';
import { serverStores, type ServerStore } from '../support/serverDatabases';
import { freePort, runServerCommand, spawnServer, type ServerProcess } from '../support/serverProcess';
import { overHttp, rawSyncClient } from '../support/syncServer';
import { expectConverged, syncUntilQuiet, Tablet } from '../support/tablets';

// The real server process, killed with SIGKILL while several tablets push thousands of
// mutations at once: no shutdown handler runs, PGlite is not closed, transactions are cut off
// wherever they are. After a restart on the same data, everything the server had acknowledged
// must still be there, and the tablets must finish syncing and agree with the server.

const stores = await serverStores();
const TABLETS = 3;
const MEMBERS_PER_TABLET = 20;
const PUNCHES_PER_TABLET = 2000;

function pairingCodeIn(output: string): string {
  const code = /Pairing code: ([0-9A-Z]{5}-[0-9A-Z]{5})/.exec(output)?.[1];
  if (!code) throw new Error(`No pairing code in:\n${output}`);
  return code;
}

const idOf = (mutation: Mutation) =>
  mutation.kind === 'member.upsert' ? mutation.member.id : mutation.kind === 'event.append' ? mutation.event.id : `settings:${mutation.settings.hlc}`;

describe.each(stores)('a server process SIGKILLed in the middle of pushes, on %s', (_name, createStore) => {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('loses nothing it acknowledged, and the tablets finish syncing after the restart', { timeout: 120_000 }, async () => {
    const store: ServerStore = await createStore();
    cleanups.push(() => store.remove());
    const dist = createDistDir({ 'index.html': '<!doctype html>' });
    cleanups.push(dist.remove);

    // The tablets know the server by this address; the restarted server listens there again.
    const port = await freePort();
    const serverUrl = `http://127.0.0.1:${port}`;
    // Real HTTP. The fetch notes which pushes are on the wire, to kill while one of them is.
    let inFlight = 0;
    let onPushSent: ((stillOnTheWire: () => boolean) => void) | undefined;
    const http: FetchLike = async (url, init) => {
      if (!url.endsWith('/api/v1/sync/push')) return fetch(url, init);
      inFlight++;
      let onTheWire = true;
      try {
        const response = fetch(url, init);
        onPushSent?.(() => onTheWire);
        return await response;
      } finally {
        onTheWire = false;
        inFlight--;
      }
    };

    // Meanwhile, in other processes, the owner's commands on the same storage (a PGlite
    // directory has one user at a time): a business, two more pairing codes; then the server.
    const owner = (async () => {
      const created = await runServerCommand(['create-business', 'Killed café'], store.storage);
      const [, businessId, shopId] = /Business "[^"]*" \(([0-9a-f-]{36})\), shop "[^"]*" \(([0-9a-f-]{36})\)/.exec(created) ?? [];
      const codes = [pairingCodeIn(created)];
      for (let i = 1; i < TABLETS; i++) codes.push(pairingCodeIn(await runServerCommand(['pairing-code', shopId!], store.storage)));
      const started = await spawnServer({ ...store.storage, distDir: dist.dir, port });
      return { businessId: businessId!, codes, server: started };
    })();
    cleanups.push(async () => (await owner.catch(() => undefined))?.server.kill());

    // The tablets' tills work offline, unpaired: members and thousands of punches wait in each
    // outbox, to be numbered once paired.
    const tablets: Tablet[] = [];
    for (let i = 0; i < TABLETS; i++) {
      const tablet = await new Tablet(`tablet ${i + 1}`, http, 0, serverUrl).start();
      cleanups.push(() => tablet.close());
      tablets.push(tablet);
      const members: string[] = [];
      for (let m = 0; m < MEMBERS_PER_TABLET; m++) {
        members.push((await enrollMember(tablet.ctx, { name: `${tablet.name} member ${m}`, phone: '', email: '', marketingConsent: false, welcomeBonus: false })).member.id);
      }
      for (let p = 0; p < PUNCHES_PER_TABLET; p++) await recordPunch(tablet.ctx, { memberId: members[p % members.length]!, stamps: 1, confirmedDespiteCooldown: true });
    }
    const { businessId, codes, server: first } = await owner;
    let server: ServerProcess = first;
    cleanups.push(() => server.kill());
    for (const [i, tablet] of tablets.entries()) await tablet.pairWithCode(codes[i]!);
    const outboxes = await Promise.all(tablets.map((t) => t.ctx.db.outbox.toArray()));
    const total = outboxes.reduce((sum, rows) => sum + rows.length, 0);
    expect(total).toBe(TABLETS * (2 * MEMBERS_PER_TABLET + PUNCHES_PER_TABLET));

    // All tablets push at once. Once a third of everything is acknowledged, the next push that
    // goes on the wire is followed by a SIGKILL a few milliseconds later, while it is unanswered.
    const acknowledged = async () => (await Promise.all(tablets.map(async (t) => (await getSyncProgress(t.ctx)).ackedMid))).reduce((a, b) => a + b, 0);
    let killedWithInFlight = -1;
    const killed = new Promise<void>((resolve) => {
      const arm = (stillOnTheWire: () => boolean) => {
        onPushSent = undefined;
        setTimeout(() => {
          // Answered within those few milliseconds after all: wait for the next push.
          if (!stillOnTheWire()) return void (onPushSent = arm);
          killedWithInFlight = inFlight;
          void server.kill().then(resolve);
        }, 5 + Math.floor(Math.random() * 20));
      };
      onPushSent = (stillOnTheWire) => {
        void acknowledged().then((acked) => {
          if (onPushSent !== undefined && acked >= total / 3) arm(stillOnTheWire);
        });
      };
    });
    const attempts = await Promise.all(tablets.map((t) => t.sync()));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([killed, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('the tablets finished before the kill')), 10_000)))]);
    clearTimeout(timer);

    expect(killedWithInFlight, 'pushes on the wire at the kill').toBeGreaterThan(0);
    expect(attempts.some((a) => !a.ok), 'some tablet was cut off').toBe(true);
    // What each tablet saw acknowledged: the outbox rows that left it.
    const acked: string[][] = [];
    for (const [i, tablet] of tablets.entries()) {
      const left = new Set((await tablet.ctx.db.outbox.toCollection().primaryKeys()) as number[]);
      const gone = outboxes[i]!.filter((row) => !left.has(row.seq!));
      expect(gone.length).toBe((await getSyncProgress(tablet.ctx)).ackedMid);
      acked.push(gone.map((row) => idOf(row.mutation)));
    }
    const ackedCount = acked.reduce((sum, ids) => sum + ids.length, 0);
    expect(ackedCount).toBeGreaterThanOrEqual(total / 3);
    expect(ackedCount).toBeLessThan(total);

    // Restart on the same data (PGlite recovers its directory), same port the tablets know.
    server = await spawnServer({ ...store.storage, distDir: dist.dir, port });
    // Before any tablet syncs again: everything acknowledged is there, as a fresh pull shows.
    for (const [i, tablet] of tablets.entries()) {
      const link = (await getSyncLink(tablet.ctx))!;
      const pulled = await rawSyncClient(overHttp(server.url), link.token).pullAll(0, 5000);
      expect(pulled.lastMid, `${tablet.name}: the server's last acknowledged mid`).toBeGreaterThanOrEqual((await getSyncProgress(tablet.ctx)).ackedMid);
      const onServer = new Set(pulled.changes.map((c) => (c.kind === 'member' ? c.member.id : c.kind === 'event' ? c.event.id : `settings:${c.settings.hlc}`)));
      expect(acked[i]!.filter((id) => !onServer.has(id)), `${tablet.name}: acknowledged but lost`).toEqual([]);
    }

    // All at once again, then one by one until nothing moves.
    await Promise.all(tablets.map((t) => t.sync()));
    await syncUntilQuiet(tablets);
    for (const tablet of tablets) expect(await tablet.ctx.db.sync.get('status')).toMatchObject({ rejections: [] });

    // Stopped cleanly, its data read in process: every tablet equals the server, and holds all.
    expect(await server.stop()).toBe(0);
    const db = await store.open();
    try {
      await expectConverged(db, businessId, tablets);
      const [events] = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM events WHERE business_id = $1', [businessId]);
      expect(Number(events!.n)).toBe(TABLETS * (MEMBERS_PER_TABLET + PUNCHES_PER_TABLET));
    } finally {
      await db.close();
    }
  });
});
