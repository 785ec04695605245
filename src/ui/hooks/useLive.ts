import { liveQuery } from 'dexie';
import { useLayoutEffect, useState } from 'preact/hooks';

/**
 * Re-runs a repository read whenever the tables it read change (Dexie liveQuery). Subscribes in
 * a layout effect: a plain effect would start the read a frame later, after the first paint.
 */
export function useLive<T>(read: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T>();
  useLayoutEffect(() => {
    const subscription = liveQuery(read).subscribe({
      next: (next) => setValue(() => next),
      error: (error: unknown) => console.error('liveQuery failed', error),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}
