// Domain types shared by the app and (later) the sync server. Times are ISO-8601 UTC strings.

export type Iso = string;

/** A hybrid-logical-clock timestamp, see hlc.ts: sortable as a plain string. */
export type Hlc = string;

export interface Consent {
  marketing: boolean;
  at: Iso;
  /** Which wording the member agreed to (or declined), e.g. "marketing-v1". */
  textVersion: string;
}

/** Fields of a member that are edited independently and merged last-writer-wins. */
export type MemberField = 'name' | 'phoneE164' | 'email' | 'consent' | 'note' | 'cardCodes';

export interface Member {
  id: string;
  cardCodes: string[];
  name: string;
  phoneE164?: string;
  email?: string;
  consent: Consent;
  note?: string;
  createdAt: Iso;
  updatedAt: Iso;
  deletedAt?: Iso;
  clock: Partial<Record<MemberField, Hlc>>;
}

export type LedgerKind = 'enroll' | 'stamp' | 'earn' | 'redeem' | 'void' | 'adjust' | 'expire' | 'bonus';

export interface LedgerEvent {
  id: string;
  memberId: string;
  kind: LedgerKind;
  /** Signed change in stamps: +n for a punch or bonus, −goal for a redemption. */
  stamps?: number;
  points?: number;
  amountMinor?: number;
  rewardId?: string;
  voidsId?: string;
  reason?: string;
  deviceId: string;
  at: Iso;
  hlc: Hlc;
  programVersion: number;
}

/** Everything the till shows about a member, derived by folding their events. */
export interface MemberSummary {
  memberId: string;
  stamps: number;
  visits: number;
  rewardsRedeemed: number;
  lastVisitAt?: Iso;
}

export interface StampProgram {
  version: number;
  goal: number;
  rewardName: string;
  welcomeBonusStamps: number;
  /** Stamps one purchase earns: the till's count is of purchases. */
  stampsPerPurchase: number;
  /** The most stamps one punch may give (fraud limit per transaction). */
  maxStampsPerPunch: number;
  /** The most stamps a member may get in one day, 0 for no limit. */
  dailyCap: number;
  cooldownMinutes: number;
  undoSeconds: number;
}

export interface ShopSettings {
  name: string;
  /** ISO 3166-1 alpha-2, the default country for phone numbers. */
  country: string;
  currency: string;
  locale: string;
}
