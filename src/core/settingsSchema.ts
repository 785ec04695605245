import * as v from 'valibot';
import { DomainError } from './errors';
import type { ShopSettings, StampProgram } from './types';

// What the owner may set, with its limits: one schema for the settings form now and for the
// settings that sync between tablets later.

export const ProgramSettingsSchema = v.object({
  goal: v.pipe(v.number(), v.integer(), v.minValue(2), v.maxValue(50)),
  rewardName: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(60)),
  welcomeBonusStamps: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(49)),
  cooldownMinutes: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(24 * 60)),
  stampsPerPurchase: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10)),
  maxStampsPerPunch: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)),
  dailyCap: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000)),
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

/** The next program version: events keep the version they were made under. */
export function nextProgram(current: StampProgram, input: ProgramSettingsInput): StampProgram {
  const parsed = parseOrThrow(ProgramSettingsSchema, { ...current, ...input });
  if (parsed.welcomeBonusStamps >= parsed.goal) throw new DomainError('settings.invalid', { field: 'welcomeBonusStamps' });
  // One purchase must fit in one punch, and in one day's allowance.
  if (parsed.maxStampsPerPunch < parsed.stampsPerPurchase) throw new DomainError('settings.invalid', { field: 'maxStampsPerPunch' });
  if (parsed.dailyCap !== 0 && parsed.dailyCap < parsed.stampsPerPurchase) throw new DomainError('settings.invalid', { field: 'dailyCap' });
  return { ...current, ...parsed, version: current.version + 1 };
}

export function parseShopSettings(input: ShopSettingsInput): ShopSettings {
  return parseOrThrow(ShopSettingsSchema, input);
}
