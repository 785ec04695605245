import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/** Re-runs a repository read whenever the tables it read change (Dexie liveQuery). */
export function useLive<T>(read: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    const subscription = liveQuery(read).subscribe({
      next: (next) => setValue(() => next),
      error: (error: unknown) => console.error('liveQuery failed', error),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}
