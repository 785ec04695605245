import { couponCodeOf, formatCouponCode } from '../../src/core/coupons';
import type { SqlDatabase } from '../db/sqlDatabase';

// What the owner should look at: what two tablets offline did that the rules forbid, found when
// both had synced (see pushRepository). Nothing is refused or removed: the events are kept, and
// the owner settles them (a word with the customer, a compensating adjustment, …).
//  - Overdrawn redemptions: the same stamps or points spent twice.
//  - Reused coupons: one code accepted twice (by one member or two).

export interface OverdrawnRedemption {
  eventId: string;
  businessName: string;
  memberId: string;
  memberName: string;
  /** What was redeemed (the reward's name), when the event says. */
  reward?: string;
  stamps: number;
  points: number;
  at: string;
  deviceName: string;
  flaggedAt: Date;
}

export interface CouponUse {
  eventId: string;
  memberId: string;
  memberName: string;
  at: string;
  deviceName: string;
}

export interface ReusedCoupon extends CouponUse {
  businessName: string;
  /** As printed: "K7QX-29MD". */
  code: string;
  /** The campaign (batch) the code belongs to, as the use recorded it. */
  batchName?: string;
  flaggedAt: Date;
  /** The use that stands (the first, in HLC order, not undone), if there still is one. */
  firstUse?: CouponUse;
}

export interface Review {
  overdrafts: OverdrawnRedemption[];
  reusedCoupons: ReusedCoupon[];
}

type Row<K extends string> = Record<K, string | null>;

async function listOverdrawnRedemptions(db: SqlDatabase): Promise<OverdrawnRedemption[]> {
  const rows = await db.query<Row<'id' | 'business_name' | 'member_id' | 'member_name' | 'reward' | 'stamps' | 'points' | 'at' | 'device_name'> & { overdrawn_at: Date }>(
    `SELECT e.id, b.name AS business_name, e.member_id, m.record->>'name' AS member_name, e.record->>'reason' AS reward,
            e.record->>'stamps' AS stamps, e.record->>'points' AS points, e.record->>'at' AS at, d.name AS device_name, e.overdrawn_at
       FROM events e
       JOIN businesses b ON b.id = e.business_id
       JOIN members m ON m.id = e.member_id
       JOIN devices d ON d.id = e.pushed_by
      WHERE e.overdrawn_at IS NOT NULL
      ORDER BY e.overdrawn_at, e.hlc COLLATE "C"`,
  );
  return rows.map((r) => ({
    eventId: r.id!,
    businessName: r.business_name!,
    memberId: r.member_id!,
    memberName: r.member_name ?? '',
    ...(r.reward ? { reward: r.reward } : {}),
    stamps: Number(r.stamps ?? 0),
    points: Number(r.points ?? 0),
    at: r.at!,
    deviceName: r.device_name!,
    flaggedAt: new Date(r.overdrawn_at),
  }));
}

async function listReusedCoupons(db: SqlDatabase): Promise<ReusedCoupon[]> {
  const rows = await db.query<
    Row<'id' | 'business_name' | 'reward_id' | 'batch_name' | 'member_id' | 'member_name' | 'at' | 'device_name'> &
      Row<'first_id' | 'first_member_id' | 'first_member_name' | 'first_at' | 'first_device_name'> & { coupon_reused_at: Date }
  >(
    `SELECT e.id, b.name AS business_name, e.reward_id, e.record->>'reason' AS batch_name, e.member_id,
            m.record->>'name' AS member_name, e.record->>'at' AS at, d.name AS device_name, e.coupon_reused_at,
            f.id AS first_id, f.member_id AS first_member_id, f.member_name AS first_member_name, f.at AS first_at,
            f.device_name AS first_device_name
       FROM events e
       JOIN businesses b ON b.id = e.business_id
       JOIN members m ON m.id = e.member_id
       JOIN devices d ON d.id = e.pushed_by
       LEFT JOIN LATERAL (
         SELECT u.id, u.member_id, um.record->>'name' AS member_name, u.record->>'at' AS at, ud.name AS device_name
           FROM events u
           JOIN members um ON um.id = u.member_id
           JOIN devices ud ON ud.id = u.pushed_by
          WHERE u.business_id = e.business_id AND u.reward_id = e.reward_id AND u.kind = 'redeem'
            AND u.coupon_reused_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM events v WHERE v.voids_id = u.id AND v.business_id = u.business_id)
          ORDER BY u.hlc COLLATE "C"
          LIMIT 1
       ) f ON true
      WHERE e.coupon_reused_at IS NOT NULL
      ORDER BY e.coupon_reused_at, e.hlc COLLATE "C"`,
  );
  return rows.map((r) => ({
    eventId: r.id!,
    businessName: r.business_name!,
    code: formatCouponCode(couponCodeOf(r.reward_id!)!),
    ...(r.batch_name ? { batchName: r.batch_name } : {}),
    memberId: r.member_id!,
    memberName: r.member_name ?? '',
    at: r.at!,
    deviceName: r.device_name!,
    flaggedAt: new Date(r.coupon_reused_at),
    ...(r.first_id
      ? { firstUse: { eventId: r.first_id, memberId: r.first_member_id!, memberName: r.first_member_name ?? '', at: r.first_at!, deviceName: r.first_device_name! } }
      : {}),
  }));
}

/** Everything flagged for the owner, oldest flag first. */
export async function listReview(db: SqlDatabase): Promise<Review> {
  return { overdrafts: await listOverdrawnRedemptions(db), reusedCoupons: await listReusedCoupons(db) };
}
