import { DomainError } from '../core/errors';
import { newId } from '../core/ids';
import { applyEvent, emptySummary, foldEvents } from '../core/ledger';
import { assertCanRedeem, assertCanUndo, assertCanVoid, assertStampCount, assertWithinDailyCap, isWithinCooldown } from '../core/stampRules';
import type { LedgerEvent, MemberSummary, StampProgram } from '../core/types';
import { isoAt, type DbContext } from './context';
import type { MemberRow } from './database';
import { advanceDevice } from './deviceRepository';
import { getProgram } from './settingsRepository';

export type NewEvent = Omit<LedgerEvent, 'id' | 'deviceId' | 'at' | 'hlc' | 'programVersion'>;

/** Tables a ledger write touches: keep every caller's transaction scope in one place. */
export function ledgerTables(ctx: DbContext) {
  return [ctx.db.members, ctx.db.events, ctx.db.summaries, ctx.db.outbox, ctx.db.device, ctx.db.settings];
}

/**
 * Appends one event inside the caller's transaction: the event, its summary update and its
 * outbox row are committed together or not at all.
 */
export async function appendEvent(
  ctx: DbContext,
  program: StampProgram,
  current: MemberSummary,
  draft: NewEvent,
  voided?: LedgerEvent,
): Promise<{ event: LedgerEvent; summary: MemberSummary }> {
  const stamp = await advanceDevice(ctx, { cardNumber: false });
  const event: LedgerEvent = {
    ...draft,
    id: newId(),
    deviceId: stamp.deviceId,
    at: isoAt(ctx.now()),
    hlc: stamp.hlc,
    programVersion: program.version,
  };
  const summary =
    applyEvent(current, event, voided) ??
    foldEvents(event.memberId, [...(await ctx.db.events.where('memberId').equals(event.memberId).toArray()), event]);
  // Independent writes of one transaction: issued together, committed together.
  await Promise.all([
    ctx.db.events.add(event),
    ctx.db.summaries.put(summary),
    ctx.db.outbox.add({ mutation: { kind: 'event.append', event } }),
  ]);
  return { event, summary };
}

export async function requireLiveMember(ctx: DbContext, memberId: string): Promise<MemberRow> {
  const member = await ctx.db.members.get(memberId);
  if (!member) throw new DomainError('member.notFound');
  if (member.deletedAt) throw new DomainError('member.erased');
  return member;
}

async function summaryOf(ctx: DbContext, memberId: string): Promise<MemberSummary> {
  return (await ctx.db.summaries.get(memberId)) ?? emptySummary(memberId);
}

export interface PunchRequest {
  memberId: string;
  stamps: number;
  /** The cashier confirmed a punch inside the cooldown window. */
  confirmedDespiteCooldown?: boolean;
}

/** What the till shows after a write: the event, the new balance, and whose it is. */
export interface LedgerWrite {
  event: LedgerEvent;
  summary: MemberSummary;
  memberName: string;
}

/** Stamps punched for a member since local midnight on this tablet, undone punches left out. */
async function stampsPunchedToday(ctx: DbContext, memberId: string): Promise<number> {
  const midnight = new Date(ctx.now());
  midnight.setHours(0, 0, 0, 0);
  const since = isoAt(midnight.getTime());
  const events = await ctx.db.events.where('memberId').equals(memberId).toArray();
  const voided = new Set(events.filter((e) => e.kind === 'void').map((e) => e.voidsId));
  return events.filter((e) => e.kind === 'stamp' && e.at >= since && !voided.has(e.id)).reduce((sum, e) => sum + (e.stamps ?? 0), 0);
}

export async function recordPunch(ctx: DbContext, request: PunchRequest): Promise<LedgerWrite> {
  return ctx.db.transaction('rw', ledgerTables(ctx), async () => {
    const [program, member, summary] = await Promise.all([
      getProgram(ctx),
      requireLiveMember(ctx, request.memberId),
      summaryOf(ctx, request.memberId),
    ]);
    assertStampCount(request.stamps, program);
    if (program.dailyCap > 0) assertWithinDailyCap(await stampsPunchedToday(ctx, member.id), request.stamps, program);
    if (!request.confirmedDespiteCooldown && isWithinCooldown(summary, ctx.now(), program)) {
      throw new DomainError('punch.cooldown', { minutes: program.cooldownMinutes });
    }
    const written = await appendEvent(ctx, program, summary, { memberId: member.id, kind: 'stamp', stamps: request.stamps });
    return { ...written, memberName: member.name };
  });
}

export async function redeemReward(ctx: DbContext, memberId: string): Promise<LedgerWrite> {
  return ctx.db.transaction('rw', ledgerTables(ctx), async () => {
    const [program, member, summary] = await Promise.all([
      getProgram(ctx),
      requireLiveMember(ctx, memberId),
      summaryOf(ctx, memberId),
    ]);
    assertCanRedeem(summary, program);
    const written = await appendEvent(ctx, program, summary, {
      memberId,
      kind: 'redeem',
      stamps: -program.goal,
      reason: program.rewardName,
    });
    return { ...written, memberName: member.name };
  });
}

/**
 * Records a void event for an earlier entry; nothing is ever deleted. The till's undo works only
 * within the undo window; the owner (`by: 'owner'`, behind the PIN) may void an entry at any time.
 */
export async function voidEntry(ctx: DbContext, eventId: string, by: 'till' | 'owner' = 'till') {
  return ctx.db.transaction('rw', ledgerTables(ctx), async () => {
    const program = await getProgram(ctx);
    const target = await ctx.db.events.get(eventId);
    if (!target) throw new DomainError('void.notFound');
    const alreadyVoided = (await ctx.db.events.where('voidsId').equals(eventId).count()) > 0;
    const summary = await summaryOf(ctx, target.memberId);
    if (by === 'owner') assertCanVoid(target, alreadyVoided, summary);
    else assertCanUndo(target, alreadyVoided, summary, ctx.now(), program);
    const draft: NewEvent = { memberId: target.memberId, kind: 'void', voidsId: target.id, ...(by === 'owner' ? { reason: 'owner' } : {}) };
    return appendEvent(ctx, program, summary, draft, target);
  });
}

export async function memberEvents(ctx: DbContext, memberId: string): Promise<LedgerEvent[]> {
  const events = await ctx.db.events.where('memberId').equals(memberId).toArray();
  return events.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
}

/** Recomputes every summary from the ledger (repair, or after a sync rewrites history). */
export async function rebuildSummaries(ctx: DbContext): Promise<number> {
  return ctx.db.transaction('rw', ctx.db.events, ctx.db.summaries, ctx.db.members, async () => {
    const memberIds = (await ctx.db.members.toCollection().primaryKeys()) as string[];
    for (const memberId of memberIds) {
      const events = await ctx.db.events.where('memberId').equals(memberId).toArray();
      await ctx.db.summaries.put(foldEvents(memberId, events));
    }
    return memberIds.length;
  });
}
