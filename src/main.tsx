import { render } from 'preact';
import { PunchlineDatabase } from './db/database';
import { getOrCreateDevice } from './db/deviceRepository';
import type { DbContext } from './db/context';
import { startServiceWorker } from './pwa/bridge';
import { requestPersistentStorage } from './pwa/storage';
import { listenForWedgeScans } from './scan/wedgeListener';
import { createCardActions } from './state/cardActions';
import { createSettingsActions } from './state/settingsActions';
import { createScanActions } from './state/scanActions';
import { createOwnerActions } from './state/ownerActions';
import { createTillStore } from './state/store';
import { createSyncActions } from './state/syncActions';
import { createTillActions } from './state/tillActions';
import { startSync } from './sync/syncService';
import { App } from './ui/App';
import { AppContext } from './ui/context';
import { StartupFailure } from './ui/system/StartupFailure';
import './ui/styles.css';

// Start-up opens the database and reads one device row: it never loads the member base.
async function start(): Promise<void> {
  const ctx: DbContext = { db: new PunchlineDatabase(), now: Date.now, random: Math.random };
  try {
    await getOrCreateDevice(ctx);
  } catch (error) {
    render(<StartupFailure error={error} />, document.getElementById('app')!);
    return;
  }
  const store = createTillStore();
  const sync = startSync(ctx);
  const afterWrite = () => {
    requestPersistentStorage();
    sync.afterLocalWrite();
  };
  const till = createTillActions(ctx, store, { afterWrite });
  const syncActions = createSyncActions(ctx, store, sync);
  const actions = {
    ...till,
    ...syncActions,
    ...createScanActions(till, syncActions),
    ...createCardActions(ctx, store, { afterWrite }),
    ...createSettingsActions(ctx, store, { afterWrite }),
    ...createOwnerActions(ctx, store),
  };
  // The owner area locks when the tablet switches app or goes to sleep.
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) actions.lockOwner();
  });
  listenForWedgeScans(document, actions.handleScanned);
  // A pairing link opened in a new tab, or in this one while the app is open.
  const openPairingLinkInAddress = () => {
    if (actions.openPairingLink(location.href)) history.replaceState(null, '', location.pathname);
  };
  openPairingLinkInAddress();
  window.addEventListener('hashchange', openPairingLinkInAddress);
  render(
    <AppContext.Provider value={{ ctx, store, actions }}>
      <App />
    </AppContext.Provider>,
    document.getElementById('app')!,
  );
  document.documentElement.dataset.ready = 'true';
  startServiceWorker(store);
  // Warm the phone parser after start-up so the first full-number lookup is instant.
  requestIdleCallback(() => void import('./core/phone'));
  // Summaries of an older version gain what lists and exports read (see summaryBackfill.ts).
  requestIdleCallback(() => void import('./db/summaryBackfill').then((m) => m.backfillSummaries(ctx)).catch((error) => console.error('summary backfill', error)));
}

void start();
