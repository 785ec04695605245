import Dexie, { type Table } from 'dexie';
import type { HlcState } from '../core/hlc';
import type { Mutation } from '../core/mutations';
import type { PinRecord } from '../core/ownerPin';
import type { Rejection } from '../core/protocol';
import type { Hlc, Iso, LedgerEvent, Member, MemberSummary, ShopSettings, LoyaltyProgram } from '../core/types';

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
  | { key: 'program'; value: LoyaltyProgram }
  | { key: 'shop'; value: ShopSettings }
  /** The HLC of the last settings change here or pulled; absent while the defaults stand. */
  | { key: 'clock'; value: Hlc };

export interface DeviceRow {
  key: 'self';
  deviceId: string;
  cardPrefix: number;
  lastCardSequence: number;
  hlc: HlcState;
  /** Server time minus this tablet's clock, measured at each sync: HLC stamps use the server's time. */
  clockOffsetMs?: number;
  /** Set the first time the owner area opens; per tablet, never synced. */
  ownerPin?: OwnerPinRow;
  /** When this tablet last wrote a backup file (not indexed: no schema version); per tablet, never in a backup. */
  lastBackupAt?: Iso;
  /** Every summary has the fields schema v4 added (summaryBackfill.ts ran to the end): not checked again. */
  summariesBackfilled?: boolean;
}

/** The owner PIN's hash and the wrong PINs in a row since the last right one (they make the next try wait). */
export interface OwnerPinRow {
  record: PinRecord;
  failures: number;
  lastFailureAt?: number;
}

/** The backend this tablet is paired with (absent until Settings → Connect to backend). */
export interface SyncLinkRow {
  key: 'link';
  serverUrl: string;
  token: string;
  deviceId: string;
  businessId: string;
  businessName: string;
  shopId: string;
  pairedAt: Iso;
}

/** Where sync stands; changed only together with the data it describes. */
export interface SyncProgressRow {
  key: 'progress';
  /** The server's change sequence up to which this tablet has applied every change. */
  cursor: number;
  /** Every outbox row up to this mutation id has been applied (or rejected) by the server. */
  ackedMid: number;
  /** The server's latest change when last asked: with `cursor`, the first sync's progress. */
  headSeq: number;
}

/** What the status indicator shows; written by the sync engine, read by every tab. */
export interface SyncStatusRow {
  key: 'status';
  running: boolean;
  lastSuccessAt?: Iso;
  /** Set at the first failed attempt to reach the server, cleared by the next success. */
  offlineSince?: Iso;
  error?: { code: string; message?: string; at: Iso };
  rejections: Rejection[];
}

export type SyncRow = SyncLinkRow | SyncProgressRow | SyncStatusRow;

export const DATABASE_NAME = 'punchline';

export class PunchlineDatabase extends Dexie {
  members!: Table<MemberRow, string>;
  events!: Table<LedgerEvent, string>;
  summaries!: Table<MemberSummary, string>;
  outbox!: Table<OutboxRow, number>;
  settings!: Table<SettingRow, string>;
  device!: Table<DeviceRow, string>;
  sync!: Table<SyncRow, string>;

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
    this.version(2).stores({ sync: 'key' });
    // rewardId: is this coupon used already? Summaries gain points and spend (zero before points existed).
    this.version(3)
      .stores({ events: 'id, memberId, voidsId, at, rewardId' })
      .upgrade((tx) =>
        tx
          .table<MemberSummary, string>('summaries')
          .toCollection()
          .modify((summary) => {
            summary.points ??= 0;
            summary.spendMinor ??= 0;
          }),
      );
    // mergedInto: the members folded into another (their cards and ledger now count for it).
    // Summaries gain latestVisits and expiringEarnings without an upgrade step: refolding 100k
    // here would hold the app's start for many seconds; summaryBackfill.ts does it afterwards.
    this.version(4).stores({ members: 'id, *cardCodes, phoneRev, *namePhrases, updatedAt, mergedInto' });
  }
}
