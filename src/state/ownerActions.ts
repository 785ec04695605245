import type { DbContext } from '../db/context';
import type { OwnerView, TillState, TillStore } from './store';

// The owner session: unlocked by the owner PIN, locked by the Lock button, by 5 minutes without
// a touch or key in the owner area, and when the page is hidden. Taps on the till do not keep
// it open, so a cashier working on after the owner left cannot walk into Settings.

export const OWNER_IDLE_MS = 5 * 60_000;

/** Starts the owner session, or gives it 5 more minutes. */
export function extendOwnerSession(ctx: DbContext, store: TillStore): void {
  store.setState({ ownerUnlockedUntil: ctx.now() + OWNER_IDLE_MS });
}

/** Whether the owner session is open at `nowMs`: owner-only actions check it before they act. */
export function isOwnerSessionOpen(state: TillState, nowMs: number): boolean {
  return state.ownerUnlockedUntil !== undefined && nowMs < state.ownerUnlockedUntil;
}

export function createOwnerActions(ctx: DbContext, store: TillStore) {
  const isOwnerUnlocked = () => isOwnerSessionOpen(store.getState(), ctx.now());

  /** Locks at once and leaves the owner area (Settings included). */
  function lockOwner(): void {
    store.setState({ ownerUnlockedUntil: undefined, settingsOpen: false, pairingPrefill: undefined, ownerView: { kind: 'settings' } });
  }

  return {
    /** Owner-only features check this before they act or show anything. */
    isOwnerUnlocked,
    lockOwner,

    /** A touch or key in the owner area: 5 more minutes, unless the session has already lapsed. */
    touchOwnerSession(): void {
      if (isOwnerUnlocked()) extendOwnerSession(ctx, store);
      else lockOwner();
    },

    /** Called when the session's time is up: locks unless something extended it meanwhile. */
    lockOwnerIfIdle(): void {
      if (!isOwnerUnlocked()) lockOwner();
    },

    /**
     * Switches the owner area between Settings, the members list and a member (it renders only
     * behind the PIN). Whatever closes the owner area sets it back to Settings (ui/owner/OwnerArea).
     */
    showOwnerView(view: OwnerView): void {
      store.setState({ ownerView: view });
    },

    /** The PIN forms' actions: PBKDF2 and the PIN rules load with the owner gate, not at start-up. */
    loadOwnerPinActions: () => import('./ownerPinActions').then((m) => m.createOwnerPinActions(ctx, store)),
  };
}

export type OwnerActions = ReturnType<typeof createOwnerActions>;
