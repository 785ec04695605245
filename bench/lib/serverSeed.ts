// A business with a large history, written straight into the server's tables: the same rows a
// push would have stored (record jsonb, copied-out columns, one change sequence per business),
// but in batched multi-row inserts, so 600k rows take seconds rather than hundreds of pushes.

import type { SqlDatabase } from '../../server/db/sqlDatabase';
import { createBusiness, createPairingCode, pairDevice } from '../../server/repositories/businessRepository';
import { generateMemberRecords } from '../page/seedData';

/** Members per transaction (each with 5 events: 12k rows). */
const CHUNK = 2_000;

export interface SeededBusiness {
  businessId: string;
  /** A fresh single-use code, for the tablet under test (the seed till used another). */
  pairingCode: string;
  members: number;
  events: number;
  headSeq: number;
}

// The columns exactly as server/repositories/pushRepository.ts fills them.
const INSERT_MEMBERS = `INSERT INTO members (id, business_id, seq, record, deleted_at)
  SELECT (r->'member'->>'id')::uuid, $1, (r->>'seq')::bigint, r->'member', (r->'member'->>'deletedAt')::timestamptz
    FROM jsonb_array_elements($2::text::jsonb) AS r`;
const INSERT_EVENTS = `INSERT INTO events (id, business_id, member_id, seq, kind, stamps, hlc, voids_id, record, pushed_by)
  SELECT (r->'event'->>'id')::uuid, $1, (r->'event'->>'memberId')::uuid, (r->>'seq')::bigint, r->'event'->>'kind',
         COALESCE((r->'event'->>'stamps')::integer, 0), r->'event'->>'hlc', (r->'event'->>'voidsId')::uuid, r->'event', $2
    FROM jsonb_array_elements($3::text::jsonb) AS r`;

/**
 * Members 0…n-1 of bench/page/seedData.ts, each followed in the change sequence by its 5 events
 * (as if each member had enrolled and then visited), pushed by a "seed till" device.
 */
export async function seedServerBusiness(db: SqlDatabase, n: number, onChunk?: (done: number) => void): Promise<SeededBusiness> {
  const business = await createBusiness(db, { name: 'Bench' });
  const seedTill = await pairDevice(db, { code: (await createPairingCode(db, business.shopId)).code, deviceName: 'Seed till' });
  const nowMs = Date.now();
  let seq = 0;
  let events = 0;
  for (let from = 0; from < n; from += CHUNK) {
    const memberRows: { seq: number; member: unknown }[] = [];
    const eventRows: { seq: number; event: unknown }[] = [];
    for (let i = from; i < Math.min(n, from + CHUNK); i++) {
      const generated = generateMemberRecords(i, nowMs);
      memberRows.push({ seq: ++seq, member: generated.member });
      for (const event of generated.events) eventRows.push({ seq: ++seq, event });
    }
    await db.transaction(async (tx) => {
      await tx.query(INSERT_MEMBERS, [business.businessId, JSON.stringify(memberRows)]);
      await tx.query(INSERT_EVENTS, [business.businessId, seedTill.deviceId, JSON.stringify(eventRows)]);
    });
    events += eventRows.length;
    onChunk?.(from + memberRows.length);
  }
  await db.query('UPDATE businesses SET change_seq = $2 WHERE id = $1', [business.businessId, seq]);
  return { businessId: business.businessId, pairingCode: business.code, members: n, events, headSeq: seq };
}
