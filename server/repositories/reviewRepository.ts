import type { SqlDatabase } from '../db/sqlDatabase';

// What the owner should look at: redemptions that took a balance below zero (two tablets
// spending the same stamps while offline). They are kept; the owner settles them, e.g. with a
// compensating adjustment.

export interface OverdrawnRedemption {
  eventId: string;
  businessName: string;
  memberId: string;
  memberName: string;
  at: string;
  deviceName: string;
  flaggedAt: Date;
}

export async function listOverdrawnRedemptions(db: SqlDatabase): Promise<OverdrawnRedemption[]> {
  const rows = await db.query<{ id: string; business_name: string; member_id: string; member_name: string; at: string; device_name: string; overdrawn_at: Date }>(
    `SELECT e.id, b.name AS business_name, e.member_id, m.record->>'name' AS member_name, e.record->>'at' AS at,
            d.name AS device_name, e.overdrawn_at
       FROM events e
       JOIN businesses b ON b.id = e.business_id
       JOIN members m ON m.id = e.member_id
       JOIN devices d ON d.id = e.pushed_by
      WHERE e.overdrawn_at IS NOT NULL
      ORDER BY e.overdrawn_at`,
  );
  return rows.map((r) => ({
    eventId: r.id,
    businessName: r.business_name,
    memberId: r.member_id,
    memberName: r.member_name,
    at: r.at,
    deviceName: r.device_name,
    flaggedAt: new Date(r.overdrawn_at),
  }));
}
