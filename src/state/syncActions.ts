import { parsePairingLink } from '../core/pairingLink';
import { isDomainError } from '../core/errors';
import type { DbContext } from '../db/context';
import type { MessageKey, MessageParams } from '../i18n';
import { pairWithServer, type PairingInput } from '../sync/pairing';
import type { SyncHandle } from '../sync/syncService';
import { makeFeedback, type TillStore } from './store';

// Connecting the tablet to the shop's backend, and the "sync now" button.

export interface ActionError {
  key: MessageKey;
  params: MessageParams;
}

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
      try {
        const paired = await pairWithServer(ctx, input);
        store.setState({ pairingPrefill: undefined, feedback: makeFeedback('success', 'sync.connectedFeedback', { business: paired.businessName }) });
        sync.syncNow();
        return undefined;
      } catch (error) {
        if (isDomainError(error)) return { key: `error.${error.code}` as MessageKey, params: error.params };
        console.error(error);
        return { key: 'error.pair.failed', params: { detail: error instanceof Error ? error.message : String(error) } };
      }
    },
  };
}

export type SyncActions = ReturnType<typeof createSyncActions>;
