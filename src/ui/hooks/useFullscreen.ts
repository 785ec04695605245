import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/**
 * Puts the element in full screen while it is mounted, where the browser allows it. Browsers
 * refuse without a recent tap, and some (iPhone Safari) have no Fullscreen API at all: callers
 * must look right without it.
 */
export function useFullscreen(element: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    if (document.fullscreenEnabled && element.current?.requestFullscreen) {
      element.current.requestFullscreen().catch(() => undefined);
    }
    return () => {
      if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
    };
  }, []);
}
