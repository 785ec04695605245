import type { LedgerEvent, Member } from './types';

// What the outbox carries to the server: written in the same transaction as the change itself.
export type Mutation =
  | { kind: 'member.upsert'; member: Member }
  | { kind: 'event.append'; event: LedgerEvent };
