import type { DbContext } from '../db/context';
import { actionErrorOf, type ActionError } from './actionError';
import { isOwnerSessionOpen } from './ownerActions';
import { makeFeedback, type TillStore } from './store';

// The shape of an owner-area action on a member: refused once the owner session has lapsed (a
// screen may stay open past it), any failure announced in the feedback banner and returned.

export type ActionResult<T> = { ok: true; value: T } | { ok: false; error: ActionError };

export const OWNER_LOCKED: ActionError = { key: 'owner.locked', params: {} };

export function createOwnerTasks(ctx: DbContext, store: TillStore) {
  function fail(error: ActionError): { ok: false; error: ActionError } {
    store.setState({ feedback: makeFeedback('error', error.key, error.params) });
    return { ok: false, error };
  }
  return {
    fail,
    sessionOpen: () => isOwnerSessionOpen(store.getState(), ctx.now()),
    /** Runs `work` for the owner; its domain errors become translated messages. */
    async run<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
      if (!isOwnerSessionOpen(store.getState(), ctx.now())) return fail(OWNER_LOCKED);
      try {
        return { ok: true, value: await work() };
      } catch (error) {
        return fail(actionErrorOf(error, 'error.storage'));
      }
    },
  };
}
