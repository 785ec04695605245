import { DomainError, isDomainError } from '../core/errors';
import { classifyScannedCode, requireCardCode } from '../core/scanCode';
import { classifyQuery } from '../core/search';
import type { DbContext } from '../db/context';
import { normalizeCouponCode, findCouponBatch } from '../core/coupons';
import { recordPunch, recordPurchase, redeemCoupon, redeemReward, voidEntry, type PurchaseWrite } from '../db/tillRepository';
import { mergeRootOf } from '../db/ledgerRepository';
import { findMemberByCode, lookupMembers } from '../db/lookup';
import { enrollMember, linkCardToMember, type EnrollmentInput } from '../db/memberRepository';
import { getProgram, getShop } from '../db/settingsRepository';
import { formatCalendarDate, type MessageKey } from '../i18n';
import { isOwnerSessionOpen } from './ownerActions';
import { makeFeedback, type TillStore, type Visit } from './store';

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
    set({ selectedMemberId: memberId, purchaseCount: 1, purchaseAmountMinor: 0, cooldownPrompt: undefined, screen: 'till' });
  }

  /**
   * A campaign coupon's code, scanned or typed: used by the member on screen. Returns false when
   * the text is no coupon of ours (then it may be a card or a search).
   */
  async function acceptCouponCode(raw: string): Promise<boolean> {
    const code = normalizeCouponCode(raw);
    if (!code || !findCouponBatch(await getProgram(ctx), code)) return false;
    const memberId = store.getState().selectedMemberId;
    if (!memberId) {
      set({ feedback: makeFeedback('error', 'error.coupon.needsMember') });
      return true;
    }
    const result = await write(
      () => redeemCoupon(ctx, memberId, code),
      (error) => {
        // The last day travels as YYYY-MM-DD: the cashier reads it as the shop writes dates.
        if (!isDomainError(error) || error.code !== 'coupon.expired') return false;
        set({ feedback: makeFeedback('error', 'error.coupon.expired', { ...error.params, until: formatCalendarDate(String(error.params.until)) }) });
        return true;
      },
    );
    if (result) {
      set({
        query: '',
        lastAction: { eventId: result.event.id, memberId, atMs: ctx.now() },
        feedback: makeFeedback('success', 'feedback.couponAccepted', { campaign: result.batch.name, benefit: result.batch.benefit, name: result.memberName }),
      });
    }
    return true;
  }

  /**
   * A scanned or typed code: open its member, or say why not (misread, typo). A scanned card of
   * ours that nobody holds yet is a pre-printed one in a new customer's hand: sign-up starts with
   * it. Any other free scanned card — or ours while a member is open — asks whether to link it or
   * sign up. Typed digits are never taken for a card nobody holds: they may be a phone number.
   */
  async function openByCode(raw: string, source: 'scan' | 'typed'): Promise<void> {
    if (await acceptCouponCode(raw)) return;
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

  /** Records a visit; inside the cooldown the cashier is asked first (`confirmedDespiteCooldown` after yes). */
  async function recordVisit(memberId: string, visit: Visit, confirmedDespiteCooldown = false): Promise<void> {
    set({ cooldownPrompt: undefined });
    const record = (): Promise<PurchaseWrite> =>
      visit.kind === 'punch'
        ? recordPunch(ctx, { memberId, stamps: visit.stamps, confirmedDespiteCooldown })
        : recordPurchase(ctx, { memberId, amountMinor: visit.amountMinor, confirmedDespiteCooldown });
    const result = await write(record, (error) => {
      if (!isDomainError(error) || error.code !== 'punch.cooldown') return false;
      set({ cooldownPrompt: { memberId, visit, minutes: Number(error.params.minutes) } });
      return true;
    });
    if (!result) return;
    const lastAction = { eventId: result.event.id, memberId, atMs: ctx.now() };
    if (visit.kind === 'punch') {
      set({ purchaseCount: 1, lastAction, feedback: makeFeedback('success', 'feedback.punched', { count: visit.stamps, name: result.memberName }) });
      return;
    }
    const points = result.event.points ?? 0;
    const tierAfter = result.tierAfter;
    const upgraded = tierAfter !== undefined && tierAfter.id !== result.tierBefore?.id;
    set({
      purchaseAmountMinor: 0,
      lastAction,
      feedback: upgraded
        ? makeFeedback('success', 'feedback.earnedTierUp', { count: points, name: result.memberName, tier: tierAfter.name })
        : makeFeedback('success', 'feedback.earned', { count: points, name: result.memberName }),
    });
  }

  return {
    selectMember,

    punch(memberId: string, stamps: number): Promise<void> {
      return recordVisit(memberId, { kind: 'punch', stamps });
    },

    /** Points for the amount on the keypad. */
    earnForPurchase(memberId: string, amountMinor: number): Promise<void> {
      return recordVisit(memberId, { kind: 'purchase', amountMinor });
    },

    setPurchaseAmount(amountMinor: number): void {
      set({ purchaseAmountMinor: amountMinor });
    },

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
      if (await acceptCouponCode(text)) return;
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

    /** The open member was merged into another (on this tablet or, through sync, elsewhere): open that one. */
    async followMerge(memberId: string): Promise<void> {
      const root = await mergeRootOf(ctx, memberId);
      if (root !== memberId && store.getState().selectedMemberId === memberId) selectMember(root);
    },

    setPurchaseCount(count: number): void {
      set({ purchaseCount: count });
    },

    confirmCooldownPunch(): Promise<void> {
      const prompt = store.getState().cooldownPrompt;
      return prompt ? recordVisit(prompt.memberId, prompt.visit, true) : Promise.resolve();
    },

    cancelCooldownPunch(): void {
      set({ cooldownPrompt: undefined });
    },

    /** A full stamp card, or (points) the catalogue reward `rewardId`. */
    async redeem(memberId: string, rewardId?: string): Promise<void> {
      const result = await write(() => redeemReward(ctx, memberId, rewardId));
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
  };
}

export type TillActions = ReturnType<typeof createTillActions>;
