import type { Hlc } from './types';

// Hybrid logical clock: wall-clock milliseconds, a counter for events within one millisecond
// (or while the wall clock stands behind a clock we have seen), and the device id as tie-break.
// Encoded as fixed-width text so that string order is causal order.

export interface HlcState {
  wallMs: number;
  counter: number;
}

export const HLC_ZERO: HlcState = { wallMs: 0, counter: 0 };

export function encodeHlc(state: HlcState, deviceId: string): Hlc {
  return `${state.wallMs.toString().padStart(15, '0')}-${state.counter.toString(36).padStart(5, '0')}-${deviceId}`;
}

export function decodeHlc(hlc: Hlc): HlcState & { deviceId: string } {
  const match = /^(\d{15})-([0-9a-z]{5})-(.+)$/.exec(hlc);
  if (!match) throw new Error(`Malformed HLC: ${hlc}`);
  return { wallMs: Number(match[1]), counter: parseInt(match[2]!, 36), deviceId: match[3]! };
}

/** The next local timestamp: never behind the previous one, whatever the wall clock does. */
export function tickHlc(previous: HlcState, nowMs: number): HlcState {
  if (nowMs > previous.wallMs) return { wallMs: nowMs, counter: 0 };
  return { wallMs: previous.wallMs, counter: previous.counter + 1 };
}

/** Sort order of records by their HLC: the order things happened across the business's tablets. */
export function byHlc(a: { hlc: Hlc }, b: { hlc: Hlc }): number {
  return a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0;
}

/** Advances the local clock past a timestamp seen from another device. */
export function receiveHlc(previous: HlcState, remote: HlcState, nowMs: number): HlcState {
  const wallMs = Math.max(previous.wallMs, remote.wallMs, nowMs);
  if (wallMs === previous.wallMs && wallMs === remote.wallMs) {
    return { wallMs, counter: Math.max(previous.counter, remote.counter) + 1 };
  }
  if (wallMs === previous.wallMs) return { wallMs, counter: previous.counter + 1 };
  if (wallMs === remote.wallMs) return { wallMs, counter: remote.counter + 1 };
  return { wallMs, counter: 0 };
}

/** How far ahead of the server's clock a timestamp may be before the server pulls it back. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000;

/**
 * Pulls a timestamp from a clock far in the future back to `maxWallMs`, keeping its counter
 * and device: the server does this so that one tablet a year ahead cannot win every later edit.
 */
export function clampHlc(hlc: Hlc, maxWallMs: number): Hlc {
  const decoded = decodeHlc(hlc);
  return decoded.wallMs <= maxWallMs ? hlc : encodeHlc({ wallMs: maxWallMs, counter: decoded.counter }, decoded.deviceId);
}
