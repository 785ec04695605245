import { describe, expect, it } from 'vitest';
import { createOwnerActions, OWNER_IDLE_MS } from '../../../src/state/ownerActions';
import { createTillStore } from '../../../src/state/store';
import { makeTestContext } from '../../support/dbContext';

// The owner area's screen: Settings first, then the members list or a member; locking goes back
// to Settings (closing in other ways resets it from ui/owner/OwnerArea, which every close unmounts).

describe('the owner area view', () => {
  it('starts on Settings, switches to the members list and a member, and is back on Settings after locking', async () => {
    const ctx = await makeTestContext();
    const store = createTillStore({ settingsOpen: true, ownerUnlockedUntil: ctx.now() + OWNER_IDLE_MS });
    const actions = createOwnerActions(ctx, store);
    expect(store.getState().ownerView).toEqual({ kind: 'settings' });
    actions.showOwnerView({ kind: 'members' });
    expect(store.getState().ownerView).toEqual({ kind: 'members' });
    actions.showOwnerView({ kind: 'member', memberId: 'm1' });
    expect(store.getState().ownerView).toEqual({ kind: 'member', memberId: 'm1' });
    actions.lockOwner();
    expect(store.getState()).toMatchObject({ settingsOpen: false, ownerView: { kind: 'settings' } });
  });

  it('goes back to Settings when the session lapses', async () => {
    const ctx = await makeTestContext();
    const store = createTillStore({ settingsOpen: true, ownerUnlockedUntil: ctx.now() + OWNER_IDLE_MS });
    const actions = createOwnerActions(ctx, store);
    actions.showOwnerView({ kind: 'members' });
    ctx.clock.advance(OWNER_IDLE_MS);
    actions.lockOwnerIfIdle();
    expect(store.getState().ownerView).toEqual({ kind: 'settings' });
  });
});
