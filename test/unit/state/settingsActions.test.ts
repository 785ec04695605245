import { describe, expect, it } from 'vitest';
import { DEFAULT_SHOP } from '../../../src/core/program';
import { getProgram } from '../../../src/db/settingsRepository';
import { createSettingsActions } from '../../../src/state/settingsActions';
import { createTillStore } from '../../../src/state/store';
import { makeTestContext } from '../../support/dbContext';

async function setUp() {
  const ctx = await makeTestContext();
  const store = createTillStore();
  return { ctx, store, actions: createSettingsActions(ctx, store) };
}

describe('settings actions', () => {
  it('saves settings only while the owner session is open, naming a bad field, and previews a new card size', async () => {
    const { ctx, store, actions } = await setUp();
    const change = { shop: DEFAULT_SHOP, program: { goal: 8 } };
    expect(await actions.saveSettings(change)).toBe(false);
    expect(store.getState().feedback).toMatchObject({ tone: 'error', key: 'owner.locked' });
    expect((await getProgram(ctx)).goal).toBe(10);

    store.setState({ ownerUnlockedUntil: ctx.now() + 60_000 });
    expect(await actions.saveSettings({ ...change, program: { dailyCap: -2 } })).toBe(false);
    expect(store.getState().feedback).toMatchObject({ key: 'settings.invalidField', params: { label: 'Most stamps a member may get in a day (0: no limit)' } });
    expect(await actions.previewProgramChange({ goal: 1 })).toBeUndefined();
    expect(await actions.previewProgramChange({ goal: 8 })).toEqual({ gainReward: 0, loseReward: 0 });
    expect(await actions.saveSettings(change)).toBe(true);
    expect((await getProgram(ctx)).goal).toBe(8);
  });

  it('names a points program’s daily cap in points', async () => {
    const { ctx, store, actions } = await setUp();
    store.setState({ ownerUnlockedUntil: ctx.now() + 60_000 });
    const program = { mode: 'points' as const, catalogue: [{ id: 'r1', name: 'Cake', cost: 100 }], dailyCap: -1 };
    expect(await actions.saveSettings({ shop: DEFAULT_SHOP, program })).toBe(false);
    expect(store.getState().feedback).toMatchObject({ key: 'settings.invalidField', params: { label: 'Most points a member may get in a day (0: no limit)' } });
    expect(await actions.saveSettings({ shop: DEFAULT_SHOP, program: { ...program, dailyCap: 500 } })).toBe(true);
    expect(await getProgram(ctx)).toMatchObject({ mode: 'points', dailyCap: 500 });
  });
});
