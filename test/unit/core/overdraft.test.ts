import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../src/core/hlc';
import { memberBalance, type BalanceEvent } from '../../../src/core/balance';
import { DEFAULT_PROGRAM } from '../../../src/core/program';
import type { LedgerEvent } from '../../../src/core/types';

const at = (wallMs: number, device = 'a') => encodeHlc({ wallMs, counter: 0 }, device);
const ev = (id: string, kind: LedgerEvent['kind'], stamps: number | undefined, wallMs: number, voidsId?: string): BalanceEvent => ({
  id,
  kind,
  ...(stamps === undefined ? {} : { stamps }),
  hlc: at(wallMs),
  at: new Date(wallMs).toISOString(),
  ...(voidsId ? { voidsId } : {}),
});
const overdrawnRedemptions = (events: BalanceEvent[]) => memberBalance(events, DEFAULT_PROGRAM, new Date(10).toISOString()).overdrawn;

describe('overdrawn redemptions', () => {
  it('names the later of two redemptions of the same stamps, whatever order they arrived in', () => {
    const events = [ev('punch', 'stamp', 10, 1), ev('redeemB', 'redeem', -10, 3), ev('redeemA', 'redeem', -10, 2)];
    expect(overdrawnRedemptions(events)).toEqual(['redeemB']);
    expect(overdrawnRedemptions([...events].reverse())).toEqual(['redeemB']);
  });

  it('ignores voided events and the voids themselves', () => {
    expect(overdrawnRedemptions([ev('punch', 'stamp', 10, 1), ev('r1', 'redeem', -10, 2), ev('v', 'void', undefined, 3, 'r1'), ev('r2', 'redeem', -10, 4)])).toEqual([]);
    expect(overdrawnRedemptions([ev('punch', 'stamp', 10, 1), ev('v', 'void', undefined, 3, 'punch'), ev('r', 'redeem', -10, 2)])).toEqual(['r']);
  });
});
