import { parsePairingLink } from '../core/pairingLink';
import type { DbContext } from '../db/context';
import type { PairingInput } from '../sync/pairing';
import type { SyncHandle } from '../sync/syncService';
import { actionErrorOf, type ActionError } from './actionError';
import { isOwnerSessionOpen } from './ownerActions';
import { makeFeedback, type TillStore } from './store';

// Connecting the tablet to the shop's backend, and the "sync now" button.

export function createSyncActions(ctx: DbContext, store: TillStore, sync: SyncHandle) {
  return {
    syncNow(): void {
      sync.syncNow();
    },

    /** A scanned or opened pairing link: open Settings on the connect form, filled in. */
    openPairingLink(text: string): boolean {
      const link = parsePairingLink(text);
      if (!link) return false;
      store.setState({ settingsOpen: true, pairingPrefill: link });
      return true;
    },

    /** Pairs the tablet; the form shows the error, if any, next to its fields. */
    async connectToBackend(input: PairingInput): Promise<ActionError | undefined> {
      if (!isOwnerSessionOpen(store.getState(), ctx.now())) return { key: 'owner.locked', params: {} };
      try {
        // Pairing is rare: its code loads with the sync engine's chunk, not at start-up.
        const { pairWithServer } = await import('../sync/pairing');
        const paired = await pairWithServer(ctx, input);
        store.setState({ pairingPrefill: undefined, feedback: makeFeedback('success', 'sync.connectedFeedback', { business: paired.businessName }) });
        sync.syncNow();
        return undefined;
      } catch (error) {
        return actionErrorOf(error, 'error.pair.failed');
      }
    },
  };
}

export type SyncActions = ReturnType<typeof createSyncActions>;
