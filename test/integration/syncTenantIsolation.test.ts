import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import type { Change, PullResponse, PushResponse, SyncedSettings } from '../../src/core/protocol';
import type { LedgerEvent, Member } from '../../src/core/types';
import { createBusiness, createPairingCode, pairDevice, PAIRING_CODE_TTL_MS, revokeDevice, type PairedDevice } from '../../server/repositories/businessRepository';
import { openSyncTestApp, rawSyncClient } from '../support/syncServer';
import { BASE_MS, eventRecord, hlcAt, memberRecord, numbered, settingsRecord } from '../support/records';
import { serverBackends, type TestDatabase } from '../support/serverDatabases';
import { serverState } from '../support/tablets';

// Two businesses on one server. Whatever a device of A sends, on whichever endpoint, it must
// never read a byte of B nor change one: every query is scoped to the business of the token.

const backends = await serverBackends();

interface Tenant {
  name: string;
  businessId: string;
  shopId: string;
  /** The code the business was created with (already used by its first device). */
  firstCode: string;
  devices: PairedDevice[];
  members: Member[];
  events: LedgerEvent[];
  settings: SyncedSettings;
}

describe.each(backends)('tenant isolation on %s', (_name, open) => {
  let handle: TestDatabase;
  let app: Hono;
  let close: (() => Promise<void>) | undefined;
  let a: Tenant;
  let b: Tenant;
  /** The next mid of each device, as its outbox would number it. */
  const nextMid = new Map<string, number>();
  /** Everything a device has sent: what it knows already, and may see again in its own rejections. */
  const sent = new Map<string, string>();

  async function push(device: PairedDevice, mutations: object[]): Promise<PushResponse> {
    sent.set(device.deviceId, (sent.get(device.deviceId) ?? '') + JSON.stringify(mutations));
    const first = nextMid.get(device.deviceId) ?? 1;
    nextMid.set(device.deviceId, first + mutations.length);
    return rawSyncClient(app, device.token).push(numbered(mutations, first));
  }

  /** A business with two devices, members, events from both devices, settings and one rejection. */
  async function tenant(name: string, memberCount: number): Promise<Tenant> {
    const business = await createBusiness(handle.db, { name });
    const first = await pairDevice(handle.db, { code: business.code, deviceName: `${name} till 1` });
    const { code } = await createPairingCode(handle.db, business.shopId);
    const second = await pairDevice(handle.db, { code, deviceName: `${name} till 2` });
    const members = Array.from({ length: memberCount }, (_, i) => memberRecord(first.deviceId, { name: `${name} member ${i}` }));
    const events = members.flatMap((member) => [
      eventRecord(first.deviceId, member.id, { kind: 'enroll', stamps: 0 }),
      eventRecord(first.deviceId, member.id, { stamps: 3 }, BASE_MS + 1000),
    ]);
    const settings = settingsRecord(first.deviceId, { shop: { name: `${name} shop` }, program: { goal: 7, rewardName: `${name} reward` } });
    const pushed = await push(first, [
      ...members.map((member) => ({ kind: 'member.upsert', member })),
      ...events.map((event) => ({ kind: 'event.append', event })),
      { kind: 'settings.put', settings },
    ]);
    expect(pushed.rejections).toEqual([]);
    const fromSecond = eventRecord(second.deviceId, members[0]!.id, { stamps: 2 }, BASE_MS + 2000);
    // The second device also has a rejection of its own, which only it may ever see.
    const secondPushed = await push(second, [{ kind: 'event.append', event: fromSecond }, { kind: 'teleport' }]);
    expect(secondPushed.rejections.map((r) => r.code)).toEqual(['invalid']);
    return {
      name,
      businessId: business.businessId,
      shopId: business.shopId,
      firstCode: business.code,
      devices: [first, second],
      members,
      events: [...events, fromSecond],
      settings,
    };
  }

  beforeAll(async () => {
    ({ handle, app, close } = await openSyncTestApp(open));
    // Different sizes, so that their sequence numbers and heads differ.
    a = await tenant('Alpha café', 4);
    b = await tenant('Bravo bakery', 7);
  }, 60_000);
  afterAll(async () => {
    await close?.();
  });

  /** Every id and name of a tenant that must never appear in an answer to `viewer`, unless the viewer sent it itself. */
  async function secretsOf(tenant: Tenant, viewer?: Tenant): Promise<string[]> {
    const state = await serverState(handle.db, tenant.businessId);
    const known = viewer ? viewer.devices.map((d) => sent.get(d.deviceId) ?? '').join('') : '';
    return [
      tenant.businessId,
      tenant.shopId,
      tenant.name,
      ...tenant.devices.flatMap((d) => [d.deviceId, d.token]),
      ...state.members.flatMap((m) => [m.id, m.name, ...m.cardCodes]),
      ...state.events.map((e) => e.id),
      ...(state.settings ? [state.settings.shop.name, state.settings.program.rewardName, state.settings.hlc] : []),
    ].filter((s) => s !== '' && !known.includes(s));
  }

  function expectNoneOf(secrets: string[], text: string, what: string): void {
    for (const secret of secrets) expect(text.includes(secret), `${what} reveals ${secret}`).toBe(false);
  }

  const changeId = (c: Change) => (c.kind === 'member' ? c.member.id : c.kind === 'event' ? c.event.id : `settings:${c.settings.hlc}`);

  async function pullPage(device: PairedDevice, cursor: number, limit: number): Promise<{ page: PullResponse; text: string }> {
    const response = await rawSyncClient(app, device.token).pullResponse(`cursor=${cursor}&limit=${limit}`);
    expect(response.status).toBe(200);
    const text = await response.text();
    return { page: JSON.parse(text) as PullResponse, text };
  }

  async function headOf(tenant: Tenant): Promise<number> {
    const [row] = await handle.db.query<{ change_seq: string | number }>('SELECT change_seq FROM businesses WHERE id = $1', [tenant.businessId]);
    return Number(row!.change_seq);
  }

  /**
   * Pulls as `viewer` from every cursor up to past both heads (which includes every sequence
   * number `other` has), one change per page and a page of all: only the viewer's rows come back,
   * its head is its own, and nothing of `other` appears anywhere in the answer.
   */
  async function expectOnlyOwnRows(viewer: Tenant, other: Tenant): Promise<void> {
    const own = await serverState(handle.db, viewer.businessId);
    const ownIds = new Set([...own.members.map((m) => m.id), ...own.events.map((e) => e.id), `settings:${own.settings!.hlc}`]);
    const secrets = await secretsOf(other, viewer);
    const [viewerHead, otherHead] = [await headOf(viewer), await headOf(other)];
    const otherSeqs = (await rawSyncClient(app, other.devices[0]!.token).pullAll()).changes.map((c) => c.seq);
    expect(otherSeqs.length).toBeGreaterThan(0);
    const cursors = new Set([...Array.from({ length: Math.max(viewerHead, otherHead) + 3 }, (_, i) => i), ...otherSeqs, 1e9]);
    for (const device of viewer.devices) {
      for (const cursor of cursors) {
        for (const limit of [1, 1000]) {
          const { page, text } = await pullPage(device, cursor, limit);
          expectNoneOf(secrets, text, `pull by ${viewer.name} at cursor ${cursor}, limit ${limit}`);
          for (const change of page.changes) expect(ownIds.has(changeId(change)), `${viewer.name} pulled a change not its own at cursor ${cursor}`).toBe(true);
          expect(page.headSeq).toBe(viewerHead);
          if (cursor >= viewerHead) expect(page.changes).toEqual([]);
        }
      }
      // Not vacuous: from 0 the viewer gets all of its own business, and nothing more.
      const everything = await rawSyncClient(app, device.token).pullAll(0, 3);
      expect(new Set(everything.changes.map(changeId))).toEqual(ownIds);
    }
  }

  /** What B's devices and B's tables hold: must be identical before and after anything A does. */
  async function bView() {
    const pulls = [];
    for (const device of b.devices) {
      const { serverTime: _time, ...pulled } = await rawSyncClient(app, device.token).pullAll();
      pulls.push(pulled);
    }
    const devices = await handle.db.query('SELECT id, last_mid, revoked_at FROM devices WHERE business_id = $1 ORDER BY id', [b.businessId]);
    const rejections = await handle.db.query('SELECT device_id, mid, code, message FROM sync_rejections r JOIN devices d ON d.id = r.device_id WHERE d.business_id = $1 ORDER BY device_id, mid', [b.businessId]);
    const eventRows = await handle.db.query('SELECT id, member_id, seq, kind, stamps, hlc, voids_id, reward_id, pushed_by, overdrawn_at, coupon_reused_at FROM events WHERE business_id = $1 ORDER BY id', [b.businessId]);
    const memberRows = await handle.db.query('SELECT id, seq, deleted_at FROM members WHERE business_id = $1 ORDER BY id', [b.businessId]);
    return { state: await serverState(handle.db, b.businessId), head: await headOf(b), pulls, devices, rejections, eventRows, memberRows };
  }

  /** Runs `attack` as device 1 of A and proves B saw and kept nothing of it. */
  async function expectBUntouchedBy(attack: () => Promise<void>): Promise<void> {
    const before = await bView();
    await attack();
    const after = await bView();
    expect(after).toEqual(before);
    // Whatever A sent, no row of B's business was pushed by a device of A.
    const foreign = await handle.db.query('SELECT id FROM events WHERE business_id = $1 AND pushed_by = ANY($2::uuid[])', [b.businessId, a.devices.map((d) => d.deviceId)]);
    expect(foreign).toEqual([]);
  }

  it('a pull by either business returns only its own rows, at every cursor including the other\'s sequence numbers', async () => {
    await expectOnlyOwnRows(a, b);
    await expectOnlyOwnRows(b, a);
  });

  it('an event for a member of B is rejected as member_unknown and stores nothing', async () => {
    const [device] = a.devices;
    const bMember = b.members[1]!;
    const sneaky = eventRecord(device!.deviceId, bMember.id, { stamps: 50 });
    const voidOfB = eventRecord(device!.deviceId, bMember.id, { kind: 'void', voidsId: b.events[0]!.id, stamps: undefined });
    const redeemOfB = eventRecord(device!.deviceId, bMember.id, { kind: 'redeem', stamps: -7 });
    await expectBUntouchedBy(async () => {
      const response = await push(device!, [sneaky, voidOfB, redeemOfB].map((event) => ({ kind: 'event.append', event })));
      expect(response.rejections.map((r) => r.code)).toEqual(['member_unknown', 'member_unknown', 'member_unknown']);
    });
    const stored = await handle.db.query('SELECT id FROM events WHERE id = ANY($1::uuid[])', [[sneaky.id, voidOfB.id, redeemOfB.id]]);
    expect(stored).toEqual([]);
  });

  it("a member.upsert with the id of a member of B is rejected as id_conflict and leaves B's record unchanged", async () => {
    const [device] = a.devices;
    const target = b.members[2]!;
    const later = hlcAt(Date.now(), device!.deviceId);
    // A takeover with newer clocks on every field, and an erasure: either would win a merge.
    const takeover: Member = { ...target, name: 'Stolen', phoneE164: '+36301234567', cardCodes: ['1234567890'], clock: { name: later, phoneE164: later, cardCodes: later, consent: later } };
    const erasure: Member = { ...target, name: '', cardCodes: [], deletedAt: new Date().toISOString(), clock: {} };
    await expectBUntouchedBy(async () => {
      const response = await push(device!, [takeover, erasure].map((member) => ({ kind: 'member.upsert', member })));
      expect(response.rejections.map((r) => r.code)).toEqual(['id_conflict', 'id_conflict']);
    });
    const [row] = await handle.db.query<{ business_id: string; record: Member }>('SELECT business_id, record FROM members WHERE id = $1', [target.id]);
    expect(row).toEqual({ business_id: b.businessId, record: target });
  });

  it("an event with the id of an event of B is rejected as id_conflict and leaves it unchanged", async () => {
    const [device] = a.devices;
    const target = b.events[3]!;
    const [before] = await handle.db.query('SELECT * FROM events WHERE id = $1', [target.id]);
    await expectBUntouchedBy(async () => {
      const response = await push(device!, [
        // The id of B's event, on a member of A …
        { kind: 'event.append', event: { ...eventRecord(device!.deviceId, a.members[0]!.id, { stamps: 9 }), id: target.id } },
        // … and on B's own member, as an exact copy with other stamps.
        { kind: 'event.append', event: { ...target, stamps: 40, deviceId: device!.deviceId } },
      ]);
      expect(response.rejections.map((r) => r.code)).toEqual(['id_conflict', 'id_conflict']);
    });
    const [after] = await handle.db.query('SELECT * FROM events WHERE id = $1', [target.id]);
    expect(after).toEqual(before);
    // Nor did A get a copy of it.
    expect((await serverState(handle.db, a.businessId)).events.map((e) => e.id)).not.toContain(target.id);
  });

  it("settings pushed by A change A's settings only", async () => {
    const [device] = a.devices;
    const newer = settingsRecord(device!.deviceId, { shop: { name: 'Alpha café renamed' }, program: { goal: 12, rewardName: 'Alpha cake' } }, Date.now());
    await expectBUntouchedBy(async () => {
      const response = await push(device!, [{ kind: 'settings.put', settings: newer }]);
      expect(response.rejections).toEqual([]);
    });
    expect((await serverState(handle.db, a.businessId)).settings).toEqual(newer);
    expect((await serverState(handle.db, b.businessId)).settings).toEqual(b.settings);
    const pulled = await rawSyncClient(app, b.devices[1]!.token).pullAll();
    expect(pulled.changes.filter((c) => c.kind === 'settings')).toEqual([expect.objectContaining({ settings: b.settings })]);
  });

  it("an event of A claiming a device of B is stored as A's, and B never sees it", async () => {
    const [device] = a.devices;
    const claimed = eventRecord(b.devices[0]!.deviceId, a.members[1]!.id, { stamps: 1 }, BASE_MS + 5000);
    await expectBUntouchedBy(async () => {
      expect((await push(device!, [{ kind: 'event.append', event: claimed }])).rejections).toEqual([]);
    });
    const [row] = await handle.db.query<{ business_id: string; pushed_by: string }>('SELECT business_id, pushed_by FROM events WHERE id = $1', [claimed.id]);
    expect(row).toEqual({ business_id: a.businessId, pushed_by: device!.deviceId });
  });

  it("A's rejections are A's alone: B's devices see exactly their own, before and after", async () => {
    const [device] = a.devices;
    const aRejections = (await rawSyncClient(app, device!.token).pullAll()).rejections;
    expect(aRejections.map((r) => r.code).sort()).toEqual(['id_conflict', 'id_conflict', 'id_conflict', 'id_conflict', 'member_unknown', 'member_unknown', 'member_unknown']);
    // Device 2 of each business has its own single rejection (mid 2); device 1 of B has none.
    const expected = (tenant: Tenant, i: number) => (i === 1 ? [[2, 'invalid']] : tenant === a ? aRejections.map((r) => [r.mid, r.code]) : []);
    for (const [tenant, other] of [[b, a], [a, b]] as const) {
      for (const [i, device] of tenant.devices.entries()) {
        const { rejections, changes } = await rawSyncClient(app, device.token).pullAll();
        expect(rejections.map((r) => [r.mid, r.code]), `${tenant.name} device ${i + 1}`).toEqual(expected(tenant, i));
        expectNoneOf(await secretsOf(other, tenant), JSON.stringify({ rejections, changes }), `pull by ${tenant.name} device ${i + 1}`);
      }
    }
  });

  it('a revoked token gets 401 on push and on pull; the other device of the business keeps working', async () => {
    const [active, revoked] = a.devices;
    expect((await rawSyncClient(app, revoked!.token).pullResponse('cursor=0')).status).toBe(200);
    expect(await revokeDevice(handle.db, revoked!.deviceId)).toBe(true);
    const client = rawSyncClient(app, revoked!.token);
    const before = await serverState(handle.db, a.businessId);
    for (const response of [
      await client.pullResponse('cursor=0'),
      await client.pullResponse('cursor=0&limit=1'),
      await client.pushResponse({ mutations: numbered([{ kind: 'event.append', event: eventRecord(revoked!.deviceId, a.members[0]!.id) }], 3) }),
      await client.pushResponse('not even json'),
    ]) {
      expect(response.status).toBe(401);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ error: 'unauthorized' });
      expectNoneOf([...(await secretsOf(a)).filter((s) => s !== revoked!.token && s !== revoked!.deviceId), ...(await secretsOf(b))], text, 'a 401');
    }
    expect(await serverState(handle.db, a.businessId)).toEqual(before);
    expect(await rawSyncClient(app, active!.token).push(numbered([{ kind: 'event.append', event: eventRecord(active!.deviceId, a.members[0]!.id) }], nextMid.get(active!.deviceId)))).toMatchObject({ rejections: [] });
    nextMid.set(active!.deviceId, nextMid.get(active!.deviceId)! + 1);
  });

  it('/api/v1/pair cannot be used to read anything, with or without a token', async () => {
    const [device] = a.devices;
    const secrets = [...(await secretsOf(a)).filter((s) => s !== device!.token), ...(await secretsOf(b))];
    const expired = await createPairingCode(handle.db, b.shopId, new Date(Date.now() - PAIRING_CODE_TTL_MS - 60_000));
    const pair = (body: unknown, init: RequestInit = {}) =>
      app.request('/api/v1/pair', {
        method: 'POST',
        ...init,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${device!.token}`, ...(init.headers as Record<string, string> | undefined) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const attempts: [string, Response, number][] = [
      ['GET with a token', await app.request('/api/v1/pair', { headers: { authorization: `Bearer ${device!.token}` } }), 404],
      ['GET with a used code', await app.request(`/api/v1/pair?code=${encodeURIComponent(b.firstCode)}`), 404],
      ['an empty body', await pair(''), 400],
      ['no code', await pair({ deviceName: 'Spy' }), 400],
      ["B's used code", await pair({ code: b.firstCode, deviceName: 'Spy' }), 403],
      ["B's expired code", await pair({ code: expired.code, deviceName: 'Spy' }), 403],
      ["B's business id as the code", await pair({ code: b.businessId, deviceName: 'Spy' }), 400],
      ["B's shop id, shortened", await pair({ code: b.shopId.slice(0, 30), deviceName: 'Spy' }), 403],
      ["B's device token as the code", await pair({ code: b.devices[0]!.token.slice(0, 32), deviceName: 'Spy' }), 403],
      ['a made-up code', await pair({ code: 'AAAAA-AAAAA', deviceName: 'Spy' }), 403],
    ];
    for (const [what, response, status] of attempts) {
      expect(response.status, what).toBe(status);
      const text = await response.text();
      expectNoneOf(secrets, text, what);
      // A refusal says why, and nothing else: no ids, no names, no token.
      const body = JSON.parse(text) as Record<string, unknown>;
      expect(Object.keys(body).sort(), what).toEqual(status === 403 ? ['error', 'message', 'reason'] : ['error', 'message']);
    }
    // No device was paired by any of it.
    const [count] = await handle.db.query<{ n: string | number }>('SELECT count(*) AS n FROM devices WHERE business_id = ANY($1::uuid[])', [[a.businessId, b.businessId]]);
    expect(Number(count!.n)).toBe(4);
  });

  it('after all of the above, pulls are still confined to their own business at every cursor', async () => {
    await expectOnlyOwnRows({ ...a, devices: [a.devices[0]!] }, b);
    await expectOnlyOwnRows(b, a);
  });
});
