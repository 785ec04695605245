import type { SyncActions } from './syncActions';
import type { TillActions } from './tillActions';

/** Every scan, from the wedge scanner or the camera, takes one path: a pairing QR opens the connect form, anything else is a card. */
export function createScanActions(till: Pick<TillActions, 'handleScan'>, sync: Pick<SyncActions, 'openPairingLink'>) {
  return {
    handleScanned(code: string): void {
      if (!sync.openPairingLink(code)) void till.handleScan(code);
    },
  };
}

export type ScanActions = ReturnType<typeof createScanActions>;
