import { useEffect, useState } from 'preact/hooks';
import type { TillState } from '../../state/store';
import { useApp } from '../context';

/** Subscribes a component to one slice of the till store (zustand vanilla, no preact/compat). */
export function useTillState<T>(select: (state: TillState) => T): T {
  const { store } = useApp();
  const [value, setValue] = useState(() => select(store.getState()));
  useEffect(() => {
    setValue(() => select(store.getState()));
    return store.subscribe((state) => setValue(() => select(state)));
    // The selector is expected to be a stable, pure projection.
  }, [store]);
  return value;
}
