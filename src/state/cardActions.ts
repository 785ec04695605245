import type { DbContext } from '../db/context';
import { reserveCardNumbers } from '../db/deviceRepository';
import { actionErrorOf, type ActionError } from './actionError';
import { isOwnerSessionOpen } from './ownerActions';
import type { TillStore } from './store';

// Member cards to print or to show the customer, and sheets of pre-numbered blank cards.

/** An A4 sheet holds 2 × 5 credit-card-sized cards. */
export const CARDS_PER_SHEET = 10;
export const MAX_BLANK_CARD_SHEETS = 10;

export interface CardHooks {
  /** Called after numbers were reserved (the PWA then asks the browser to keep our storage). */
  afterWrite?: () => void;
}

export function createCardActions(ctx: DbContext, store: TillStore, hooks: CardHooks = {}) {
  const set = store.setState;
  return {
    openCardPrint(memberId: string): void {
      set({ cardView: { kind: 'print', memberId } });
    },

    showCardToCustomer(memberId: string): void {
      set({ cardView: { kind: 'show', memberId } });
    },

    closeCardView(): void {
      set({ cardView: undefined });
    },

    /**
     * Reserves the numbers of `sheets` sheets of blank cards and opens them for printing. Bad
     * input or a failure comes back for the form to show, and then nothing is reserved.
     */
    async printBlankCards(sheets: number): Promise<ActionError | undefined> {
      if (!isOwnerSessionOpen(store.getState(), ctx.now())) return { key: 'owner.locked', params: {} };
      if (!Number.isInteger(sheets) || sheets < 1 || sheets > MAX_BLANK_CARD_SHEETS) {
        return { key: 'print.sheetsInvalid', params: { max: MAX_BLANK_CARD_SHEETS } };
      }
      try {
        // Unlike the till's writes this needs no writesInFlight guard against an app update:
        // the reservation is one transaction, and a reload after it only leaves unused numbers.
        const cardNumbers = await reserveCardNumbers(ctx, sheets * CARDS_PER_SHEET);
        hooks.afterWrite?.();
        set({ settingsOpen: false, pairingPrefill: undefined, cardView: { kind: 'blankSheets', cardNumbers } });
        return undefined;
      } catch (error) {
        return actionErrorOf(error, 'error.storage');
      }
    },
  };
}

export type CardActions = ReturnType<typeof createCardActions>;
