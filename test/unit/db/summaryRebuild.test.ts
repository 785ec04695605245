import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../../../src/core/errors';
import { enrollMember } from '../../../src/db/memberRepository';
import { rebuildSummaries } from '../../../src/db/ledgerRepository';
import { recordPunch, redeemReward, voidEntry } from '../../../src/db/tillRepository';
import { makeTestContext } from '../../support/dbContext';

// The summary cache, kept incrementally by every write, must equal a rebuild from the ledger
// for any history of punches, redemptions and undos across several members.

const action = fc.oneof(
  fc.record({ kind: fc.constant('punch' as const), member: fc.nat(2), stamps: fc.integer({ min: 1, max: 6 }), gapMs: fc.integer({ min: 0, max: 600_000 }) }),
  fc.record({ kind: fc.constant('redeem' as const), member: fc.nat(2), gapMs: fc.integer({ min: 0, max: 5_000 }) }),
  fc.record({ kind: fc.constant('undo' as const), back: fc.nat(3), gapMs: fc.integer({ min: 0, max: 12_000 }) }),
);

describe('summary cache', () => {
  it('equals a rebuild from the events after random histories with voids', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 30 }), async (actions) => {
        const ctx = await makeTestContext();
        const members = [];
        for (const name of ['Ann', 'Béla', 'Γιώργος']) members.push((await enrollMember(ctx, { name, phone: '', email: '', marketingConsent: false, welcomeBonus: false })).member);
        const recent: string[] = [];
        for (const step of actions) {
          ctx.clock.advance(step.gapMs);
          try {
            if (step.kind === 'punch') {
              recent.push((await recordPunch(ctx, { memberId: members[step.member]!.id, stamps: step.stamps, confirmedDespiteCooldown: true })).event.id);
            } else if (step.kind === 'redeem') {
              recent.push((await redeemReward(ctx, members[step.member]!.id)).event.id);
            } else {
              const target = recent[recent.length - 1 - step.back];
              if (target) await voidEntry(ctx, target);
            }
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
        }
        const incremental = await ctx.db.summaries.orderBy('memberId').toArray();
        await rebuildSummaries(ctx);
        const rebuilt = await ctx.db.summaries.orderBy('memberId').toArray();
        expect(incremental).toEqual(rebuilt);
        for (const summary of rebuilt) expect(summary.stamps).toBeGreaterThanOrEqual(0);
        ctx.db.close();
      }),
      { numRuns: 60 },
    );
  });
});
