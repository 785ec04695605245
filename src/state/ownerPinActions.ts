import type { DbContext } from '../db/context';
import { checkOwnerPin, setOwnerPin } from '../db/ownerPinRepository';
import '../i18n/parts/owner.en';
import { actionErrorOf, type ActionError } from './actionError';
import { extendOwnerSession } from './ownerActions';
import { makeFeedback, type TillStore } from './store';

// Setting, typing and changing the owner PIN (a lazy chunk: see createOwnerActions). Each one
// that succeeds starts the owner session; a failure comes back for the form to show.

export function createOwnerPinActions(ctx: DbContext, store: TillStore) {
  async function unlockWith(attempt: () => Promise<void>): Promise<ActionError | undefined> {
    try {
      await attempt();
      // The check takes up to a second: if the owner cancelled or the page locked meanwhile,
      // a right PIN opens nothing.
      if (store.getState().settingsOpen) extendOwnerSession(ctx, store);
      return undefined;
    } catch (error) {
      return actionErrorOf(error, 'error.storage');
    }
  }

  return {
    /** The first owner PIN of this tablet, typed twice. */
    setOwnerPin(pin: string, repeat: string): Promise<ActionError | undefined> {
      return unlockWith(() => setOwnerPin(ctx, { pin, repeat }));
    },

    unlockOwner(pin: string): Promise<ActionError | undefined> {
      return unlockWith(() => checkOwnerPin(ctx, pin));
    },

    async changeOwnerPin(current: string, pin: string, repeat: string): Promise<ActionError | undefined> {
      const failure = await unlockWith(() => setOwnerPin(ctx, { pin, repeat, current }));
      if (!failure) store.setState({ feedback: makeFeedback('success', 'owner.pinChanged') });
      return failure;
    },
  };
}

export type OwnerPinActions = ReturnType<typeof createOwnerPinActions>;
