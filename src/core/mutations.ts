import type { LedgerEvent, Member, ShopSettings, LoyaltyProgram } from './types';

// What the outbox carries to the server: written in the same transaction as the change itself.
// An erasure travels as a member.upsert of the tombstone (see memberMerge.ts).
export type Mutation =
  | { kind: 'member.upsert'; member: Member }
  | { kind: 'event.append'; event: LedgerEvent }
  | { kind: 'settings.put'; settings: { program: LoyaltyProgram; shop: ShopSettings; hlc: string } };
