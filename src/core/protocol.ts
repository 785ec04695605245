import * as v from 'valibot';
import { MAX_CARDS_PER_MEMBER, MAX_NAME_LENGTH } from './memberInput';
import { MAX_EVENT_POINTS } from './points';
import { DEFAULT_PROGRAM } from './program';
import { ProgramSettingsSchema, ShopSettingsSchema } from './settingsSchema';
import type { Iso, LedgerEvent, LoyaltyProgram, Member } from './types';
import type { Mutation } from './mutations';

// The wire format between tablets and the server, shared by both ends (the server validates
// every request with these schemas; the tablet builds its requests from the same types).

export const PairRequestSchema = v.object({
  code: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(32)),
  deviceName: v.pipe(v.string(), v.trim(), v.maxLength(80)),
});
export type PairRequest = v.InferOutput<typeof PairRequestSchema>;

export interface PairResponse {
  deviceId: string;
  token: string;
  businessId: string;
  businessName: string;
  shopId: string;
  shopName: string;
  /** This tablet's card-number prefix, unique across the server (see cardNumber.ts). */
  cardPrefix: number;
}

/** Every 4xx/5xx body: a stable code for programs and a sentence for people. */
export interface ApiError {
  error: string;
  message: string;
}

// ---- Records as they travel. Unknown keys are dropped; limits keep one row small.

const HLC_PATTERN = /^\d{15}-[0-9a-z]{5}-[0-9A-Za-z-]{1,64}$/;
const HlcSchema = v.pipe(v.string(), v.regex(HLC_PATTERN));
// Normalised to toISOString() form, so that comparing two as text compares them as times.
const IsoSchema = v.pipe(v.string(), v.isoTimestamp(), v.transform((iso) => new Date(iso).toISOString()));
const UuidSchema = v.pipe(v.string(), v.uuid());
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

export const MemberSchema = v.pipe(
  v.object({
    id: UuidSchema,
    cardCodes: v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(64))), v.maxLength(MAX_CARDS_PER_MEMBER)),
    name: v.pipe(v.string(), v.check((name) => [...name].length <= MAX_NAME_LENGTH)),
    phoneE164: v.optional(v.pipe(v.string(), v.regex(/^\+[1-9]\d{5,14}$/))),
    email: v.optional(text(254)),
    consent: v.object({ marketing: v.boolean(), at: IsoSchema, textVersion: text(40) }),
    note: v.optional(text(1000)),
    createdAt: IsoSchema,
    updatedAt: IsoSchema,
    deletedAt: v.optional(IsoSchema),
    mergedInto: v.optional(UuidSchema),
    clock: v.object({
      name: v.optional(HlcSchema),
      phoneE164: v.optional(HlcSchema),
      email: v.optional(HlcSchema),
      consent: v.optional(HlcSchema),
      note: v.optional(HlcSchema),
      cardCodes: v.optional(HlcSchema),
      mergedInto: v.optional(HlcSchema),
    }),
  }),
  v.check((member) => member.deletedAt !== undefined || member.mergedInto !== undefined || member.name.trim() !== '', 'A member needs a name'),
  v.check((member) => member.mergedInto !== member.id, 'A member cannot be merged into itself'),
);

const STAMP_LIMIT = 1000;

export const LedgerEventSchema = v.pipe(
  v.object({
    id: UuidSchema,
    memberId: UuidSchema,
    kind: v.picklist(['enroll', 'stamp', 'earn', 'redeem', 'void', 'adjust', 'expire', 'bonus']),
    stamps: v.optional(v.pipe(v.number(), v.integer(), v.minValue(-STAMP_LIMIT), v.maxValue(STAMP_LIMIT))),
    points: v.optional(v.pipe(v.number(), v.integer(), v.minValue(-MAX_EVENT_POINTS), v.maxValue(MAX_EVENT_POINTS))),
    amountMinor: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1e12))),
    rewardId: v.optional(text(64)),
    voidsId: v.optional(UuidSchema),
    reason: v.optional(text(200)),
    expiresAt: v.optional(IsoSchema),
    deviceId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
    at: IsoSchema,
    hlc: HlcSchema,
    programVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  }),
  v.check((event) => (event.kind === 'void') === (event.voidsId !== undefined), 'A void, and only a void, names the event it cancels'),
);

/** A setting added after the first release: programs saved before it (by an older tablet) read as its default. */
const withDefault = <K extends keyof typeof ProgramSettingsSchema.entries>(key: K) =>
  v.optional(ProgramSettingsSchema.entries[key], () => structuredClone(DEFAULT_PROGRAM[key]));

export const LoyaltyProgramSchema = v.object({
  ...ProgramSettingsSchema.entries,
  stampsPerPurchase: withDefault('stampsPerPurchase'),
  maxStampsPerPunch: withDefault('maxStampsPerPunch'),
  dailyCap: withDefault('dailyCap'),
  mode: withDefault('mode'),
  pointsPer: withDefault('pointsPer'),
  pointsSpendUnitMinor: withDefault('pointsSpendUnitMinor'),
  pointsRounding: withDefault('pointsRounding'),
  welcomeBonusPoints: withDefault('welcomeBonusPoints'),
  maxPurchaseMinor: withDefault('maxPurchaseMinor'),
  catalogue: withDefault('catalogue'),
  tierBasis: withDefault('tierBasis'),
  tierWindowDays: withDefault('tierWindowDays'),
  tiers: withDefault('tiers'),
  pointsExpiry: withDefault('pointsExpiry'),
  pointsExpiryMonths: withDefault('pointsExpiryMonths'),
  stampExpiryDays: withDefault('stampExpiryDays'),
  coupons: withDefault('coupons'),
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  undoSeconds: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(600)),
});

export const SyncedSettingsSchema = v.object({
  program: LoyaltyProgramSchema,
  shop: ShopSettingsSchema,
  hlc: HlcSchema,
});

export const MutationSchema = v.variant('kind', [
  v.object({ kind: v.literal('member.upsert'), member: MemberSchema }),
  v.object({ kind: v.literal('event.append'), event: LedgerEventSchema }),
  v.object({ kind: v.literal('settings.put'), settings: SyncedSettingsSchema }),
]);

// Compile-time proof that what the schemas accept is what the app writes, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemasMatchTypes: [
  Same<v.InferOutput<typeof MemberSchema>, Member>,
  Same<v.InferOutput<typeof LedgerEventSchema>, LedgerEvent>,
  Same<v.InferOutput<typeof MutationSchema>, Mutation>,
  Same<v.InferOutput<typeof LoyaltyProgramSchema>, LoyaltyProgram>,
] = [true, true, true, true];
void schemasMatchTypes;

// ---- Push: the device's outbox, in order, numbered by `mid`.

export const MAX_PUSH_MUTATIONS = 500;
export const MAX_PUSH_BYTES = 2 * 1024 * 1024;

/** The envelope only: each mutation is validated on its own so one bad one cannot block the rest. */
export const PushRequestSchema = v.object({
  mutations: v.pipe(
    v.array(v.looseObject({ mid: v.pipe(v.number(), v.integer(), v.minValue(1)) })),
    v.minLength(1),
    v.maxLength(MAX_PUSH_MUTATIONS),
  ),
});

export type NumberedMutation = Mutation & { mid: number };

export interface PushRequest {
  mutations: NumberedMutation[];
}

/** A mutation the server can never apply: recorded, reported, and skipped for good. */
export interface Rejection {
  mid: number;
  /** `invalid`: fails the schema; `member_unknown`: no such member in this business; `id_conflict`: the id is taken elsewhere. */
  code: 'invalid' | 'member_unknown' | 'id_conflict';
  message: string;
  at: Iso;
}

export interface PushResponse {
  /** The highest mid the server has applied or rejected for this device: everything ≤ it is done. */
  lastMid: number;
  rejections: Rejection[];
  serverTime: Iso;
}

// ---- Pull: everything after a cursor, in the order the server committed it.

export const DEFAULT_PULL_LIMIT = 1000;
export const MAX_PULL_LIMIT = 5000;

export const PullQuerySchema = v.object({
  cursor: v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number)),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,5}$/), v.transform(Number), v.minValue(1), v.maxValue(MAX_PULL_LIMIT)), String(DEFAULT_PULL_LIMIT)),
});

export type SyncedSettings = v.InferOutput<typeof SyncedSettingsSchema>;

export type Change =
  | { seq: number; kind: 'member'; member: Member }
  | { seq: number; kind: 'event'; event: LedgerEvent }
  | { seq: number; kind: 'settings'; settings: SyncedSettings };

export interface PullResponse {
  changes: Change[];
  /** Pass back as `cursor` for the next page. */
  cursor: number;
  /** The business's latest change when this page was read: with `cursor`, the progress of a first sync. */
  headSeq: number;
  more: boolean;
  lastMid: number;
  /** This device's most recent rejections. */
  rejections: Rejection[];
  serverTime: Iso;
  /**
   * The cursor is beyond any this server handed out: it lost changes (restored from a backup).
   * The device must send everything it has again and pull from 0.
   */
  restored: boolean;
}
