/**
 * Camera frames repeat: a card held in front of the camera is read many times a second. A code
 * is let through once, then ignored until it has been out of sight for `windowMs` (each sighting
 * restarts the wait), so a card left in view is not read again and again. Another code passes
 * at once.
 */
export function createRepeatFilter(windowMs: number, now: () => number) {
  let lastCode: string | undefined;
  let lastSeenAt = Number.NEGATIVE_INFINITY;
  return {
    accept(code: string): boolean {
      const at = now();
      const repeat = code === lastCode && at - lastSeenAt < windowMs;
      lastCode = code;
      lastSeenAt = at;
      return !repeat;
    },
  };
}
