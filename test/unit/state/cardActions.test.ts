import { describe, expect, it } from 'vitest';
import { makeCardNumber } from '../../../src/core/cardNumber';
import { createCardActions } from '../../../src/state/cardActions';
import { createTillStore } from '../../../src/state/store';
import { makeTestContext } from '../../support/dbContext';

async function setUp() {
  const ctx = await makeTestContext();
  // Settings open behind the owner PIN, for the next minute.
  const store = createTillStore({ settingsOpen: true, ownerUnlockedUntil: ctx.now() + 60_000 });
  let writes = 0;
  const actions = createCardActions(ctx, store, { afterWrite: () => writes++ });
  return { ctx, store, actions, writes: () => writes };
}

describe('card actions', () => {
  it('reserves 10 numbers a sheet and opens them for printing in place of Settings', async () => {
    const { ctx, store, actions, writes } = await setUp();
    const { cardPrefix } = (await ctx.db.device.get('self'))!;
    expect(await actions.printBlankCards(2)).toBeUndefined();
    const state = store.getState();
    expect(state.settingsOpen).toBe(false);
    expect(state.cardView).toEqual({
      kind: 'blankSheets',
      cardNumbers: Array.from({ length: 20 }, (_, i) => makeCardNumber(cardPrefix, i + 1)),
    });
    expect(writes()).toBe(1);
  });

  it('answers a bad number of sheets with a message and reserves nothing', async () => {
    const { ctx, store, actions, writes } = await setUp();
    const before = await ctx.db.device.get('self');
    for (const sheets of [0, 11, 1.5, Number.NaN, -1]) {
      expect(await actions.printBlankCards(sheets), String(sheets)).toEqual({ key: 'print.sheetsInvalid', params: { max: 10 } });
    }
    store.setState({ ownerUnlockedUntil: ctx.now() - 1 });
    expect(await actions.printBlankCards(1), 'the owner session has lapsed').toEqual({ key: 'owner.locked', params: {} });
    expect(await ctx.db.device.get('self')).toEqual(before);
    expect(store.getState().settingsOpen).toBe(true);
    expect(store.getState().cardView).toBeUndefined();
    expect(writes()).toBe(0);
  });

  it('opens and closes a member card to print or to show', async () => {
    const { store, actions } = await setUp();
    actions.openCardPrint('m1');
    expect(store.getState().cardView).toEqual({ kind: 'print', memberId: 'm1' });
    actions.showCardToCustomer('m1');
    expect(store.getState().cardView).toEqual({ kind: 'show', memberId: 'm1' });
    actions.closeCardView();
    expect(store.getState().cardView).toBeUndefined();
  });
});
