import { encodeHlc } from '../../src/core/hlc';
import { newId } from '../../src/core/ids';
import { DEFAULT_PROGRAM, DEFAULT_SHOP } from '../../src/core/program';
import type { SyncedSettings } from '../../src/core/protocol';
import type { LedgerEvent, Member } from '../../src/core/types';

// Valid wire records for server tests that speak the protocol directly.

/** An hour ago, on a whole second: recent enough that the server's clock clamp leaves it alone. */
export const BASE_MS = Math.floor((Date.now() - 3600_000) / 1000) * 1000;

export const hlcAt = (ms: number, deviceId: string, counter = 0) => encodeHlc({ wallMs: ms, counter }, deviceId);

export function memberRecord(deviceId: string, overrides: Partial<Member> = {}, ms = BASE_MS): Member {
  const at = new Date(ms).toISOString();
  const hlc = hlcAt(ms, deviceId);
  return {
    id: newId(),
    cardCodes: [`9${String(Math.floor(Math.random() * 1e11)).padStart(11, '0')}`],
    name: 'Éva Kovács',
    consent: { marketing: false, at, textVersion: 'marketing-v1' },
    createdAt: at,
    updatedAt: at,
    clock: { name: hlc, cardCodes: hlc, consent: hlc },
    ...overrides,
  };
}

export function eventRecord(deviceId: string, memberId: string, overrides: Partial<LedgerEvent> = {}, ms = BASE_MS): LedgerEvent {
  return {
    id: newId(),
    memberId,
    kind: 'stamp',
    stamps: 1,
    deviceId,
    at: new Date(ms).toISOString(),
    hlc: hlcAt(ms, deviceId),
    programVersion: 1,
    ...overrides,
  };
}

export function settingsRecord(deviceId: string, overrides: { program?: Partial<SyncedSettings['program']>; shop?: Partial<SyncedSettings['shop']> } = {}, ms = BASE_MS): SyncedSettings {
  return {
    program: { ...DEFAULT_PROGRAM, version: 2, ...overrides.program },
    shop: { ...DEFAULT_SHOP, ...overrides.shop },
    hlc: hlcAt(ms, deviceId),
  };
}

/** Numbers mutations from `firstMid` on, as a device's outbox would. */
export function numbered(mutations: object[], firstMid = 1) {
  return mutations.map((mutation, i) => ({ mid: firstMid + i, ...mutation }));
}
