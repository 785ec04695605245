// Push throughput of the sync server: the tablets of one business pushing full batches of visits
// at the same time, as after a shop's network came back. The real Hono app is called in process
// (app.request: no sockets), so the figure is the server's own work — auth, JSON, validation,
// the business lock, SQL — on PGlite on disk, or on a PostgreSQL.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { createApp } from '../../server/app';
import { migrate } from '../../server/db/migrate';
import { openPglite } from '../../server/db/pglite';
import { openPostgres } from '../../server/db/postgres';
import type { SqlDatabase } from '../../server/db/sqlDatabase';
import { createBusiness, createPairingCode, pairDevice, type PairedDevice } from '../../server/repositories/businessRepository';
import { encodeHlc } from '../../src/core/hlc';
import { newId } from '../../src/core/ids';
import { DEFAULT_PROGRAM } from '../../src/core/program';
import { MAX_PUSH_MUTATIONS, type PushResponse } from '../../src/core/protocol';
import type { LedgerEvent } from '../../src/core/types';
import { log } from '../lib/log';
import { createScratchDatabase } from '../lib/scratchPostgres';
import { median, p95 } from '../lib/stats';
import { generateMemberRecords } from '../page/seedData';

export const PUSH_DEVICES = 4;
/** Measured batches per device, each a full push (500 mutations): 4 × 10 × 500 = 20k events. */
export const PUSH_BATCHES = 10;
const MEMBERS_PER_DEVICE = MAX_PUSH_MUTATIONS;

export interface PushResult {
  events: number;
  ms: number;
  eventsPerSec: number;
  /** One push of 500, queued behind the other devices' pushes (they share the business lock). */
  pushMs: number[];
}

export type PushOutcome = PushResult | { skipped: string };

interface Till {
  device: PairedDevice;
  /** JSON bodies, built before the clock starts: a tablet serialises on its own time. */
  bodies: string[];
}

async function pairTills(db: SqlDatabase): Promise<PairedDevice[]> {
  const business = await createBusiness(db, { name: 'Bench push' });
  const devices = [await pairDevice(db, { code: business.code, deviceName: 'Till 1' })];
  while (devices.length < PUSH_DEVICES) {
    const { code } = await createPairingCode(db, business.shopId);
    devices.push(await pairDevice(db, { code, deviceName: `Till ${devices.length + 1}` }));
  }
  return devices;
}

/** A stamp on a member of the business, stamped by this device a few minutes ago. */
function visit(device: PairedDevice, memberId: string, ms: number, counter: number): LedgerEvent {
  return {
    id: newId(),
    memberId,
    kind: 'stamp',
    stamps: 1,
    deviceId: device.deviceId,
    at: new Date(ms).toISOString(),
    hlc: encodeHlc({ wallMs: ms, counter }, device.deviceId),
    programVersion: DEFAULT_PROGRAM.version,
  };
}

async function push(app: Hono, device: PairedDevice, body: string): Promise<PushResponse> {
  const response = await app.request('/api/v1/sync/push', {
    method: 'POST',
    headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
    body,
  });
  if (response.status !== 200) throw new Error(`push by ${device.deviceId}: HTTP ${response.status} ${await response.text()}`);
  const result = (await response.json()) as PushResponse;
  if (result.rejections.length) throw new Error(`push rejected ${result.rejections.length} mutations, first: ${result.rejections[0]!.message}`);
  return result;
}

/** Members first (unmeasured), one warm-up batch per device, then the measured batches, all devices at once. */
export async function measurePush(label: string, db: SqlDatabase, distDir: string): Promise<PushResult> {
  const devices = await pairTills(db);
  const app = createApp({ distDir, version: 'bench', db });
  const nowMs = Date.now();
  const memberIds: string[] = [];
  for (const [d, device] of devices.entries()) {
    const members = Array.from({ length: MEMBERS_PER_DEVICE }, (_, k) => generateMemberRecords(d * MEMBERS_PER_DEVICE + k, nowMs).member);
    await push(app, device, JSON.stringify({ mutations: members.map((member, k) => ({ mid: k + 1, kind: 'member.upsert', member })) }));
    memberIds.push(...members.map((m) => m.id));
  }
  const tills: Till[] = devices.map((device, d) => {
    let mid = MEMBERS_PER_DEVICE;
    const bodies = Array.from({ length: 1 + PUSH_BATCHES }, () => {
      const mutations = Array.from({ length: MAX_PUSH_MUTATIONS }, () => {
        mid++;
        const event = visit(device, memberIds[(mid * 7_919 + d * 104_729) % memberIds.length]!, nowMs - 600_000 + mid, mid % 1000);
        return { mid, kind: 'event.append', event };
      });
      return JSON.stringify({ mutations });
    });
    return { device, bodies };
  });

  await Promise.all(tills.map((t) => push(app, t.device, t.bodies[0]!)));
  const pushMs: number[] = [];
  const start = performance.now();
  await Promise.all(
    tills.map(async (t) => {
      for (const body of t.bodies.slice(1)) {
        const sent = performance.now();
        await push(app, t.device, body);
        pushMs.push(performance.now() - sent);
      }
    }),
  );
  const ms = performance.now() - start;
  const events = PUSH_DEVICES * PUSH_BATCHES * MAX_PUSH_MUTATIONS;
  const [stored] = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM events');
  const expected = events + PUSH_DEVICES * MAX_PUSH_MUTATIONS;
  if (Number(stored!.n) !== expected) throw new Error(`${label}: ${stored!.n} events stored, expected ${expected}`);
  const eventsPerSec = (events / ms) * 1000;
  log(`sync push ${label}: ${events} events by ${PUSH_DEVICES} devices in ${(ms / 1000).toFixed(1)} s = ${eventsPerSec.toFixed(0)} events/s; one push of ${MAX_PUSH_MUTATIONS}: median ${median(pushMs).toFixed(0)} ms, p95 ${p95(pushMs).toFixed(0)} ms`);
  return { events, ms, eventsPerSec, pushMs };
}

/** PGlite on disk in a temp dir, as the server opens it by default. */
export async function measurePushPglite(distDir: string): Promise<PushResult> {
  const dir = mkdtempSync(join(tmpdir(), 'punchline-bench-push-'));
  const db = await openPglite(join(dir, 'pglite'));
  try {
    await migrate(db);
    return await measurePush('pglite', db, distDir);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The PostgreSQL on 127.0.0.1:5432, in a database of its own; skipped (loudly) when there is none. */
export async function measurePushPostgres(distDir: string): Promise<PushOutcome> {
  const scratch = await createScratchDatabase();
  if ('skipped' in scratch) {
    log(`${'!'.repeat(20)} SKIPPED sync push on PostgreSQL — ${scratch.skipped}`);
    return scratch;
  }
  try {
    const db = await openPostgres(scratch.url);
    try {
      await migrate(db);
      return await measurePush('postgres', db, distDir);
    } finally {
      await db.close();
    }
  } finally {
    await scratch.drop();
  }
}
