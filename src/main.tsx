import { render } from 'preact';
import { PunchlineDatabase } from './db/database';
import { getOrCreateDevice } from './db/deviceRepository';
import type { DbContext } from './db/context';
import { startServiceWorker } from './pwa/bridge';
import { requestPersistentStorage } from './pwa/storage';
import { listenForWedgeScans } from './scan/wedgeListener';
import { createTillStore } from './state/store';
import { createTillActions } from './state/tillActions';
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
  const actions = createTillActions(ctx, store, { afterWrite: requestPersistentStorage });
  listenForWedgeScans(document, (code) => void actions.handleScan(code));
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
}

void start();
