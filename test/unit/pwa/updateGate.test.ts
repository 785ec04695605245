import { describe, expect, it } from 'vitest';
import { applyUpdateWhenIdle } from '../../../src/pwa/updateGate';
import { createTillStore } from '../../../src/state/store';

describe('applying an app update', () => {
  it('waits for the tap and for writes in flight, then applies once', () => {
    const store = createTillStore({ updateAvailable: true });
    let applied = 0;
    applyUpdateWhenIdle(store, () => applied++);
    store.setState({ writesInFlight: 1 });
    expect(applied).toBe(0);
    store.setState({ updateRequested: true });
    expect(applied).toBe(0);
    store.setState({ writesInFlight: 0 });
    expect(applied).toBe(1);
    store.setState({ writesInFlight: 1 });
    store.setState({ writesInFlight: 0 });
    expect(applied).toBe(1);
  });
});
