import type { ComponentType, JSX } from 'preact';
import { useLazyModule } from './useLazyModule';

/**
 * A component whose code is a separate chunk, loaded (from the precache) when it first renders:
 * the till's initial bundle carries only what the first scan needs. `fallback` shows meanwhile.
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>, fallback: () => JSX.Element | null = () => null) {
  return function LazyComponent(props: P) {
    const Component = useLazyModule(load);
    return Component ? <Component {...props} /> : fallback();
  };
}
