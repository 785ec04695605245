import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../server/db/migrate';
import { createBusiness, pairDevice, type PairedDevice } from '../../server/repositories/businessRepository';
import { pushMutations } from '../../server/repositories/pushRepository';
import { jsonParam } from '../../server/repositories/sqlJson';
import type { LedgerEvent, Member } from '../../src/core/types';
import { eventRecord, memberRecord, numbered } from '../support/records';
import { serverBackends, type TestDatabase } from '../support/serverDatabases';

// A database as an older server left it, then upgraded: what a migration does to the rows
// already there.

const BEFORE_COUPONS = readMigrations().filter((m) => m.name < '004_coupons.sql');
const backends = await serverBackends(BEFORE_COUPONS);

describe.each(backends)('migrations 004 (coupons) and 005 (member merges) on %s', (_name, open) => {
  let handle: TestDatabase;
  let device: PairedDevice;
  let member: Member;
  let absorbed: Member;
  const couponUse = (ms: number) => eventRecord(device.deviceId, member.id, { kind: 'redeem', stamps: undefined, rewardId: 'coupon:K7QX29MD', reason: 'Spring' }, ms);
  let used: LedgerEvent;
  let catalogue: LedgerEvent;
  let punch: LedgerEvent;

  beforeAll(async () => {
    handle = await open();
    const business = await createBusiness(handle.db, { name: 'Upgraded café' });
    device = await pairDevice(handle.db, { code: business.code, deviceName: 'Till 1' });
    member = memberRecord(device.deviceId);
    used = couponUse(Date.now() - 60_000);
    catalogue = eventRecord(device.deviceId, member.id, { kind: 'redeem', stamps: undefined, points: -100, rewardId: 'cake' });
    punch = eventRecord(device.deviceId, member.id);
    // Rows as the server before 004 stored them: the reward only inside the record.
    // A member merged into the first (as a newer tablet might have pushed before the server was upgraded).
    absorbed = memberRecord(device.deviceId, { name: '', mergedInto: member.id });
    for (const row of [member, absorbed]) {
      await handle.db.query('INSERT INTO members (id, business_id, seq, record) VALUES ($1, $2, 1, $3::text::jsonb)', [row.id, business.businessId, jsonParam(row)]);
    }
    for (const [i, event] of [used, catalogue, punch].entries()) {
      await handle.db.query(
        `INSERT INTO events (id, business_id, member_id, seq, kind, stamps, hlc, record, pushed_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9)`,
        [event.id, business.businessId, member.id, i + 2, event.kind, event.stamps ?? 0, event.hlc, jsonParam(event), device.deviceId],
      );
    }
    await handle.db.query('UPDATE businesses SET change_seq = 4 WHERE id = $1', [business.businessId]);
  }, 60_000);
  afterAll(async () => {
    await handle?.drop();
  });

  it('copies each stored event\'s rewardId into reward_id, and a later second use of that code is flagged', async () => {
    expect(await migrate(handle.db)).toEqual(['004_coupons.sql', '005_member_merges.sql']);
    const rows = await handle.db.query<{ id: string; reward_id: string | null; coupon_reused_at: Date | null }>(
      'SELECT id, reward_id, coupon_reused_at FROM events WHERE member_id = $1 ORDER BY seq',
      [member.id],
    );
    expect(rows.map((r) => [r.id, r.reward_id, r.coupon_reused_at])).toEqual([
      [used.id, 'coupon:K7QX29MD', null],
      [catalogue.id, 'cake', null],
      [punch.id, null, null],
    ]);

    const again = couponUse(Date.now());
    const response = await pushMutations(handle.db, device, numbered([{ kind: 'event.append', event: again }]));
    expect(response.rejections).toEqual([]);
    const flagged = await handle.db.query<{ id: string }>('SELECT id FROM events WHERE coupon_reused_at IS NOT NULL');
    expect(flagged.map((r) => r.id)).toEqual([again.id]);
  });

  it('copies each stored member\'s mergedInto into merged_into', async () => {
    const rows = await handle.db.query<{ id: string; merged_into: string | null }>('SELECT id, merged_into FROM members WHERE id IN ($1, $2)', [member.id, absorbed.id]);
    expect(new Map(rows.map((r) => [r.id, r.merged_into]))).toEqual(new Map([[member.id, null], [absorbed.id, member.id]]));
  });
});
