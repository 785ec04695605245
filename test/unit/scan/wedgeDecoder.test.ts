import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { charFromKeyCode } from '../../../src/scan/keyCodes';
import { WedgeDecoder } from '../../../src/scan/wedgeDecoder';

function feed(decoder: WedgeDecoder, text: string, startMs: number, gapMs: number) {
  const results = [...text].map((ch, i) =>
    decoder.key(/\d/.test(ch) ? `Digit${ch}` : `Key${ch.toUpperCase()}`, false, startMs + i * gapMs),
  );
  return { results, endMs: startMs + (text.length - 1) * gapMs };
}

describe('keyboard-wedge decoding', () => {
  it('reads characters from physical key codes, whatever the layout typed', () => {
    expect(charFromKeyCode('Digit0', false)).toBe('0');
    expect(charFromKeyCode('Numpad7', false)).toBe('7');
    expect(charFromKeyCode('KeyZ', false)).toBe('z');
    expect(charFromKeyCode('KeyZ', true)).toBe('Z');
    expect(charFromKeyCode('Minus', false)).toBe('-');
    expect(charFromKeyCode('F5', false)).toBeUndefined();
  });

  it('turns a fast burst ended by Enter into a scan', () => {
    const decoder = new WedgeDecoder();
    const { endMs } = feed(decoder, '912340000017', 1000, 5);
    expect(decoder.key('Enter', false, endMs + 5)).toEqual({ kind: 'scan', code: '912340000017' });
  });

  it('turns a burst that simply stops into a scan after the idle time', () => {
    const decoder = new WedgeDecoder();
    const { endMs } = feed(decoder, 'ABC123456', 1000, 8);
    expect(decoder.idle(endMs + 50)).toBeUndefined();
    expect(decoder.idle(endMs + 130)).toBe('abc123456');
  });

  it('ignores a person typing, even the same digits', () => {
    const decoder = new WedgeDecoder();
    const { endMs } = feed(decoder, '912340000017', 1000, 90);
    expect(decoder.key('Enter', false, endMs + 90)).toEqual({ kind: 'none' });
    expect(decoder.idle(endMs + 500)).toBeUndefined();
  });

  it('ignores bursts shorter than a card code', () => {
    const decoder = new WedgeDecoder();
    const { endMs } = feed(decoder, '12345', 1000, 3);
    expect(decoder.key('Enter', false, endMs + 3)).toEqual({ kind: 'none' });
  });

  it('starts a new burst after a pause, so earlier typing never prefixes a scan', () => {
    const decoder = new WedgeDecoder();
    feed(decoder, 'ev', 1000, 120);
    const { endMs } = feed(decoder, '912340000017', 2000, 4);
    expect(decoder.key('NumpadEnter', false, endMs + 4)).toEqual({ kind: 'scan', code: '912340000017' });
  });

  it('decodes any alphanumeric code sent at scanner speed', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-z]{6,40}$/), fc.integer({ min: 1, max: 30 }), (code, gap) => {
        const decoder = new WedgeDecoder();
        const { endMs } = feed(decoder, code, 10_000, gap);
        expect(decoder.key('Enter', false, endMs + gap)).toEqual({ kind: 'scan', code });
      }),
    );
  });
});
