import { useEffect, useState } from 'preact/hooks';

/** Loads a code-split module on first render (preact's lazy() lives in compat, which we skip). */
export function useLazyModule<T>(load: () => Promise<T>): T | undefined {
  const [module, setModule] = useState<T>();
  useEffect(() => {
    let cancelled = false;
    void load().then((loaded) => {
      if (!cancelled) setModule(() => loaded);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return module;
}
