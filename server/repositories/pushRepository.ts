import * as v from 'valibot';
import { mergeGroup, mergeLinksOf, rootsOf, type MergeLinks } from '../../src/core/mergeGroups';
import { groupBy } from '../../src/core/groupBy';
import { memberBalance } from '../../src/core/balance';
import { couponCodeOf, reusedCoupons, unionCouponBatches } from '../../src/core/coupons';
import { mergeMember, sameMember } from '../../src/core/memberMerge';
import type { Mutation } from '../../src/core/mutations';
import { DEFAULT_PROGRAM } from '../../src/core/program';
import { MutationSchema, SyncedSettingsSchema, type PushResponse, type Rejection, type SyncedSettings } from '../../src/core/protocol';
import type { LedgerEvent, Member } from '../../src/core/types';
import type { SqlClient, SqlDatabase } from '../db/sqlDatabase';
import { clampMutation } from '../sync/clampMutation';
import type { AuthenticatedDevice } from './businessRepository';
import { jsonParam, uuidsIn } from './sqlJson';

// A push applies a device's outbox in one transaction: everything in it is committed, or none.

/** The mutations that continue the device's numbering: mids ≤ lastMid are done, a gap stops the run. */
export function nextRun<T extends { mid: number }>(mutations: readonly T[], lastMid: number): T[] {
  const run: T[] = [];
  for (const mutation of [...mutations].sort((a, b) => a.mid - b.mid)) {
    const expected = lastMid + run.length + 1;
    if (mutation.mid < expected) continue;
    if (mutation.mid > expected) break;
    run.push(mutation);
  }
  return run;
}

interface Accepted<K extends Mutation['kind']> {
  mid: number;
  mutation: Extract<Mutation, { kind: K }>;
}

/** What one push does inside its transaction; passed to each step. */
interface PushStep {
  tx: SqlClient;
  device: AuthenticatedDevice;
  now: Date;
  nextSeq: () => number;
  reject: (mid: number, code: Rejection['code'], message: string) => void;
}

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const [first] = issues;
  if (!first) return 'Invalid mutation';
  const path = v.getDotPath(first);
  return `Invalid mutation: ${path ? `${path}: ` : ''}${first.message}`.slice(0, 300);
}

async function applyMembers(step: PushStep, upserts: Accepted<'member.upsert'>[]): Promise<void> {
  if (upserts.length === 0) return;
  // The members merged into must be in this business too: read them with the upserted ones.
  const ids = [...new Set(upserts.flatMap((u) => [u.mutation.member.id, ...(u.mutation.member.mergedInto ? [u.mutation.member.mergedInto] : [])]))];
  const stored = await step.tx.query<{ id: string; business_id: string; record: Member }>(
    `SELECT id, business_id, record FROM members WHERE id IN (${uuidsIn('$1')})`,
    [jsonParam(ids)],
  );
  const current = new Map(stored.map((row) => [row.id, row]));
  const changed = new Map<string, Member>();
  for (const { mid, mutation } of upserts) {
    const incoming = mutation.member;
    const existing = current.get(incoming.id);
    if (existing && existing.business_id !== step.device.businessId) {
      step.reject(mid, 'id_conflict', `Member id ${incoming.id} is already in use`);
      continue;
    }
    const target = incoming.mergedInto === undefined ? undefined : current.get(incoming.mergedInto);
    if (incoming.mergedInto !== undefined && target?.business_id !== step.device.businessId) {
      step.reject(mid, 'member_unknown', `No member ${incoming.mergedInto} in this business to merge into`);
      continue;
    }
    const merged = existing ? mergeMember(existing.record, incoming) : incoming;
    if (existing && sameMember(merged, existing.record)) continue;
    current.set(incoming.id, { id: incoming.id, business_id: step.device.businessId, record: merged });
    changed.set(incoming.id, merged);
  }
  if (changed.size === 0) return;
  const rows = [...changed.values()].map((member) => ({ seq: step.nextSeq(), member }));
  await step.tx.query(
    `INSERT INTO members (id, business_id, seq, record, deleted_at, merged_into)
     SELECT (r->'member'->>'id')::uuid, $1, (r->>'seq')::bigint, r->'member', (r->'member'->>'deletedAt')::timestamptz,
            (r->'member'->>'mergedInto')::uuid
       FROM jsonb_array_elements($2::text::jsonb) AS r
     ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, record = EXCLUDED.record, deleted_at = EXCLUDED.deleted_at, merged_into = EXCLUDED.merged_into
      WHERE members.business_id = EXCLUDED.business_id`,
    [step.device.businessId, jsonParam(rows)],
  );
}

/** The business's settings as last synced; undefined when none were pushed yet (or unreadable). */
async function storedSettings(step: PushStep): Promise<SyncedSettings | undefined> {
  const [stored] = await step.tx.query<{ record: unknown }>('SELECT record FROM business_settings WHERE business_id = $1', [step.device.businessId]);
  const parsed = v.safeParse(SyncedSettingsSchema, stored?.record);
  return parsed.success ? parsed.output : undefined;
}

/**
 * Settings are last-writer-wins by HLC, except coupon batches, which are never edited and merge by
 * id: a batch made offline on one tablet survives a later change from another.
 */
async function applySettings(step: PushStep, puts: Accepted<'settings.put'>[]): Promise<void> {
  const latest = puts.map((p) => p.mutation.settings).reduce<SyncedSettings | undefined>(
    (best, s) => (best === undefined || s.hlc > best.hlc ? s : best),
    undefined,
  );
  if (!latest) return;
  const current = await storedSettings(step);
  const incomingCoupons = puts.flatMap((p) => p.mutation.settings.program.coupons);
  const winner = current && current.hlc >= latest.hlc ? current : latest;
  const coupons = unionCouponBatches(current?.program.coupons ?? [], unionCouponBatches(winner.program.coupons, incomingCoupons));
  if (winner === current && coupons.length === current.program.coupons.length) return;
  const merged: SyncedSettings = { ...winner, program: { ...winner.program, coupons } };
  await step.tx.query(
    `INSERT INTO business_settings (business_id, seq, hlc, record) VALUES ($1, $2, $3, $4::text::jsonb)
     ON CONFLICT (business_id) DO UPDATE SET seq = EXCLUDED.seq, hlc = EXCLUDED.hlc, record = EXCLUDED.record`,
    [step.device.businessId, step.nextSeq(), merged.hlc, jsonParam(merged)],
  );
}

/** Which member of the business was merged into which (few rows: a partial index holds them). */
async function mergeLinks(step: PushStep): Promise<MergeLinks> {
  const rows = await step.tx.query<{ record: Member }>('SELECT record FROM members WHERE business_id = $1 AND merged_into IS NOT NULL', [step.device.businessId]);
  return mergeLinksOf(rows.map((row) => row.record));
}

/**
 * Redemptions that spent more stamps or points than the member had at that moment (two tablets
 * offline spending the same balance): folded in HLC order with expiry, the later one is flagged,
 * once, for the owner's review. The events are kept.
 *
 * Only redemptions from the earliest point the pushed spends change onwards are judged (a void
 * changes the fold where the event it cancels stood): the fold before that point is the one
 * already judged, and re-judging it under today's program (the inactivity expiry is not written
 * into the events) could flag a redemption that was fine under the rules it was made under.
 */
async function flagOverdrafts(step: PushStep, spends: LedgerEvent[]): Promise<void> {
  if (spends.length === 0) return;
  // The program's expiry rules decide balances; before any settings were pushed, the default's.
  const program = (await storedSettings(step))?.program ?? DEFAULT_PROGRAM;
  // A balance is a merge group's: the member and everyone merged into it (core/duplicateMerge).
  const links = await mergeLinks(step);
  const rootOf = rootsOf(new Set(spends.map((e) => e.memberId)), links);
  const groupIds = [...new Set([...rootOf.values()].flatMap((root) => mergeGroup(root, links)))];
  const events = await step.tx.query<{ member_id: string; record: LedgerEvent; overdrawn_at: Date | null }>(
    `SELECT member_id, record, overdrawn_at FROM events WHERE business_id = $2 AND member_id IN (${uuidsIn('$1')})`,
    [jsonParam(groupIds), step.device.businessId],
  );
  const byId = new Map(events.map((e) => [e.record.id, e.record]));
  const changedFrom = new Map<string, string>();
  for (const spend of spends) {
    const cancelled = spend.voidsId === undefined ? undefined : byId.get(spend.voidsId);
    const from = cancelled && cancelled.hlc < spend.hlc ? cancelled.hlc : spend.hlc;
    const root = rootOf.get(spend.memberId)!;
    const earlier = changedFrom.get(root);
    if (earlier === undefined || from < earlier) changedFrom.set(root, from);
  }
  const now = step.now.toISOString();
  const flagged = new Set(events.filter((e) => e.overdrawn_at !== null).map((e) => e.record.id));
  const groupRoots = rootsOf(new Set(events.map((e) => e.member_id)), links);
  const toFlag = [...groupBy(events, (e) => groupRoots.get(e.member_id)!)].flatMap(([root, groupEvents]) =>
    memberBalance(groupEvents.map((e) => e.record), program, now).overdrawn.filter(
      (id) => !flagged.has(id) && byId.get(id)!.hlc >= changedFrom.get(root)!,
    ),
  );
  if (toFlag.length === 0) return;
  await step.tx.query(`UPDATE events SET overdrawn_at = $2 WHERE business_id = $3 AND id IN (${uuidsIn('$1')}) AND overdrawn_at IS NULL`, [
    jsonParam(toFlag),
    now,
    step.device.businessId,
  ]);
}

/**
 * A coupon code is good for one use in the whole business: every use after the first (in HLC
 * order, whichever member brought it) is flagged, once, for the owner's review, and kept.
 */
async function flagReusedCoupons(step: PushStep, rewardIds: string[]): Promise<void> {
  if (rewardIds.length === 0) return;
  // The uses of these codes and the voids of those uses: an undone use does not count.
  const events = await step.tx.query<{ record: LedgerEvent; coupon_reused_at: Date | null }>(
    `WITH uses AS (SELECT id, record, coupon_reused_at FROM events
                    WHERE business_id = $1 AND reward_id IN (SELECT jsonb_array_elements_text($2::text::jsonb)))
     SELECT record, coupon_reused_at FROM uses
     UNION ALL
     SELECT voids.record, voids.coupon_reused_at FROM events voids JOIN uses ON voids.voids_id = uses.id
      WHERE voids.business_id = $1`,
    [step.device.businessId, jsonParam(rewardIds)],
  );
  const flagged = new Set(events.filter((e) => e.coupon_reused_at !== null).map((e) => e.record.id));
  const toFlag = reusedCoupons(events.map((e) => e.record)).map((e) => e.id).filter((id) => !flagged.has(id));
  if (toFlag.length === 0) return;
  await step.tx.query(`UPDATE events SET coupon_reused_at = $2 WHERE business_id = $3 AND id IN (${uuidsIn('$1')}) AND coupon_reused_at IS NULL`, [
    jsonParam(toFlag),
    step.now.toISOString(),
    step.device.businessId,
  ]);
}

async function applyEvents(step: PushStep, appends: Accepted<'event.append'>[]): Promise<void> {
  if (appends.length === 0) return;
  const eventIds = appends.map((a) => a.mutation.event.id);
  const memberIds = [...new Set(appends.map((a) => a.mutation.event.memberId))];
  const storedEvents = await step.tx.query<{ id: string; business_id: string }>(`SELECT id, business_id FROM events WHERE id IN (${uuidsIn('$1')})`, [jsonParam(eventIds)]);
  const members = await step.tx.query<{ id: string; business_id: string }>(`SELECT id, business_id FROM members WHERE id IN (${uuidsIn('$1')})`, [jsonParam(memberIds)]);
  const eventBusiness = new Map(storedEvents.map((e) => [e.id, e.business_id]));
  const memberBusiness = new Map(members.map((m) => [m.id, m.business_id]));
  const rows: { seq: number; event: LedgerEvent }[] = [];
  for (const { mid, mutation } of appends) {
    const event = mutation.event;
    const owner = eventBusiness.get(event.id);
    if (owner !== undefined) {
      // Already stored: a retried push. Idempotent, unless the id belongs to someone else.
      if (owner !== step.device.businessId) step.reject(mid, 'id_conflict', `Event id ${event.id} is already in use`);
      continue;
    }
    if (memberBusiness.get(event.memberId) !== step.device.businessId) {
      step.reject(mid, 'member_unknown', `No member ${event.memberId} in this business`);
      continue;
    }
    eventBusiness.set(event.id, step.device.businessId);
    rows.push({ seq: step.nextSeq(), event });
  }
  if (rows.length === 0) return;
  await step.tx.query(
    `INSERT INTO events (id, business_id, member_id, seq, kind, stamps, hlc, voids_id, reward_id, record, pushed_by)
     SELECT (r->'event'->>'id')::uuid, $1, (r->'event'->>'memberId')::uuid, (r->>'seq')::bigint, r->'event'->>'kind',
            COALESCE((r->'event'->>'stamps')::integer, 0), r->'event'->>'hlc', (r->'event'->>'voidsId')::uuid,
            r->'event'->>'rewardId', r->'event', $2
       FROM jsonb_array_elements($3::text::jsonb) AS r
     ON CONFLICT (id) DO NOTHING`,
    [step.device.businessId, step.device.deviceId, jsonParam(rows)],
  );
  // Only a spend (or the void of an earning) can overdraw; only a new use of a code can reuse it
  // (a void can only free one).
  const pushed = rows.map(({ event }) => event);
  const mayOverdraw = pushed.filter((event) => event.kind === 'void' || (event.stamps ?? 0) < 0 || (event.points ?? 0) < 0);
  const couponUses = pushed.flatMap((event) => (event.kind === 'redeem' && couponCodeOf(event.rewardId) !== undefined ? [event.rewardId!] : []));
  await flagOverdrafts(step, mayOverdraw);
  await flagReusedCoupons(step, [...new Set(couponUses)]);
}

/**
 * Applies a device's mutations after its last applied mid, in one transaction, under the
 * business row's lock (which is what keeps the change sequence in commit order).
 */
export async function pushMutations(
  db: SqlDatabase,
  device: AuthenticatedDevice,
  mutations: readonly { mid: number }[],
  now = new Date(),
): Promise<PushResponse> {
  return db.transaction(async (tx) => {
    const [business] = await tx.query<{ change_seq: string | number }>('SELECT change_seq FROM businesses WHERE id = $1 FOR UPDATE', [device.businessId]);
    const [self] = await tx.query<{ last_mid: string | number }>('SELECT last_mid FROM devices WHERE id = $1', [device.deviceId]);
    if (!business || !self) throw new Error(`Device ${device.deviceId} or its business is gone`);
    const startSeq = Number(business.change_seq);
    let seq = startSeq;
    const rejections: Rejection[] = [];
    const step: PushStep = {
      tx,
      device,
      now,
      nextSeq: () => ++seq,
      reject: (mid, code, message) => rejections.push({ mid, code, message, at: now.toISOString() }),
    };

    const run = nextRun(mutations, Number(self.last_mid));
    const upserts: Accepted<'member.upsert'>[] = [];
    const settingsPuts: Accepted<'settings.put'>[] = [];
    const appends: Accepted<'event.append'>[] = [];
    for (const raw of run) {
      const parsed = v.safeParse(MutationSchema, raw);
      if (!parsed.success) {
        step.reject(raw.mid, 'invalid', describeIssues(parsed.issues));
        continue;
      }
      const mutation = clampMutation(parsed.output, now.getTime());
      if (mutation.kind === 'member.upsert') upserts.push({ mid: raw.mid, mutation });
      else if (mutation.kind === 'settings.put') settingsPuts.push({ mid: raw.mid, mutation });
      else appends.push({ mid: raw.mid, mutation });
    }
    // Members before events: an event may belong to a member created in the same push.
    await applyMembers(step, upserts);
    await applySettings(step, settingsPuts);
    await applyEvents(step, appends);

    if (rejections.length > 0) {
      await tx.query(
        `INSERT INTO sync_rejections (device_id, mid, code, message, created_at)
         SELECT $1, (r->>'mid')::bigint, r->>'code', r->>'message', (r->>'at')::timestamptz FROM jsonb_array_elements($2::text::jsonb) AS r
         ON CONFLICT DO NOTHING`,
        [device.deviceId, jsonParam(rejections)],
      );
    }
    const lastMid = run.at(-1)?.mid ?? Number(self.last_mid);
    await tx.query('UPDATE devices SET last_mid = $2, last_seen_at = $3 WHERE id = $1', [device.deviceId, lastMid, now.toISOString()]);
    if (seq !== startSeq) await tx.query('UPDATE businesses SET change_seq = $2 WHERE id = $1', [device.businessId, seq]);
    return { lastMid, rejections: rejections.sort((a, b) => a.mid - b.mid), serverTime: now.toISOString() };
  });
}
