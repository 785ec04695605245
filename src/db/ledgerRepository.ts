import { earningExpiry } from '../core/balance';
import { DomainError } from '../core/errors';
import { isMergedAway, mergeGroup, mergeLinksOf, mergeRoot, rootsOf, type MergeLink } from '../core/mergeGroups';
import { byHlc } from '../core/hlc';
import { newId } from '../core/ids';
import { applyEvent, emptySummary, foldEvents } from '../core/ledger';
import type { Hlc, Iso, LedgerEvent, LoyaltyProgram, MemberSummary } from '../core/types';
import { isoAt, type DbContext } from './context';
import type { MemberRow } from './database';
import { advanceDevice } from './deviceRepository';

export type NewEvent = Omit<LedgerEvent, 'id' | 'deviceId' | 'at' | 'hlc' | 'programVersion'>;

/** Tables a ledger write touches: keep every caller's transaction scope in one place. */
export function ledgerTables(ctx: DbContext) {
  return [ctx.db.members, ctx.db.events, ctx.db.summaries, ctx.db.outbox, ctx.db.device, ctx.db.settings];
}

/** An event as the ledger records it: its id, the tablet's stamp, the program it falls under. */
export function stampedEvent(draft: NewEvent, program: LoyaltyProgram, stamp: { deviceId: string; hlc: Hlc }, at: Iso): LedgerEvent {
  const expiresAt = earningExpiry(draft, program, at);
  return {
    ...draft,
    ...(expiresAt ? { expiresAt } : {}),
    id: newId(),
    deviceId: stamp.deviceId,
    at,
    hlc: stamp.hlc,
    programVersion: program.version,
  };
}

/**
 * Appends one event inside the caller's transaction: the event, its summary update and its
 * outbox row are committed together or not at all.
 */
export async function appendEvent(
  ctx: DbContext,
  program: LoyaltyProgram,
  current: MemberSummary,
  draft: NewEvent,
  voided?: LedgerEvent,
): Promise<{ event: LedgerEvent; summary: MemberSummary }> {
  const stamp = await advanceDevice(ctx, { cardNumber: false });
  const event = stampedEvent(draft, program, stamp, isoAt(ctx.now()));
  const summary = applyEvent(current, event, voided) ?? foldEvents(event.memberId, [...(await memberEvents(ctx, event.memberId)), event]);
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
  if (member.mergedInto && isMergedAway(member, await loadMergeLinks(ctx))) throw new DomainError('member.merged');
  return member;
}

/** The member whose balance this member's events count for (itself unless merged away). */
export async function mergeRootOf(ctx: DbContext, memberId: string): Promise<string> {
  return mergeRoot(memberId, await loadMergeLinks(ctx));
}

/** Which member was merged into which: few rows, read whole (only merged members are in the index). */
export async function loadMergeLinks(ctx: DbContext): Promise<Map<string, MergeLink>> {
  return mergeLinksOf(await ctx.db.members.orderBy('mergedInto').toArray());
}

export async function summaryOf(ctx: DbContext, memberId: string): Promise<MemberSummary> {
  return (await ctx.db.summaries.get(memberId)) ?? emptySummary(memberId);
}

/** These events and the voids that cancel any of them, so that `effectiveEvents` can leave undone ones out. */
export async function withTheirVoids(ctx: DbContext, events: LedgerEvent[]): Promise<LedgerEvent[]> {
  const voids = await ctx.db.events.where('voidsId').anyOf(events.map((event) => event.id)).toArray();
  return [...events, ...voids];
}

/** The events of a merge group's members, unordered. */
function groupEvents(ctx: DbContext, group: readonly string[]): Promise<LedgerEvent[]> {
  // Almost every member is a group of one: one key range read (anyOf steps a cursor).
  const byMember = ctx.db.events.where('memberId');
  return (group.length === 1 ? byMember.equals(group[0]!) : byMember.anyOf(group)).toArray();
}

/** A member's ledger in HLC order, with the events of every member merged into them. */
export async function memberEvents(ctx: DbContext, memberId: string): Promise<LedgerEvent[]> {
  const events = await groupEvents(ctx, mergeGroup(memberId, await loadMergeLinks(ctx)));
  return events.sort(byHlc);
}

/**
 * Refolds the summaries of these members' roots from their merge groups' events; a merged
 * member has no summary of its own (its events count for its root).
 */
export async function refoldSummaries(ctx: DbContext, memberIds: Iterable<string>): Promise<void> {
  const ids = [...memberIds];
  const links = await loadMergeLinks(ctx);
  const roots = new Set(rootsOf(ids, links).values());
  for (const rootId of roots) {
    await ctx.db.summaries.put(foldEvents(rootId, await groupEvents(ctx, mergeGroup(rootId, links))));
  }
  const merged = ids.filter((id) => !roots.has(id));
  if (merged.length > 0) await ctx.db.summaries.bulkDelete(merged);
}

/** Recomputes every summary from the ledger (repair, or after a sync rewrites history). */
export async function rebuildSummaries(ctx: DbContext): Promise<number> {
  return ctx.db.transaction('rw', ctx.db.events, ctx.db.summaries, ctx.db.members, async () => {
    const memberIds = (await ctx.db.members.toCollection().primaryKeys()) as string[];
    await refoldSummaries(ctx, memberIds);
    return memberIds.length;
  });
}
