import type { Member } from '../core/types';
import type { DbContext } from '../db/context';
import type { DuplicateListing } from '../db/memberMergeRepository';
import '../i18n/parts/memberMerge.en';
import { createOwnerTasks, type ActionResult } from './ownerTask';
import { makeFeedback, type TillStore } from './store';

// The owner's duplicate finder and merge, behind the owner session; the repository (and its
// name matching) loads on first use, with the owner area.

const repository = () => import('../db/memberMergeRepository');

export function createMemberMergeActions(ctx: DbContext, store: TillStore) {
  const { run } = createOwnerTasks(ctx, store);
  return {
    findDuplicates(): Promise<ActionResult<DuplicateListing>> {
      return run(async () => (await repository()).findLikelyDuplicates(ctx));
    },

    /** Merges `absorbed` into `survivor`: one member with both cards and ledgers, on every tablet after sync. */
    mergeMembers(survivor: Member, absorbed: Member): Promise<ActionResult<Member>> {
      return run(async () => {
        const merged = await (await repository()).mergeMembers(ctx, survivor.id, absorbed.id);
        store.setState({ feedback: makeFeedback('success', 'merge.done', { name: merged.name, other: absorbed.name }) });
        return merged;
      });
    },
  };
}

export type MemberMergeActions = ReturnType<typeof createMemberMergeActions>;
