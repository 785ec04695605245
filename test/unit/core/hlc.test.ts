import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clampHlc, decodeHlc, encodeHlc, HLC_ZERO, receiveHlc, tickHlc, type HlcState } from '../../../src/core/hlc';

describe('hybrid logical clock', () => {
  it('round-trips through its text form', () => {
    const state = { wallMs: 1_764_000_000_000, counter: 37 };
    expect(decodeHlc(encodeHlc(state, 'dev-1'))).toEqual({ ...state, deviceId: 'dev-1' });
  });

  it('only moves forward, whatever the wall clock does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 42 }), { minLength: 1, maxLength: 50 }), (walls) => {
        let state: HlcState = HLC_ZERO;
        let previous = encodeHlc(state, 'd');
        for (const wall of walls) {
          state = tickHlc(state, wall);
          const next = encodeHlc(state, 'd');
          expect(next > previous).toBe(true);
          previous = next;
        }
      }),
    );
  });

  it('passes every clock it has received', () => {
    fc.assert(
      fc.property(
        fc.record({ wallMs: fc.integer({ min: 0, max: 2 ** 42 }), counter: fc.integer({ min: 0, max: 1000 }) }),
        fc.record({ wallMs: fc.integer({ min: 0, max: 2 ** 42 }), counter: fc.integer({ min: 0, max: 1000 }) }),
        fc.integer({ min: 0, max: 2 ** 42 }),
        (local, remote, now) => {
          const next = receiveHlc(local, remote, now);
          expect(encodeHlc(next, 'a') > encodeHlc(local, 'a')).toBe(true);
          expect(encodeHlc(next, 'a') > encodeHlc(remote, 'a')).toBe(true);
        },
      ),
    );
  });
});

describe('clamping a clock from the future', () => {
  it('pulls a far-ahead timestamp back to the limit, keeping its counter and device', () => {
    const ahead = encodeHlc({ wallMs: 5_000, counter: 3 }, 'dev-1');
    expect(decodeHlc(clampHlc(ahead, 1_000))).toEqual({ wallMs: 1_000, counter: 3, deviceId: 'dev-1' });
    const fine = encodeHlc({ wallMs: 900, counter: 0 }, 'dev-1');
    expect(clampHlc(fine, 1_000)).toBe(fine);
  });
});
