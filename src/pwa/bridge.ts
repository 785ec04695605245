import { registerSW } from 'virtual:pwa-register';
import { makeFeedback, type TillStore } from '../state/store';
import { applyUpdateWhenIdle } from './updateGate';

// The one module that talks to the service worker. A new version waits (no skipWaiting) until
// the cashier taps "Update now", and even then until no write is in flight.

export function startServiceWorker(store: TillStore): void {
  if (!('serviceWorker' in navigator)) return;
  const updateServiceWorker = registerSW({
    onNeedRefresh() {
      store.setState({ updateAvailable: true });
    },
    onOfflineReady() {
      // Good news, but never at the cost of a message the cashier has not read yet.
      if (!store.getState().feedback) store.setState({ feedback: makeFeedback('info', 'offline.ready') });
    },
  });

  applyUpdateWhenIdle(store, () => void updateServiceWorker(true));
}

export function requestUpdate(store: TillStore): void {
  store.setState({ updateRequested: true });
}

export function dismissUpdate(store: TillStore): void {
  store.setState({ updateAvailable: false });
}
