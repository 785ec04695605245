import * as v from 'valibot';
import { DomainError } from './errors';
import { MAX_COUPON_BATCHES, MAX_COUPONS_PER_BATCH } from './coupons';
import { MAX_AMOUNT_MINOR } from './money';
import { MAX_EVENT_POINTS, pointsForAmount } from './points';
import type { LoyaltyProgram, ShopSettings } from './types';

// What the owner may set, with its limits: one schema for the settings form now and for the
// settings that sync between tablets later.

const whole = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const label = (max: number) => v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(max));
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const DAY_TEXT = /^\d{4}-\d{2}-\d{2}$/;

const CatalogueRewardSchema = v.object({ id, name: label(60), cost: whole(1, 1_000_000_000) });
const TierLevelSchema = v.object({ id, name: label(30), threshold: whole(0, 1_000_000_000_000), multiplierPercent: whole(100, 1000) });
const CouponBatchSchema = v.object({
  id,
  name: label(60),
  benefit: label(120),
  codes: v.pipe(v.array(v.pipe(v.string(), v.regex(/^[0-9A-Z]{8}$/))), v.minLength(1), v.maxLength(MAX_COUPONS_PER_BATCH)),
  validUntil: v.optional(v.pipe(v.string(), v.regex(DAY_TEXT))),
  createdAt: v.pipe(v.string(), v.isoTimestamp()),
});

export const ProgramSettingsSchema = v.object({
  mode: v.picklist(['stamps', 'points']),
  goal: whole(2, 50),
  rewardName: label(60),
  welcomeBonusStamps: whole(0, 49),
  cooldownMinutes: whole(0, 24 * 60),
  stampsPerPurchase: whole(1, 10),
  maxStampsPerPunch: whole(1, 100),
  dailyCap: whole(0, 1_000_000),
  pointsPer: whole(1, 1000),
  pointsSpendUnitMinor: whole(1, 100_000_000),
  pointsRounding: v.picklist(['down', 'nearest']),
  welcomeBonusPoints: whole(0, 1_000_000),
  maxPurchaseMinor: whole(1, MAX_AMOUNT_MINOR),
  catalogue: v.pipe(v.array(CatalogueRewardSchema), v.maxLength(30)),
  tierBasis: v.picklist(['spend', 'visits']),
  tierWindowDays: whole(1, 3650),
  tiers: v.pipe(v.array(TierLevelSchema), v.maxLength(6)),
  pointsExpiry: v.picklist(['none', 'afterEarning', 'afterInactivity']),
  pointsExpiryMonths: whole(1, 120),
  stampExpiryDays: whole(0, 3650),
  coupons: v.pipe(v.array(CouponBatchSchema), v.maxLength(MAX_COUPON_BATCHES * 5)),
});

export const ShopSettingsSchema = v.object({
  name: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(80)),
  country: v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^[A-Z]{2}$/)),
  currency: v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^[A-Z]{3}$/)),
  locale: v.pipe(v.string(), v.trim(), v.regex(/^[a-z]{2}(-[A-Z]{2})?$/)),
});

/** The settings the owner changes; those left out keep their current values. */
export type ProgramSettingsInput = Partial<v.InferInput<typeof ProgramSettingsSchema>>;
export type ShopSettingsInput = v.InferInput<typeof ShopSettingsSchema>;

function parseOrThrow<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const field = String(result.issues[0]?.path?.[0]?.key ?? '');
  throw new DomainError('settings.invalid', { field });
}

function invalid(field: string): never {
  throw new DomainError('settings.invalid', { field });
}

function strictlyAscending(values: readonly number[]): boolean {
  return values.every((value, i) => i === 0 || value > values[i - 1]!);
}

function hasDuplicates(values: readonly string[]): boolean {
  return new Set(values).size !== values.length;
}

/** Rules between settings, which one field's limits cannot say. */
function assertConsistent(program: LoyaltyProgram): void {
  if (program.welcomeBonusStamps >= program.goal) invalid('welcomeBonusStamps');
  // One purchase must fit in one punch, and in one day's allowance.
  if (program.maxStampsPerPunch < program.stampsPerPurchase) invalid('maxStampsPerPunch');
  if (program.mode === 'stamps' && program.dailyCap !== 0 && program.dailyCap < program.stampsPerPurchase) invalid('dailyCap');
  if (hasDuplicates(program.catalogue.map((r) => r.id)) || hasDuplicates(program.catalogue.map((r) => r.name.toLowerCase()))) invalid('catalogue');
  if (program.mode === 'points' && program.catalogue.length === 0) invalid('catalogue');
  // Higher tiers need more and never earn less: a member moving up never loses.
  const tiers = program.tiers;
  if (!strictlyAscending(tiers.map((t) => t.threshold)) || hasDuplicates(tiers.map((t) => t.name.toLowerCase()))) invalid('tiers');
  if (!tiers.every((tier, i) => i === 0 || tier.multiplierPercent >= tiers[i - 1]!.multiplierPercent)) invalid('tiers');
  // The largest purchase at the best tier's rate must earn what one event carries: an exact integer the server accepts.
  const topMultiplier = tiers.at(-1)?.multiplierPercent ?? 100;
  if (program.mode === 'points' && pointsForAmount(program.maxPurchaseMinor, program, topMultiplier) > MAX_EVENT_POINTS) invalid('maxPurchaseMinor');
  // Stamp punches record no amount: tiers by spend need points.
  if (tiers.length > 0 && program.mode === 'stamps' && program.tierBasis === 'spend') invalid('tierBasis');
  const codes = program.coupons.flatMap((batch) => batch.codes);
  if (hasDuplicates(codes) || hasDuplicates(program.coupons.map((b) => b.id))) invalid('coupons');
}

/** The next program version: events keep the version they were made under. */
export function nextProgram(current: LoyaltyProgram, input: ProgramSettingsInput): LoyaltyProgram {
  const parsed = parseOrThrow(ProgramSettingsSchema, { ...current, ...input });
  const next = { ...current, ...parsed, version: current.version + 1 };
  assertConsistent(next);
  return next;
}

export function parseShopSettings(input: ShopSettingsInput): ShopSettings {
  return parseOrThrow(ShopSettingsSchema, input);
}
