import { DomainError, isDomainError } from '../core/errors';
import { classifyScannedCode, requireCardCode } from '../core/scanCode';
import { classifyQuery } from '../core/search';
import type { DbContext } from '../db/context';
import { recordPunch, redeemReward, voidEntry } from '../db/ledgerRepository';
import { findMemberByCode, lookupMembers } from '../db/lookup';
import { enrollMember, linkCardToMember, type EnrollmentInput } from '../db/memberRepository';
import type { ProgramImpact } from '../core/programImpact';
import { getShop, previewProgramChange, saveSettings, type SettingsChange } from '../db/settingsRepository';
import { t, type MessageKey } from '../i18n';
import { isOwnerSessionOpen } from './ownerActions';
import { isSettingsField, SETTINGS_FIELD_LABELS } from './settingsLabels';
import { makeFeedback, type TillStore } from './store';

// What the till does, as actions over the store and the repositories. UI components call these
// and render the store; they never write IndexedDB themselves.

export interface TillHooks {
  /** Called after each successful write (the PWA then asks the browser to keep our storage). */
  afterWrite?: () => void;
}

export function createTillActions(ctx: DbContext, store: TillStore, hooks: TillHooks = {}) {
  const set = store.setState;

  function showError(error: unknown): void {
    if (isDomainError(error)) {
      set({ feedback: makeFeedback('error', `error.${error.code}` as MessageKey, error.params) });
      return;
    }
    const detail = error instanceof Error ? error.name : String(error);
    set({ feedback: makeFeedback('error', 'error.storage', { detail }) });
    console.error(error);
  }

  /**
   * Runs a write, keeping the update prompt from reloading the page while it is in flight.
   * Failures become a message (or go to `handleError` when it claims them); nothing is thrown.
   */
  async function write<T>(work: () => Promise<T>, handleError?: (error: unknown) => boolean): Promise<T | undefined> {
    set((s) => ({ writesInFlight: s.writesInFlight + 1 }));
    try {
      const result = await work();
      hooks.afterWrite?.();
      return result;
    } catch (error) {
      if (!handleError?.(error)) showError(error);
      return undefined;
    } finally {
      set((s) => ({ writesInFlight: s.writesInFlight - 1 }));
    }
  }

  function selectMember(memberId: string): void {
    set({ selectedMemberId: memberId, purchaseCount: 1, cooldownPrompt: undefined, screen: 'till' });
  }

  /**
   * A scanned or typed code: open its member, or say why not (misread, typo). A scanned card of
   * ours that nobody holds yet is a pre-printed one in a new customer's hand: sign-up starts with
   * it. Any other free scanned card — or ours while a member is open — asks whether to link it or
   * sign up. Typed digits are never taken for a card nobody holds: they may be a phone number.
   */
  async function openByCode(raw: string, source: 'scan' | 'typed'): Promise<void> {
    const code = classifyScannedCode(raw);
    if (code.kind === 'garbage') {
      set({ feedback: makeFeedback('error', 'error.scan.garbage') });
      return;
    }
    if (code.kind === 'badCheckDigit') {
      set({ feedback: makeFeedback('error', 'error.card.checkDigit', { code: code.code }) });
      return;
    }
    const member = await findMemberByCode(ctx, code.code);
    if (member) {
      selectMember(member.id);
      set({ pendingCard: undefined, feedback: makeFeedback('info', 'feedback.memberFound', { name: member.name }) });
    } else if (source === 'typed') {
      set({ feedback: makeFeedback('error', 'error.card.unknown', { code: code.code }) });
    } else if (code.kind === 'card' && !store.getState().selectedMemberId) {
      startEnrollment(code.code);
    } else {
      set({ pendingCard: code.code, feedback: undefined });
    }
  }

  /** A card scanned during sign-up becomes the new member's card, if nobody holds it. */
  async function attachCardToSignUp(raw: string): Promise<void> {
    try {
      const code = requireCardCode(raw);
      const holder = await findMemberByCode(ctx, code);
      if (holder) throw new DomainError('card.inUse', { code, name: holder.name });
      set({ enrollCardCode: code, feedback: makeFeedback('info', 'enroll.cardAttached', { code }) });
    } catch (error) {
      showError(error);
    }
  }

  function startEnrollment(cardCode?: string): void {
    set({
      screen: 'enroll',
      selectedMemberId: undefined,
      cooldownPrompt: undefined,
      pendingCard: undefined,
      enrollCardCode: cardCode,
      feedback: cardCode ? makeFeedback('info', 'enroll.cardAttached', { code: cardCode }) : undefined,
    });
  }

  async function linkPendingCard(memberId: string): Promise<void> {
    const code = store.getState().pendingCard;
    if (!code) return;
    const member = await write(() => linkCardToMember(ctx, memberId, code));
    if (!member) return;
    selectMember(member.id);
    set({ pendingCard: undefined, feedback: makeFeedback('success', 'feedback.cardLinked', { code, name: member.name }) });
  }

  async function punch(memberId: string, stamps: number, confirmedDespiteCooldown = false): Promise<void> {
    set({ cooldownPrompt: undefined });
    const result = await write(
      () => recordPunch(ctx, { memberId, stamps, confirmedDespiteCooldown }),
      (error) => {
        if (!isDomainError(error) || error.code !== 'punch.cooldown') return false;
        set({ cooldownPrompt: { memberId, stamps, minutes: Number(error.params.minutes) } });
        return true;
      },
    );
    if (!result) return;
    set({
      purchaseCount: 1,
      lastAction: { eventId: result.event.id, memberId, atMs: ctx.now() },
      feedback: makeFeedback('success', 'feedback.punched', { count: stamps, name: result.memberName }),
    });
  }

  return {
    selectMember,
    punch,

    /** A keyboard-wedge or camera scan: open that member's card (or give the card to a sign-up). */
    async handleScan(raw: string): Promise<void> {
      if (store.getState().screen === 'enroll') await attachCardToSignUp(raw);
      else await openByCode(raw, 'scan');
    },

    /** A tap on a search result: links the card waiting for a member, or opens the member. */
    async pickMember(memberId: string): Promise<void> {
      if (store.getState().pendingCard) await linkPendingCard(memberId);
      else selectMember(memberId);
    },

    linkPendingCard,

    signUpWithPendingCard(): void {
      startEnrollment(store.getState().pendingCard);
    },

    dismissPendingCard(): void {
      set({ pendingCard: undefined });
    },

    toggleCamera(open: boolean): void {
      set({ cameraOpen: open });
    },

    /**
     * Enter in the search box: looks the text up afresh (never trusting results on screen that
     * may belong to an earlier keystroke) and opens a single match; with no match, digits are
     * read as a card number so a wrong check digit or an unknown card is explained.
     */
    async submitQuery(text: string): Promise<void> {
      const query = classifyQuery(text);
      if (query.kind === 'tooShort') {
        set({ feedback: makeFeedback('error', 'error.query.tooShort') });
        return;
      }
      if (query.kind === 'empty') return;
      const { members } = await lookupMembers(ctx, text, (await getShop(ctx)).country);
      const [single] = members;
      if (members.length === 1 && single) selectMember(single.id);
      else if (members.length === 0 && query.kind === 'digits') await openByCode(query.digits, 'typed');
    },

    /** A part of the app that loads on demand could not be loaded. */
    reportLoadFailure(error: unknown): void {
      console.error('lazy chunk failed', error);
      set({ feedback: makeFeedback('error', 'app.chunkFailed') });
    },

    /** Clears a message unless a newer one has replaced it meanwhile. */
    dismissFeedback(id: number): void {
      if (store.getState().feedback?.id === id) set({ feedback: undefined });
    },

    setQuery(query: string): void {
      set({ query });
    },

    closeMember(): void {
      set({ selectedMemberId: undefined, cooldownPrompt: undefined });
    },

    setPurchaseCount(count: number): void {
      set({ purchaseCount: count });
    },

    confirmCooldownPunch(): Promise<void> {
      const prompt = store.getState().cooldownPrompt;
      return prompt ? punch(prompt.memberId, prompt.stamps, true) : Promise.resolve();
    },

    cancelCooldownPunch(): void {
      set({ cooldownPrompt: undefined });
    },

    async redeem(memberId: string): Promise<void> {
      const result = await write(() => redeemReward(ctx, memberId));
      if (!result) return;
      set({
        lastAction: { eventId: result.event.id, memberId, atMs: ctx.now() },
        feedback: makeFeedback('success', 'feedback.redeemed', { reward: result.event.reason ?? '', name: result.memberName }),
      });
    },

    /** The owner's void of any earlier entry, behind the PIN; the till's undo has a 10 s window. */
    async voidAsOwner(eventId: string): Promise<void> {
      if (!isOwnerSessionOpen(store.getState(), ctx.now())) {
        set({ feedback: makeFeedback('error', 'history.needsOwner') });
        return;
      }
      const result = await write(() => voidEntry(ctx, eventId, 'owner'));
      if (result) set({ lastAction: undefined, feedback: makeFeedback('info', 'history.voidedFeedback') });
    },

    async undoLast(): Promise<void> {
      const action = store.getState().lastAction;
      if (!action) return;
      const result = await write(() => voidEntry(ctx, action.eventId));
      set({ lastAction: undefined });
      if (result) set({ feedback: makeFeedback('info', 'feedback.undone') });
    },

    startEnrollment(): void {
      startEnrollment();
    },

    cancelEnrollment(): void {
      set({ screen: 'till', enrollCardCode: undefined });
    },

    async enroll(input: Omit<EnrollmentInput, 'cardCode'>): Promise<boolean> {
      const cardCode = store.getState().enrollCardCode;
      const result = await write(() => enrollMember(ctx, { ...input, ...(cardCode ? { cardCode } : {}) }));
      if (!result) return false;
      const { member } = result;
      set({
        screen: 'card',
        enrollCardCode: undefined,
        cardMemberId: member.id,
        selectedMemberId: member.id,
        query: '',
        feedback: makeFeedback('success', 'feedback.enrolled', { name: member.name, code: member.cardCodes[0] ?? '' }),
      });
      return true;
    },

    showCard(memberId: string): void {
      set({ screen: 'card', cardMemberId: memberId });
    },

    closeCard(): void {
      set({ screen: 'till', cardMemberId: undefined });
    },

    toggleDiagnostics(open: boolean): void {
      set({ diagnosticsOpen: open });
    },

    toggleSettings(open: boolean): void {
      set(open ? { settingsOpen: true } : { settingsOpen: false, pairingPrefill: undefined });
    },

    /** What a new stamp card would do to members now; undefined while the input is not valid. */
    async previewProgramChange(change: SettingsChange['program']): Promise<ProgramImpact | undefined> {
      try {
        return await previewProgramChange(ctx, change);
      } catch (error) {
        if (isDomainError(error)) return undefined;
        throw error;
      }
    },

    async saveSettings(change: SettingsChange): Promise<boolean> {
      // The form is shown only behind the PIN; the action refuses too if the session has lapsed.
      if (!isOwnerSessionOpen(store.getState(), ctx.now())) {
        set({ settingsOpen: false, feedback: makeFeedback('error', 'owner.locked') });
        return false;
      }
      const saved = await write(
        () => saveSettings(ctx, change).then(() => true),
        (error) => {
          if (!isDomainError(error) || error.code !== 'settings.invalid' || !isSettingsField(error.params.field)) return false;
          const label = t(SETTINGS_FIELD_LABELS[error.params.field]);
          set({ feedback: makeFeedback('error', 'settings.invalidField', { label }) });
          return true;
        },
      );
      if (saved) set({ settingsOpen: false, feedback: makeFeedback('success', 'settings.saved') });
      return saved === true;
    },
  };
}

export type TillActions = ReturnType<typeof createTillActions>;
