import { charFromKeyCode, isEnterCode, isModifierCode } from './keyCodes';

// Tells a scanner's keystroke burst from a person typing: a scanner sends a whole code with
// gaps of a few milliseconds, a person needs 60 ms or more per key. Pure: time is passed in.

export interface WedgeTiming {
  /** Longest gap between two keys of one burst. */
  maxGapMs: number;
  /** A burst with no Enter ends after this much quiet. */
  idleEndMs: number;
  minLength: number;
}

export const DEFAULT_WEDGE_TIMING: WedgeTiming = { maxGapMs: 35, idleEndMs: 120, minLength: 6 };

export type WedgeKeyResult =
  | { kind: 'none' }
  /** This key belongs to a burst so far: the caller may want to keep it from a text field. */
  | { kind: 'burst' }
  | { kind: 'scan'; code: string };

export class WedgeDecoder {
  private chars = '';
  private lastKeyMs = -Infinity;

  constructor(private readonly timing: WedgeTiming = DEFAULT_WEDGE_TIMING) {}

  get pending(): string {
    return this.chars;
  }

  key(code: string, shiftKey: boolean, timeMs: number): WedgeKeyResult {
    if (isModifierCode(code)) return { kind: 'none' };
    const inBurst = timeMs - this.lastKeyMs <= this.timing.maxGapMs;
    if (isEnterCode(code)) {
      const scan = inBurst ? this.take() : undefined;
      this.reset();
      return scan ? { kind: 'scan', code: scan } : { kind: 'none' };
    }
    const char = charFromKeyCode(code, shiftKey);
    if (char === undefined) {
      this.reset();
      return { kind: 'none' };
    }
    this.chars = inBurst ? this.chars + char : char;
    this.lastKeyMs = timeMs;
    return this.chars.length > 1 ? { kind: 'burst' } : { kind: 'none' };
  }

  /** Called after quiet time: a long enough burst that stopped without Enter is a scan. */
  idle(timeMs: number): string | undefined {
    if (timeMs - this.lastKeyMs < this.timing.idleEndMs) return undefined;
    const scan = this.take();
    this.reset();
    return scan;
  }

  private take(): string | undefined {
    return this.chars.length >= this.timing.minLength ? this.chars : undefined;
  }

  private reset(): void {
    this.chars = '';
    this.lastKeyMs = -Infinity;
  }
}
