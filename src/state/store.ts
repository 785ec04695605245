import { createStore } from 'zustand/vanilla';
import type { MessageKey, MessageParams } from '../i18n';

// UI and session state only: durable data lives in IndexedDB and is read through db hooks.

export type Screen = 'till' | 'enroll' | 'card';

/** A view over the app: a member's card to print or to show the customer, blank cards or a coupon batch to print. */
export type CardView =
  | { kind: 'print' | 'show'; memberId: string }
  | { kind: 'blankSheets'; cardNumbers: string[] }
  | { kind: 'coupons'; batchId: string };

/** What the owner area shows: Settings, the members list, one member or the likely duplicates (opened from the list). */
export type OwnerView = { kind: 'settings' } | { kind: 'members' } | { kind: 'member'; memberId: string } | { kind: 'duplicates' };

export interface Feedback {
  /** Changes on every new message so the UI re-announces and re-animates identical ones. */
  id: number;
  tone: 'success' | 'error' | 'info';
  key: MessageKey;
  params: MessageParams;
}

export interface UndoableAction {
  eventId: string;
  memberId: string;
  atMs: number;
}

/** A visit to record: stamps punched, or a purchase amount (minor units) that earns points. */
export type Visit = { kind: 'punch'; stamps: number } | { kind: 'purchase'; amountMinor: number };

/** A visit inside the cooldown, waiting for the cashier to confirm it. */
export interface CooldownPrompt {
  memberId: string;
  visit: Visit;
  minutes: number;
}

export interface TillState {
  screen: Screen;
  query: string;
  selectedMemberId?: string;
  purchaseCount: number;
  /** The purchase amount on the keypad, in minor units (typed like a cash register: 1, 2, 5 → 1.25). */
  purchaseAmountMinor: number;
  feedback?: Feedback;
  lastAction?: UndoableAction;
  cooldownPrompt?: CooldownPrompt;
  /** The member whose new card is on screen after sign-up. */
  cardMemberId?: string;
  /** Writes under way: an app update waits until this is zero. */
  writesInFlight: number;
  updateAvailable: boolean;
  updateRequested: boolean;
  diagnosticsOpen: boolean;
  /** Opens the owner area, which asks for the owner PIN first (see ownerActions). */
  settingsOpen: boolean;
  /** The owner area's screen; back to Settings whenever the owner area closes. */
  ownerView: OwnerView;
  /** Until when the owner PIN holds: later owner-area activity extends it. */
  ownerUnlockedUntil?: number;
  /** The camera scanner is open on the till (it starts only when the cashier taps). */
  cameraOpen: boolean;
  /** A scanned card that belongs to no member: the cashier links it or signs up with it. */
  pendingCard?: string;
  /** The card in hand that the sign-up under way will give the new member. */
  enrollCardCode?: string;
  /** A pairing link that was scanned or opened: fills in the connect form. */
  pairingPrefill?: { serverUrl: string; code: string };
  cardView?: CardView;
}

export const initialTillState: TillState = {
  screen: 'till',
  query: '',
  purchaseCount: 1,
  purchaseAmountMinor: 0,
  writesInFlight: 0,
  updateAvailable: false,
  updateRequested: false,
  diagnosticsOpen: false,
  settingsOpen: false,
  ownerView: { kind: 'settings' },
  cameraOpen: false,
};

export function createTillStore(initial: Partial<TillState> = {}) {
  return createStore<TillState>()(() => ({ ...initialTillState, ...initial }));
}

export type TillStore = ReturnType<typeof createTillStore>;

let feedbackCounter = 0;

export function makeFeedback(tone: Feedback['tone'], key: MessageKey, params: MessageParams = {}): Feedback {
  feedbackCounter += 1;
  return { id: feedbackCounter, tone, key, params };
}
