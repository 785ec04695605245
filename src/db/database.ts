import Dexie, { type Table } from 'dexie';
import type { HlcState } from '../core/hlc';
import type { Mutation } from '../core/mutations';
import type { LedgerEvent, Member, MemberSummary, ShopSettings, StampProgram } from '../core/types';

/** A member as stored: the domain record plus the derived keys its lookups index. */
export interface MemberRow extends Member {
  /** Rotations of the folded name's words: any word, or words in order, is a prefix range. */
  namePhrases: string[];
  /** Reversed digits of phoneE164: "last digits" lookups become an index prefix range. */
  phoneRev?: string;
}

export interface OutboxRow {
  seq?: number;
  mutation: Mutation;
}

export type SettingRow =
  | { key: 'program'; value: StampProgram }
  | { key: 'shop'; value: ShopSettings };

export interface DeviceRow {
  key: 'self';
  deviceId: string;
  cardPrefix: number;
  lastCardSequence: number;
  hlc: HlcState;
}

export const DATABASE_NAME = 'punchline';

export class PunchlineDatabase extends Dexie {
  members!: Table<MemberRow, string>;
  events!: Table<LedgerEvent, string>;
  summaries!: Table<MemberSummary, string>;
  outbox!: Table<OutboxRow, number>;
  settings!: Table<SettingRow, string>;
  device!: Table<DeviceRow, string>;

  constructor(name: string = DATABASE_NAME) {
    super(name);
    // Schema versions are kept forever: add a new version() below, never edit an old one.
    this.version(1).stores({
      members: 'id, *cardCodes, phoneRev, *namePhrases, updatedAt',
      events: 'id, memberId, voidsId, at',
      summaries: 'memberId, lastVisitAt',
      outbox: '++seq',
      settings: 'key',
      device: 'key',
    });
  }
}
