import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../context';

/** Loads a code-split module on first render (preact's lazy() lives in compat, which we skip). */
export function useLazyModule<T>(load: () => Promise<T>): T | undefined {
  const { actions } = useApp();
  const [module, setModule] = useState<T>();
  useEffect(() => {
    let cancelled = false;
    load().then(
      (loaded) => {
        if (!cancelled) setModule(() => loaded);
      },
      // A chunk that cannot load (its file gone after an update in another tab) says so.
      (error: unknown) => {
        if (!cancelled) actions.reportLoadFailure(error);
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return module;
}
