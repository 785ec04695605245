import { describe, expect, it } from 'vitest';
import { createOwnerActions, OWNER_IDLE_MS } from '../../../src/state/ownerActions';
import { createTillStore } from '../../../src/state/store';
import { makeTestContext } from '../../support/dbContext';

// The owner session, on the test clock: PIN → unlocked; idle, Lock or a hidden page → locked.

const PIN = '2468';

async function setUp() {
  const ctx = await makeTestContext();
  const store = createTillStore({ settingsOpen: true });
  const actions = createOwnerActions(ctx, store);
  const pins = await actions.loadOwnerPinActions();
  return { ctx, store, actions, pins };
}

async function unlocked() {
  const setup = await setUp();
  expect(await setup.pins.setOwnerPin(PIN, PIN)).toBeUndefined();
  return setup;
}

describe('owner actions', () => {
  it('are locked until the owner PIN is set or typed', async () => {
    const { store, actions, pins } = await setUp();
    expect(actions.isOwnerUnlocked()).toBe(false);
    expect(await pins.setOwnerPin(PIN, '2469')).toEqual({ key: 'error.owner.pinMismatch', params: {} });
    expect(actions.isOwnerUnlocked()).toBe(false);
    expect(await pins.setOwnerPin(PIN, PIN)).toBeUndefined();
    expect(actions.isOwnerUnlocked()).toBe(true);

    actions.lockOwner();
    store.setState({ settingsOpen: true });
    expect(await pins.unlockOwner('1111')).toEqual({ key: 'error.owner.pinWrong', params: {} });
    expect(actions.isOwnerUnlocked()).toBe(false);
    expect(await pins.unlockOwner(PIN)).toBeUndefined();
    expect(actions.isOwnerUnlocked()).toBe(true);
  });

  it('opens nothing when the right PIN is confirmed after the owner cancelled or the page locked', async () => {
    const { store, actions, pins } = await unlocked();
    actions.lockOwner();
    store.setState({ settingsOpen: true });
    const checking = pins.unlockOwner(PIN);
    store.setState({ settingsOpen: false }); // Cancel while PBKDF2 runs
    expect(await checking).toBeUndefined();
    expect(actions.isOwnerUnlocked()).toBe(false);
  });

  it('lock after 5 minutes without activity in the owner area, closing Settings', async () => {
    const { ctx, store, actions } = await unlocked();
    ctx.clock.advance(OWNER_IDLE_MS - 1);
    actions.lockOwnerIfIdle();
    expect(actions.isOwnerUnlocked()).toBe(true);
    ctx.clock.advance(1);
    expect(actions.isOwnerUnlocked()).toBe(false);
    actions.lockOwnerIfIdle();
    expect(store.getState()).toMatchObject({ ownerUnlockedUntil: undefined, settingsOpen: false });
  });

  it('stay unlocked while the owner keeps working: each touch gives 5 more minutes', async () => {
    const { ctx, actions } = await unlocked();
    for (let i = 0; i < 5; i++) {
      ctx.clock.advance(4 * 60_000);
      actions.touchOwnerSession();
      actions.lockOwnerIfIdle();
      expect(actions.isOwnerUnlocked(), `after ${(i + 1) * 4} min`).toBe(true);
    }
    ctx.clock.advance(OWNER_IDLE_MS);
    actions.lockOwnerIfIdle();
    expect(actions.isOwnerUnlocked()).toBe(false);
  });

  it('do not come back to life with a touch once the session has lapsed', async () => {
    const { ctx, store, actions } = await unlocked();
    ctx.clock.advance(OWNER_IDLE_MS);
    actions.touchOwnerSession();
    expect(actions.isOwnerUnlocked()).toBe(false);
    expect(store.getState().settingsOpen).toBe(false);
  });

  it('lock at once (the Lock button, a hidden page: see main.tsx), leaving Settings and a pairing form', async () => {
    const { store, actions } = await unlocked();
    store.setState({ pairingPrefill: { serverUrl: 'https://shop.example', code: 'ABCDE-FGHIJ' } });
    actions.lockOwner();
    expect(actions.isOwnerUnlocked()).toBe(false);
    expect(store.getState()).toMatchObject({ settingsOpen: false, pairingPrefill: undefined });
  });

  it('change the PIN given the current one, and say so', async () => {
    const { store, actions, pins } = await unlocked();
    expect(await pins.changeOwnerPin('1111', '1357', '1357')).toEqual({ key: 'error.owner.pinWrong', params: {} });
    expect(await pins.changeOwnerPin(PIN, '1357', '1357')).toBeUndefined();
    expect(store.getState().feedback).toMatchObject({ tone: 'success', key: 'owner.pinChanged' });
    actions.lockOwner();
    expect(await pins.unlockOwner(PIN)).toEqual({ key: 'error.owner.pinWrong', params: {} });
    expect(await pins.unlockOwner('1357')).toBeUndefined();
  });

  it('report the wait while backing off, in seconds', async () => {
    const { ctx, pins } = await unlocked();
    for (let i = 0; i < 3; i++) await pins.unlockOwner('1111');
    ctx.clock.advance(200);
    expect(await pins.unlockOwner(PIN)).toEqual({ key: 'error.owner.wait', params: { seconds: 1 } });
  });
});
