import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import type { PairedDevice } from '../../server/repositories/businessRepository';
import { businessWithDevices, openSyncTestApp, rawSyncClient } from '../support/syncServer';
import { BASE_MS, eventRecord, hlcAt, memberRecord, numbered } from '../support/records';
import { serverBackends, type TestDatabase } from '../support/serverDatabases';

const backends = await serverBackends();

describe.each(backends)('sync push and pull on %s', (_name, open) => {
  let handle: TestDatabase;
  let app: Hono;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ handle, app, close } = await openSyncTestApp(open));
  }, 60_000);
  afterAll(async () => {
    await close?.();
  });

  async function twoDevices(): Promise<[PairedDevice, PairedDevice]> {
    const { devices } = await businessWithDevices(handle.db, 2);
    return [devices[0]!, devices[1]!];
  }

  it('pushes a member and its events, and the other device pulls them in order', async () => {
    const [a, b] = await twoDevices();
    const member = memberRecord(a.deviceId);
    const punch = eventRecord(a.deviceId, member.id);
    const pushed = await rawSyncClient(app, a.token).push(numbered([{ kind: 'member.upsert', member }, { kind: 'event.append', event: punch }]));
    expect(pushed).toMatchObject({ lastMid: 2, rejections: [] });

    const pulled = await rawSyncClient(app, b.token).pullAll();
    expect(pulled.changes.map((c) => c.kind)).toEqual(['member', 'event']);
    expect(pulled.changes[0]).toMatchObject({ kind: 'member', member: { id: member.id, name: 'Éva Kovács' } });
    expect(pulled.changes[1]).toMatchObject({ kind: 'event', event: punch });
    expect(pulled.cursor).toBe(pulled.headSeq);
    expect(pulled.lastMid).toBe(0);
  });

  it('is idempotent: a retried push changes nothing and mids already applied are skipped', async () => {
    const [a, b] = await twoDevices();
    const member = memberRecord(a.deviceId);
    const batch = numbered([{ kind: 'member.upsert', member }, { kind: 'event.append', event: eventRecord(a.deviceId, member.id) }]);
    await rawSyncClient(app, a.token).push(batch);
    const again = await rawSyncClient(app, a.token).push(batch);
    expect(again).toMatchObject({ lastMid: 2, rejections: [] });
    const pulled = await rawSyncClient(app, b.token).pullAll();
    expect(pulled.changes).toHaveLength(2);
  });

  it('stops at a gap in the mids and applies nothing after it', async () => {
    const [a, b] = await twoDevices();
    const member = memberRecord(a.deviceId);
    const response = await rawSyncClient(app, a.token).push([
      { mid: 1, kind: 'member.upsert', member },
      { mid: 3, kind: 'event.append', event: eventRecord(a.deviceId, member.id) },
    ]);
    expect(response.lastMid).toBe(1);
    expect((await rawSyncClient(app, b.token).pullAll()).changes.map((c) => c.kind)).toEqual(['member']);
  });

  it('rejects a permanently bad mutation without blocking the ones after it', async () => {
    const [a, b] = await twoDevices();
    const member = memberRecord(a.deviceId);
    const response = await rawSyncClient(app, a.token).push([
      { mid: 1, kind: 'member.upsert', member },
      { mid: 2, kind: 'event.append', event: { ...eventRecord(a.deviceId, member.id), stamps: 'many' } },
      { mid: 3, kind: 'event.append', event: eventRecord(a.deviceId, crypto.randomUUID()) },
      { mid: 4, kind: 'teleport' },
      { mid: 5, kind: 'event.append', event: eventRecord(a.deviceId, member.id) },
    ]);
    expect(response.lastMid).toBe(5);
    expect(response.rejections.map((r) => [r.mid, r.code])).toEqual([
      [2, 'invalid'],
      [3, 'member_unknown'],
      [4, 'invalid'],
    ]);
    expect(response.rejections[0]!.message).toContain('stamps');
    const pulled = await rawSyncClient(app, a.token).pullAll();
    expect(pulled.rejections.map((r) => r.mid).sort()).toEqual([2, 3, 4]);
    expect((await rawSyncClient(app, b.token).pullAll()).changes.map((c) => c.kind)).toEqual(['member', 'event']);
  });

  it('merges member edits field by field: different fields both survive, the same field goes to the later HLC', async () => {
    const [a, b] = await twoDevices();
    const member = memberRecord(a.deviceId);
    await rawSyncClient(app, a.token).push(numbered([{ kind: 'member.upsert', member }]));
    const later = BASE_MS + 60_000;
    const editA = { ...member, name: 'Éva K.', note: 'Oat milk', clock: { ...member.clock, name: hlcAt(later, a.deviceId), note: hlcAt(later, a.deviceId) } };
    const editB = { ...member, name: 'Eva Kovacs', phoneE164: '+36301234567', clock: { ...member.clock, name: hlcAt(later + 1, b.deviceId), phoneE164: hlcAt(later + 1, b.deviceId) } };
    await rawSyncClient(app, b.token).push(numbered([{ kind: 'member.upsert', member: editB }]));
    await rawSyncClient(app, a.token).push(numbered([{ kind: 'member.upsert', member: editA }], 2));
    const members = (await rawSyncClient(app, a.token).pullAll()).changes.filter((c) => c.kind === 'member');
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({ member: { name: 'Eva Kovacs', note: 'Oat milk', phoneE164: '+36301234567' } });
  });

  it('turns an erasure into a tombstone that scrubs personal data and beats later field edits', async () => {
    const [a, b] = await twoDevices();
    const member = memberRecord(a.deviceId, { phoneE164: '+36301234567', email: 'eva@example.com' });
    await rawSyncClient(app, a.token).push(numbered([{ kind: 'member.upsert', member }, { kind: 'event.append', event: eventRecord(a.deviceId, member.id) }]));
    const erasedAt = new Date(BASE_MS + 1000).toISOString();
    await rawSyncClient(app, a.token).push(numbered([{ kind: 'member.upsert', member: { ...member, name: '', cardCodes: [], deletedAt: erasedAt, clock: {} } }], 3));
    const lateEdit = { ...member, name: 'Still here?', clock: { ...member.clock, name: hlcAt(BASE_MS + 5000, b.deviceId) } };
    await rawSyncClient(app, b.token).push(numbered([{ kind: 'member.upsert', member: lateEdit }]));
    const pulled = await rawSyncClient(app, b.token).pullAll();
    const tombstone = pulled.changes.find((c) => c.kind === 'member');
    expect(tombstone).toMatchObject({ member: { id: member.id, name: '', cardCodes: [], deletedAt: erasedAt } });
    expect(JSON.stringify(tombstone)).not.toMatch(/Kovács|36301234567|example\.com|Still here/);
    expect(pulled.changes.filter((c) => c.kind === 'event')).toHaveLength(1);
  });

  it('pages a pull without skipping or repeating a change', async () => {
    const [a, b] = await twoDevices();
    const members = Array.from({ length: 25 }, () => memberRecord(a.deviceId));
    await rawSyncClient(app, a.token).push(numbered(members.flatMap((member) => [{ kind: 'member.upsert', member }, { kind: 'event.append', event: eventRecord(a.deviceId, member.id) }])));
    const pulled = await rawSyncClient(app, b.token).pullAll(0, 7);
    expect(pulled.pages).toBe(Math.ceil(50 / 7));
    const seqs = pulled.changes.map((c) => c.seq);
    expect(new Set(seqs).size).toBe(50);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
  });

  it('flags the second of two offline redemptions of the same stamps, once', async () => {
    const [a, b] = await twoDevices();
    const member = memberRecord(a.deviceId);
    const ten = eventRecord(a.deviceId, member.id, { stamps: 10 });
    await rawSyncClient(app, a.token).push(numbered([{ kind: 'member.upsert', member }, { kind: 'event.append', event: ten }]));
    const redeemA = eventRecord(a.deviceId, member.id, { kind: 'redeem', stamps: -10 }, BASE_MS + 1000);
    const redeemB = eventRecord(b.deviceId, member.id, { kind: 'redeem', stamps: -10 }, BASE_MS + 2000);
    await rawSyncClient(app, b.token).push(numbered([{ kind: 'event.append', event: redeemB }]));
    await rawSyncClient(app, a.token).push(numbered([{ kind: 'event.append', event: redeemA }], 3));
    await rawSyncClient(app, b.token).push(numbered([{ kind: 'event.append', event: redeemB }]));
    const flagged = await handle.db.query<{ id: string }>('SELECT id FROM events WHERE member_id = $1 AND overdrawn_at IS NOT NULL', [member.id]);
    expect(flagged.map((f) => f.id)).toEqual([redeemB.id]);
  });

  it('clamps timestamps from a clock far ahead, so they cannot win every later edit', async () => {
    const [a, b] = await twoDevices();
    const yearAhead = Date.now() + 365 * 24 * 3600 * 1000;
    const member = memberRecord(a.deviceId, {}, yearAhead);
    const punch = eventRecord(a.deviceId, member.id, {}, yearAhead);
    await rawSyncClient(app, a.token).push(numbered([{ kind: 'member.upsert', member }, { kind: 'event.append', event: punch }]));
    const rename = { ...member, name: 'Renamed today', clock: { ...member.clock, name: hlcAt(Date.now() + 10 * 60 * 1000, b.deviceId) } };
    await rawSyncClient(app, b.token).push(numbered([{ kind: 'member.upsert', member: rename }]));
    const pulled = await rawSyncClient(app, b.token).pullAll();
    const stored = pulled.changes.find((c) => c.kind === 'event');
    expect(stored?.kind === 'event' && Date.parse(stored.event.at)).toBeLessThan(Date.now() + 6 * 60 * 1000);
    expect(pulled.changes.find((c) => c.kind === 'member')).toMatchObject({ member: { name: 'Renamed today' } });
  });

  it('answers bad requests with 4xx and a message, never a 5xx', async () => {
    const [a] = await twoDevices();
    const client = rawSyncClient(app, a.token);
    for (const body of ['{"mutations":', '{}', '{"mutations": []}', '{"mutations": [{"mid": 0}]}', JSON.stringify({ mutations: Array.from({ length: 501 }, (_, i) => ({ mid: i + 1 })) })]) {
      const response = await client.pushResponse(body);
      expect(response.status, body.slice(0, 40)).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'bad_request', message: expect.any(String) });
    }
    expect((await client.pushResponse('x'.repeat(3 * 1024 * 1024))).status).toBe(413);
    for (const query of ['', 'cursor=-1', 'cursor=abc', 'cursor=1&limit=0', 'cursor=1&limit=99999']) {
      expect((await client.pullResponse(query)).status, query).toBe(400);
    }
    expect((await rawSyncClient(app, 'not-a-real-token-at-all').pullResponse('cursor=0')).status).toBe(401);
    expect((await app.request('/api/v1/sync/pull?cursor=0')).status).toBe(401);
  });
});
