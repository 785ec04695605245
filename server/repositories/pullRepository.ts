import type { Change, PullResponse, Rejection, SyncedSettings } from '../../src/core/protocol';
import type { LedgerEvent, Member } from '../../src/core/types';
import type { SqlDatabase } from '../db/sqlDatabase';
import type { AuthenticatedDevice } from './businessRepository';

// A pull reads the business's committed change_seq first and returns only rows numbered at or
// below it: pushes number rows under the business lock and commit before the next push numbers
// any, so everything ≤ that head is already visible and no page can skip a late commit. The
// cursor handed out is remembered per device (pulled_seq), so that a database restored from an
// older backup recognises a cursor it never issued.

const RECENT_REJECTIONS = 50;

type Seq = string | number;

export async function pullChanges(
  db: SqlDatabase,
  device: AuthenticatedDevice,
  query: { cursor: number; limit: number },
  now = new Date(),
): Promise<PullResponse> {
  const [business] = await db.query<{ change_seq: Seq }>('SELECT change_seq FROM businesses WHERE id = $1', [device.businessId]);
  const [self] = await db.query<{ last_mid: Seq; pulled_seq: Seq }>('SELECT last_mid, pulled_seq FROM devices WHERE id = $1', [device.deviceId]);
  if (!business || !self) throw new Error(`Device ${device.deviceId} or its business is gone`);
  const headSeq = Number(business.change_seq);
  const { cursor, limit } = query;
  const rejections = await recentRejections(db, device);
  if (cursor > Number(self.pulled_seq)) {
    // This cursor was never handed out by this database: it was restored from an older backup.
    return { changes: [], cursor, headSeq, more: false, lastMid: Number(self.last_mid), rejections, serverTime: now.toISOString(), restored: true };
  }
  // One row more than a page from each table tells whether anything is left after this page.
  const window = [device.businessId, cursor, headSeq, limit + 1];
  const members = await db.query<{ seq: Seq; record: Member }>(
    'SELECT seq, record FROM members WHERE business_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4',
    window,
  );
  const events = await db.query<{ seq: Seq; record: LedgerEvent }>(
    'SELECT seq, record FROM events WHERE business_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4',
    window,
  );
  const settings = await db.query<{ seq: Seq; record: SyncedSettings }>(
    'SELECT seq, record FROM business_settings WHERE business_id = $1 AND seq > $2 AND seq <= $3',
    window.slice(0, 3),
  );
  const merged: Change[] = [
    ...members.map((r): Change => ({ seq: Number(r.seq), kind: 'member', member: r.record })),
    ...events.map((r): Change => ({ seq: Number(r.seq), kind: 'event', event: r.record })),
    ...settings.map((r): Change => ({ seq: Number(r.seq), kind: 'settings', settings: r.record })),
  ].sort((a, b) => a.seq - b.seq);
  const more = merged.length > limit;
  const changes = more ? merged.slice(0, limit) : merged;
  const nextCursor = more ? changes.at(-1)!.seq : headSeq;
  await db.query('UPDATE devices SET pulled_seq = GREATEST(pulled_seq, $2) WHERE id = $1', [device.deviceId, nextCursor]);
  return { changes, cursor: nextCursor, headSeq, more, lastMid: Number(self.last_mid), rejections, serverTime: now.toISOString(), restored: false };
}

async function recentRejections(db: SqlDatabase, device: AuthenticatedDevice): Promise<Rejection[]> {
  const rows = await db.query<{ mid: Seq; code: Rejection['code']; message: string; created_at: Date | string }>(
    'SELECT mid, code, message, created_at FROM sync_rejections WHERE device_id = $1 ORDER BY mid DESC LIMIT $2',
    [device.deviceId, RECENT_REJECTIONS],
  );
  return rows.map((r) => ({ mid: Number(r.mid), code: r.code, message: r.message, at: new Date(r.created_at).toISOString() }));
}
