import type { MemberSummary } from '../core/types';
import type { DbContext } from './context';
import { refoldSummaries } from './ledgerRepository';

// Summaries written before they kept `latestVisits` and `expiringEarnings` (schema v3) get them
// here, in the background after start-up: refolded from the ledger a few members per transaction,
// so the till keeps punching meanwhile (a till write waits at most for one small chunk). Until a
// row has them, whoever reads it (the export, the members list) asks the ledger instead.

const CHUNK = 100;

const isOld = (summary: MemberSummary) => summary.latestVisits === undefined || summary.expiringEarnings === undefined;

/**
 * Refolds every summary without the new fields; returns how many it refolded. Safe to run twice,
 * or while the till writes. Once it has gone through every summary the device row says so, and
 * later start-ups skip the scan (every summary written since has the fields).
 */
export async function backfillSummaries(ctx: DbContext): Promise<number> {
  if ((await ctx.db.device.get('self'))?.summariesBackfilled) return 0;
  let after: string | undefined;
  let refolded = 0;
  for (;;) {
    const page = await (after === undefined ? ctx.db.summaries.orderBy(':id') : ctx.db.summaries.where(':id').above(after)).limit(CHUNK * 10).toArray();
    if (page.length === 0) {
      await ctx.db.device.update('self', { summariesBackfilled: true });
      return refolded;
    }
    const old = page.filter(isOld).map((summary) => summary.memberId);
    for (let start = 0; start < old.length; start += CHUNK) {
      const ids = old.slice(start, start + CHUNK);
      // Re-checked inside the transaction: a till write may have refolded some meanwhile.
      await ctx.db.transaction('rw', ctx.db.members, ctx.db.events, ctx.db.summaries, async () => {
        const current = await ctx.db.summaries.bulkGet(ids);
        const stale = ids.filter((_, i) => current[i] !== undefined && isOld(current[i]!));
        if (stale.length > 0) await refoldSummaries(ctx, stale);
        refolded += stale.length;
      });
    }
    after = page.at(-1)!.memberId;
  }
}
