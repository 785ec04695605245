import type { Table } from 'dexie';
import { DomainError } from '../core/errors';
import { groupBy } from '../core/groupBy';
import { decodeHlc, encodeHlc, receiveHlc } from '../core/hlc';
import { applyEvent, emptySummary } from '../core/ledger';
import { mergeMember, MEMBER_FIELDS } from '../core/memberMerge';
import type { Mutation } from '../core/mutations';
import type { NumberedMutation, PairResponse, PullResponse } from '../core/protocol';
import type { Hlc, LedgerEvent, Member, MemberSummary } from '../core/types';
import { isoAt, type DbContext } from './context';
import type { MemberRow } from './database';
import { loadMergeLinks, refoldSummaries } from './ledgerRepository';
import { fromMemberRow, toMemberRow } from './memberRows';
import { applyPulledSettings, currentSyncedSettings } from './settingsRepository';
import { getSyncLink, getSyncProgress, NO_PROGRESS, NO_STATUS } from './syncState';

// The sync engine's storage: every write it makes of IndexedDB, each change committed together
// with the cursor or acknowledgement that describes it. Loaded with the engine, after start-up;
// the reads the till needs at once are in syncState.ts.

/**
 * Stores a new pairing. Unsent outbox rows stay and will be numbered for the new device id.
 * A tablet holding members of another business is refused: its data must never leak into this one.
 */
export async function savePairing(ctx: DbContext, serverUrl: string, paired: PairResponse): Promise<void> {
  await ctx.db.transaction('rw', [ctx.db.sync, ctx.db.device, ctx.db.members], async () => {
    const [link, device, members] = await Promise.all([getSyncLink(ctx), ctx.db.device.get('self'), ctx.db.members.count()]);
    if (!device) throw new Error('Device not initialised: call getOrCreateDevice first');
    if (link && link.businessId !== paired.businessId && members > 0) throw new DomainError('sync.otherBusiness');
    await ctx.db.sync.bulkPut([
      {
        key: 'link',
        serverUrl,
        token: paired.token,
        deviceId: paired.deviceId,
        businessId: paired.businessId,
        businessName: paired.businessName,
        shopId: paired.shopId,
        pairedAt: isoAt(ctx.now()),
      },
      // A new device id has been handed no cursor yet: pull from the start (the server would
      // otherwise take a cursor it never issued to this device for a restored backup).
      NO_PROGRESS,
      NO_STATUS,
    ]);
    // New card numbers come from the server's prefix: unique across every paired tablet.
    await ctx.db.device.put({ ...device, deviceId: paired.deviceId, cardPrefix: paired.cardPrefix, lastCardSequence: 0 });
  });
}

/** The next mutations to push, in outbox order, numbered on from the last acknowledged one. */
export async function nextOutboxBatch(ctx: DbContext, limit: number): Promise<NumberedMutation[]> {
  return ctx.db.transaction('r', ctx.db.outbox, ctx.db.sync, async () => {
    const { ackedMid } = await getSyncProgress(ctx);
    const rows = await ctx.db.outbox.limit(limit).toArray();
    return rows.map((row, i) => ({ mid: ackedMid + 1 + i, ...row.mutation }));
  });
}

/** The server has applied everything up to `lastMid`: those rows leave the outbox. */
export async function acknowledgePush(ctx: DbContext, lastMid: number): Promise<void> {
  await ctx.db.transaction('rw', ctx.db.outbox, ctx.db.sync, async () => {
    // Unpaired meanwhile (a backup restored while a push was under way): the outbox is no longer the one pushed.
    if (!(await getSyncLink(ctx))) return;
    const progress = await getSyncProgress(ctx);
    const done = lastMid - progress.ackedMid;
    if (done <= 0) return;
    const keys = await ctx.db.outbox.limit(done).primaryKeys();
    await ctx.db.outbox.bulkDelete(keys);
    await ctx.db.sync.put({ ...progress, ackedMid: lastMid });
  });
}

const REQUEUE_CHUNK = 2000;

/** Inside a transaction with the outbox: every row of `table` as a mutation, read in key ranges. */
async function queueInChunks<Row extends { id: string }>(ctx: DbContext, table: Table<Row, string>, toMutation: (row: Row) => Mutation): Promise<void> {
  let after: string | undefined;
  for (;;) {
    const range = after === undefined ? table.toCollection() : table.where(':id').above(after);
    const rows = await range.limit(REQUEUE_CHUNK).toArray();
    if (rows.length === 0) return;
    await ctx.db.outbox.bulkAdd(rows.map((row) => ({ mutation: toMutation(row) })));
    after = rows.at(-1)!.id;
  }
}

/**
 * The server has lost changes it had acknowledged (it was restored from a backup): queue this
 * tablet's whole state to be pushed again and pull everything afresh. Merging and idempotent
 * events make sending what the server still has harmless.
 */
export async function requeueEverything(ctx: DbContext, serverLastMid: number): Promise<void> {
  const { db } = ctx;
  await db.transaction('rw', [db.members, db.events, db.outbox, db.settings, db.sync], async () => {
    await db.outbox.clear();
    const settings = await currentSyncedSettings(ctx);
    if (settings) await db.outbox.add({ mutation: { kind: 'settings.put', settings } });
    await queueInChunks(ctx, db.members, (row: MemberRow) => ({ kind: 'member.upsert', member: fromMemberRow(row) }));
    await queueInChunks(ctx, db.events, (event: LedgerEvent) => ({ kind: 'event.append', event }));
    await db.sync.put({ ...NO_PROGRESS, ackedMid: serverLastMid });
  });
}

/** Server time minus ours, measured at a sync: later HLC stamps follow the server's clock. */
export async function setClockOffset(ctx: DbContext, clockOffsetMs: number): Promise<void> {
  await ctx.db.transaction('rw', ctx.db.device, async () => {
    const device = await ctx.db.device.get('self');
    if (device) await ctx.db.device.put({ ...device, clockOffsetMs });
  });
}

function latestHlc(page: PullResponse): Hlc | undefined {
  let latest: Hlc | undefined;
  const see = (hlc: Hlc | undefined) => {
    if (hlc !== undefined && (latest === undefined || hlc > latest)) latest = hlc;
  };
  for (const change of page.changes) {
    if (change.kind === 'event') see(change.event.hlc);
    else if (change.kind === 'settings') see(change.settings.hlc);
    else for (const field of MEMBER_FIELDS) see(change.member.clock[field]);
  }
  return latest;
}

/**
 * Members from the server, merged with edits of ours that are still waiting to be pushed.
 * Returns the merged ones: their roots' balances now include their events.
 */
async function applyPulledMembers(ctx: DbContext, members: Member[]): Promise<string[]> {
  if (members.length === 0) return [];
  const waiting = (await ctx.db.outbox.count()) > 0 ? await ctx.db.outbox.toArray() : [];
  const pending = groupBy(
    waiting.flatMap(({ mutation }) => (mutation.kind === 'member.upsert' ? [mutation.member] : [])),
    (member) => member.id,
  );
  const rows = members.map((member) => toMemberRow((pending.get(member.id) ?? []).reduce(mergeMember, member)));
  await ctx.db.members.bulkPut(rows);
  return rows.filter((row) => row.mergedInto !== undefined).map((row) => row.id);
}

/**
 * Events from the server (ours included: the server may have clamped a timestamp). New visits
 * update the cached summaries incrementally; a void, or an event that came back changed,
 * refolds its member.
 */
async function applyPulledEvents(ctx: DbContext, events: LedgerEvent[], refold: Set<string>): Promise<void> {
  if (events.length === 0) return;
  const stored = await ctx.db.events.bulkGet(events.map((e) => e.id));
  // Members in a merge group fold the group's events: no incremental update for them.
  const links = await loadMergeLinks(ctx);
  const merging = new Set([...links.keys(), ...[...links.values()].map((link) => link.into)]);
  for (const event of events) if (merging.has(event.memberId)) refold.add(event.memberId);
  const freshEvents: LedgerEvent[] = [];
  events.forEach((event, i) => {
    const before = stored[i];
    if (event.kind === 'void' || (before && (before.at !== event.at || before.hlc !== event.hlc))) refold.add(event.memberId);
    else if (!before) freshEvents.push(event);
  });
  const fresh = groupBy(freshEvents, (event) => event.memberId);
  // A void that arrived before the event it cancels (possible after a server restore).
  const alreadyVoided = await ctx.db.events.where('voidsId').anyOf(freshEvents.map((e) => e.id)).toArray();
  for (const voidEvent of alreadyVoided) refold.add(voidEvent.memberId);
  await ctx.db.events.bulkPut(events);

  const incremental = [...fresh.keys()].filter((id) => !refold.has(id));
  const summaries = await ctx.db.summaries.bulkGet(incremental);
  const updated: MemberSummary[] = incremental.map((memberId, i) =>
    fresh.get(memberId)!.reduce((summary, event) => applyEvent(summary, event)!, summaries[i] ?? emptySummary(memberId)),
  );
  await ctx.db.summaries.bulkPut(updated);
}

/** One pulled page, applied in one transaction together with the cursor that follows it. */
export async function applyPulledPage(ctx: DbContext, page: PullResponse): Promise<void> {
  const { db } = ctx;
  await db.transaction('rw', [db.members, db.events, db.summaries, db.outbox, db.settings, db.device, db.sync], async () => {
    // Unpaired meanwhile (a backup restored while a pull was under way): the page is dropped.
    if (!(await getSyncLink(ctx))) return;
    const refold = new Set(await applyPulledMembers(ctx, page.changes.flatMap((c) => (c.kind === 'member' ? [c.member] : []))));
    await applyPulledEvents(ctx, page.changes.flatMap((c) => (c.kind === 'event' ? [c.event] : [])), refold);
    if (refold.size > 0) await refoldSummaries(ctx, refold);
    for (const change of page.changes) if (change.kind === 'settings') await applyPulledSettings(ctx, change.settings);

    const latest = latestHlc(page);
    const device = await db.device.get('self');
    if (latest && device && latest > encodeHlc(device.hlc, device.deviceId)) {
      await db.device.put({ ...device, hlc: receiveHlc(device.hlc, decodeHlc(latest), ctx.now() + (device.clockOffsetMs ?? 0)) });
    }
    const progress = await getSyncProgress(ctx);
    await db.sync.put({ ...progress, cursor: page.cursor, headSeq: page.headSeq });
  });
}

/**
 * After a sync that left nothing to push: a clock that ran far ahead (and was clamped by the
 * server) is wound back to the server's time plus the allowance, so that this tablet's next
 * edits are ordered fairly against everyone else's.
 */
export async function rewindRunawayClock(ctx: DbContext, maxAheadMs: number): Promise<void> {
  await ctx.db.transaction('rw', ctx.db.device, ctx.db.outbox, async () => {
    const device = await ctx.db.device.get('self');
    if (!device || (await ctx.db.outbox.count()) > 0) return;
    const limit = ctx.now() + (device.clockOffsetMs ?? 0) + maxAheadMs;
    if (device.hlc.wallMs > limit) await ctx.db.device.put({ ...device, hlc: { wallMs: limit, counter: 0 } });
  });
}
