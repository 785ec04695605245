import { MAX_AMOUNT_MINOR } from '../../core/money';
import { DEFAULT_WEDGE_TIMING, type WedgeTiming } from '../../scan/wedgeDecoder';

// The points till's amount keypad, typed like a cash register: each digit shifts the amount one
// minor unit left (1, 2, 5 → 1.25 EUR; in whole forints 1, 5, 0, 0 → 1 500 Ft). Pure.

export type KeypadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '00' | 'back' | 'clear';

export const KEYPAD_DIGITS: readonly KeypadKey[] = ['7', '8', '9', '4', '5', '6', '1', '2', '3', '0', '00'];

/** The largest amount the keypad takes: the owner's per-purchase limit, and never beyond safe integers. */
export function keypadLimit(maxPurchaseMinor: number): number {
  return Math.max(0, Math.min(maxPurchaseMinor, MAX_AMOUNT_MINOR));
}

/** The amount after a key, or undefined when a digit would take it past `limitMinor` (the key is refused). */
export function applyKeypadKey(amountMinor: number, key: KeypadKey, limitMinor: number): number | undefined {
  switch (key) {
    case 'back':
      return Math.floor(amountMinor / 10);
    case 'clear':
      return 0;
    default: {
      const next = key === '00' ? amountMinor * 100 : amountMinor * 10 + Number(key);
      return next <= limitMinor ? next : undefined;
    }
  }
}

/** The keypad key a physical key stands for (by what the layout typed: numpad or top row). */
export function keypadKeyOf(key: string): KeypadKey | undefined {
  if (/^[0-9]$/.test(key)) return key as KeypadKey;
  if (key === 'Backspace') return 'back';
  if (key === 'Delete' || key === 'Escape') return 'clear';
  return undefined;
}

export type TypingVerdict =
  /** A person typing: apply the key. */
  | { kind: 'type' }
  /** A scanner's burst (it becomes a scan elsewhere): put back the amount from before it, ignore the key. */
  | { kind: 'scanner'; amountMinor: number };

/**
 * The document's wedge listener turns a scanner's fast burst into a scan and restores a focused
 * text field; the keypad is no text field, so it tells bursts apart itself, with the same timing:
 * keys ≤ 35 ms apart are one burst, and a burst of 6 keys (or one ended by Enter) is a scanner's.
 * Slow typing, however long, is a person's. Time is passed in (KeyboardEvent.timeStamp).
 */
export class KeypadTyping {
  private lastKeyMs = -Infinity;
  private burstLength = 0;
  private amountBeforeBurst = 0;

  constructor(private readonly timing: WedgeTiming = DEFAULT_WEDGE_TIMING) {}

  /** A character key (digit or not) while `amountMinor` is on the keypad. */
  character(amountMinor: number, timeMs: number): TypingVerdict {
    if (!this.inBurst(timeMs)) {
      this.burstLength = 0;
      this.amountBeforeBurst = amountMinor;
    }
    this.lastKeyMs = timeMs;
    this.burstLength += 1;
    return this.burstLength >= this.timing.minLength ? { kind: 'scanner', amountMinor: this.amountBeforeBurst } : { kind: 'type' };
  }

  /** Enter: right after a burst it ends a scanner's code (never "add points"); else the cashier's. */
  enter(timeMs: number): TypingVerdict {
    const scanner = this.inBurst(timeMs) && this.burstLength > 0;
    const verdict: TypingVerdict = scanner ? { kind: 'scanner', amountMinor: this.amountBeforeBurst } : { kind: 'type' };
    this.reset();
    return verdict;
  }

  /** Any other key (Backspace, arrows…): scanners do not send them, so it ends a burst. */
  other(): void {
    this.reset();
  }

  private inBurst(timeMs: number): boolean {
    return timeMs - this.lastKeyMs <= this.timing.maxGapMs;
  }

  private reset(): void {
    this.lastKeyMs = -Infinity;
    this.burstLength = 0;
  }
}
