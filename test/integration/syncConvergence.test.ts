import { afterAll, beforeAll, describe, it } from 'vitest';
import fc from 'fast-check';
import type { Hono } from 'hono';
import { createBusiness } from '../../server/repositories/businessRepository';
import { isDomainError } from '../../src/core/errors';
import { recordPunch, redeemReward, voidEntry } from '../../src/db/tillRepository';
import { enrollMember } from '../../src/db/memberRepository';
import { editMember, eraseMember } from '../../src/db/memberEdits';
import { mergeMembers } from '../../src/db/memberMergeRepository';
import { saveSettings } from '../../src/db/settingsChanges';
import { openSyncTestApp } from '../support/syncServer';
import { serverBackends, type TestDatabase } from '../support/serverDatabases';
import { expectConverged, inProcessFetch, syncUntilQuiet, Tablet, type Fault } from '../support/tablets';

// Several tablets — the real client code over fake-indexeddb — work offline and sync with the
// real server app in random orders, through a network that drops, repeats and reorders requests,
// and with apps killed between a local write and its push or between the server's commit and its
// answer. Afterwards every tablet must equal the server: nothing lost, nothing counted twice.

const backends = await serverBackends();
const TABLETS = 3;
const HOUR = 3600_000;

type Op =
  | { kind: 'enroll'; tablet: number; name: string; bonus: boolean }
  | { kind: 'punch'; tablet: number; pick: number; stamps: number }
  | { kind: 'redeem'; tablet: number; pick: number }
  | { kind: 'undo'; tablet: number }
  | { kind: 'edit'; tablet: number; pick: number; name?: string; note?: string }
  | { kind: 'erase'; tablet: number; pick: number }
  | { kind: 'merge'; tablet: number; pick: number; other: number }
  | { kind: 'settings'; tablet: number; goal: number }
  | { kind: 'sync'; tablet: number; faults: Fault[] }
  | { kind: 'syncTogether'; faults: Fault[][] }
  | { kind: 'restart'; tablet: number }
  | { kind: 'wait'; ms: number };

const tablet = fc.nat({ max: TABLETS - 1 });
const pick = fc.nat({ max: 20 });
const fault = fc.constantFrom<Fault>('none', 'none', 'dropRequest', 'dropResponse', 'duplicate', 'replayStale');
const faults = fc.array(fault, { maxLength: 6 });
const name = fc.constantFrom('Éva Kovács', 'Anna', 'Bence Tóth', 'Zoé', 'Ödön');

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('enroll' as const), tablet, name, bonus: fc.boolean() }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('punch' as const), tablet, pick, stamps: fc.integer({ min: 1, max: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('redeem' as const), tablet, pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('undo' as const), tablet }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('edit' as const), tablet, pick, name: fc.option(name, { nil: undefined }), note: fc.option(fc.constantFrom('VIP', 'Oat milk', ''), { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('erase' as const), tablet, pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('merge' as const), tablet, pick, other: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('settings' as const), tablet, goal: fc.integer({ min: 3, max: 12 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sync' as const), tablet, faults }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('syncTogether' as const), faults: fc.array(faults, { minLength: TABLETS, maxLength: TABLETS }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), tablet }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 1000, max: 10 * 60_000 }) }) },
);

async function memberAt(t: Tablet, index: number): Promise<string | undefined> {
  const ids = (await t.ctx.db.members.toCollection().primaryKeys()) as string[];
  return ids.length === 0 ? undefined : ids[index % ids.length];
}

/** Domain refusals (not enough stamps, erased member, undo too late…) are expected here. */
async function tolerateRefusal(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!isDomainError(error)) throw error;
  }
}

async function perform(tablets: Tablet[], op: Op, lastEvent: Map<number, string>): Promise<void> {
  if (op.kind === 'wait') {
    for (const t of tablets) t.clock.advance(op.ms);
    return;
  }
  if (op.kind === 'syncTogether') {
    await Promise.all(tablets.map((t, i) => t.sync(op.faults[i])));
    return;
  }
  const t = tablets[op.tablet]!;
  const memberId = 'pick' in op ? await memberAt(t, op.pick) : undefined;
  switch (op.kind) {
    case 'enroll':
      return tolerateRefusal(() => enrollMember(t.ctx, { name: op.name, phone: '', email: '', marketingConsent: false, welcomeBonus: op.bonus }));
    case 'punch':
      if (!memberId) return;
      return tolerateRefusal(async () => {
        const written = await recordPunch(t.ctx, { memberId, stamps: op.stamps, confirmedDespiteCooldown: true });
        lastEvent.set(op.tablet, written.event.id);
      });
    case 'redeem':
      if (!memberId) return;
      return tolerateRefusal(async () => lastEvent.set(op.tablet, (await redeemReward(t.ctx, memberId)).event.id));
    case 'undo': {
      const eventId = lastEvent.get(op.tablet);
      if (!eventId) return;
      lastEvent.delete(op.tablet);
      return tolerateRefusal(() => voidEntry(t.ctx, eventId));
    }
    case 'edit':
      if (!memberId) return;
      return tolerateRefusal(() => editMember(t.ctx, memberId, { ...(op.name ? { name: op.name } : {}), ...(op.note !== undefined ? { note: op.note } : {}) }));
    case 'erase':
      if (!memberId) return;
      return tolerateRefusal(() => eraseMember(t.ctx, memberId));
    case 'merge': {
      const otherId = await memberAt(t, op.other);
      if (!memberId || !otherId) return;
      return tolerateRefusal(() => mergeMembers(t.ctx, memberId, otherId));
    }
    case 'settings':
      return tolerateRefusal(() =>
        saveSettings(t.ctx, {
          program: { goal: op.goal, rewardName: `Reward ${op.goal}`, welcomeBonusStamps: 1, cooldownMinutes: 5 },
          shop: { name: 'Property café', country: 'HU', currency: 'HUF', locale: 'en' },
        }),
      );
    case 'sync':
      await t.sync(op.faults);
      return;
    case 'restart':
      return t.restart();
  }
}

describe.each(backends)('convergence of simulated tablets on %s', (_name, open) => {
  let handle: TestDatabase;
  let app: Hono;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ handle, app, close } = await openSyncTestApp(open));
  }, 60_000);
  afterAll(async () => {
    await close?.();
  });

  it('every tablet ends equal to the server, whatever the order, faults and crashes', { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 45 }), async (ops) => {
        const business = await createBusiness(handle.db, { name: 'Property café' });
        // Clocks: one right, one 3 h ahead, one 3 h behind.
        const tablets = await Promise.all([0, 3 * HOUR, -3 * HOUR].map((offset, i) => new Tablet(`tablet ${i + 1}`, inProcessFetch(app), offset).start()));
        try {
          for (const t of tablets) await t.pair(handle.db, business.shopId);
          const lastEvent = new Map<number, string>();
          for (const step of ops) await perform(tablets, step, lastEvent);
          await syncUntilQuiet(tablets);
          await expectConverged(handle.db, business.businessId, tablets);
        } finally {
          for (const t of tablets) t.close();
        }
      }),
      { numRuns: Number(process.env.SYNC_PROPERTY_RUNS ?? 25) },
    );
  });
});
