import type { TillStore } from '../state/store';

/**
 * Calls `apply` once, after the cashier asked for the update and no write is in flight, so a
 * reload can never cut a punch or a sign-up in half.
 */
export function applyUpdateWhenIdle(store: TillStore, apply: () => void): () => void {
  let applied = false;
  const check = () => {
    const state = store.getState();
    if (applied || !state.updateRequested || state.writesInFlight > 0) return;
    applied = true;
    apply();
  };
  const unsubscribe = store.subscribe(check);
  check();
  return unsubscribe;
}
