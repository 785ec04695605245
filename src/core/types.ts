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
export type MemberField = 'name' | 'phoneE164' | 'email' | 'consent' | 'note' | 'cardCodes' | 'mergedInto';

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
  /** Set when the owner merged this member into another: its cards and ledger count for that one now. */
  mergedInto?: string;
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
  /** When what this event earned expires, fixed by the rules it was earned under. */
  expiresAt?: Iso;
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
  /** Points earned minus points spent, before expiry (expiry depends on the time: see balance.ts). */
  points: number;
  /** Purchase amounts recorded at the till, in the shop currency's minor units. */
  spendMinor: number;
  lastVisitAt?: Iso;
  /**
   * The times of the latest visits (not voided), newest first, at most LATEST_VISITS_KEPT (ledger.ts):
   * recent visits (segments, tiers by visits) without reading the ledger. Absent in a row written
   * before it existed: then the ledger has to answer.
   */
  latestVisits?: Iso[];
  /**
   * Events (not voided) that carry an `expiresAt`. While there are none, expiry takes nothing from
   * `stamps` and `points` (unless the program lets points lapse after inactivity). Absent: unknown.
   */
  expiringEarnings?: number;
}

/** Stamps on a card ("buy 9, the 10th is free"), or points for the amount spent and a catalogue. */
export type ProgramMode = 'stamps' | 'points';

/** How a purchase's points are rounded to a whole number: always down, or half up. */
export type PointsRounding = 'down' | 'nearest';

export interface CatalogueReward {
  id: string;
  name: string;
  /** Points it costs. */
  cost: number;
}

/** A tier a member reaches with `threshold` spend (minor units) or visits within the rolling window of days. */
export interface TierLevel {
  id: string;
  name: string;
  threshold: number;
  /** Points earned at this tier, in percent of the base rate (100: as everyone, 150: half as much again). */
  multiplierPercent: number;
}

export type TierBasis = 'spend' | 'visits';

export type PointsExpiry = 'none' | 'afterEarning' | 'afterInactivity';

/** A campaign's single-use codes (e.g. "We miss you: 15 % off"), each usable once. */
export interface CouponBatch {
  id: string;
  name: string;
  /** What the cashier gives for it, in the owner's words. */
  benefit: string;
  codes: string[];
  /** The last day (YYYY-MM-DD, the shop's local date) the codes are accepted; none: no end. */
  validUntil?: string;
  createdAt: Iso;
}

export interface LoyaltyProgram {
  version: number;
  mode: ProgramMode;
  goal: number;
  rewardName: string;
  welcomeBonusStamps: number;
  /** Stamps one purchase earns: the till's count is of purchases. */
  stampsPerPurchase: number;
  /** The most stamps one punch may give (fraud limit per transaction). */
  maxStampsPerPunch: number;
  /** The most stamps (or points) a member may get in one day, 0 for no limit. */
  dailyCap: number;
  cooldownMinutes: number;
  undoSeconds: number;
  /** Points earned for each `pointsSpendUnitMinor` spent, before the tier's multiplier. */
  pointsPer: number;
  pointsSpendUnitMinor: number;
  pointsRounding: PointsRounding;
  welcomeBonusPoints: number;
  /** The largest amount one purchase may record, in minor units (fraud limit per transaction). */
  maxPurchaseMinor: number;
  catalogue: CatalogueReward[];
  tierBasis: TierBasis;
  tierWindowDays: number;
  /** Ascending thresholds (below the first, usually 0, a member has no tier); empty: no tiers. */
  tiers: TierLevel[];
  pointsExpiry: PointsExpiry;
  pointsExpiryMonths: number;
  /** Each stamp counts for this many days after it was given; 0: stamps never expire. */
  stampExpiryDays: number;
  coupons: CouponBatch[];
}

export interface ShopSettings {
  name: string;
  /** ISO 3166-1 alpha-2, the default country for phone numbers. */
  country: string;
  currency: string;
  locale: string;
}
