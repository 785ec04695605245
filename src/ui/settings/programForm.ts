import { newId } from '../../core/ids';
import { currencyMinorDigits, minorToDecimal, parseAmount } from '../../core/money';
import { pointsForAmount } from '../../core/points';
import type { ProgramSettingsInput } from '../../core/settingsSchema';
import type { LoyaltyProgram, PointsExpiry, PointsRounding, ProgramMode, TierBasis } from '../../core/types';

// The program form as typed (text, so that a half-typed value stays on screen) and the program
// input it makes. Pure: the settings dialog's sections edit a ProgramForm; saving converts it.
// Bad text becomes NaN, which the domain's validation refuses naming the field.

export interface CatalogueRow {
  id: string;
  name: string;
  cost: string;
}

export interface TierRow {
  id: string;
  name: string;
  /** Money in the shop currency (tiers by spend) or a count of visits. */
  threshold: string;
  multiplierPercent: string;
}

export interface ProgramForm {
  mode: ProgramMode;
  goal: string;
  rewardName: string;
  stampsPerPurchase: string;
  welcomeBonusStamps: string;
  cooldownMinutes: string;
  maxStampsPerPunch: string;
  /** One daily cap each: a stamp card's cap in stamps is no cap in points. */
  dailyCapStamps: string;
  dailyCapPoints: string;
  pointsPer: string;
  /** Money in the shop currency: "1.00", "100". */
  pointsSpendUnit: string;
  pointsRounding: PointsRounding;
  welcomeBonusPoints: string;
  maxPurchase: string;
  catalogue: CatalogueRow[];
  tierBasis: TierBasis;
  tierWindowDays: string;
  tiers: TierRow[];
  pointsExpiry: PointsExpiry;
  pointsExpiryMonths: string;
  stampExpiryDays: string;
}

/** The rows a catalogue and a tier list may hold (ProgramSettingsSchema). */
export const MAX_CATALOGUE_ROWS = 30;
export const MAX_TIER_ROWS = 6;

/** Digits after the separator for the currency as typed in the form ("eur" is EUR). */
export function minorDigitsOf(currency: string): number {
  return currencyMinorDigits(currency.trim().toUpperCase());
}

/** A whole number as typed; NaN for an empty field (Number('') would be 0). */
export function wholeOf(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/** Money as typed, in minor units; NaN when it is no amount of this currency. */
function moneyOf(text: string, minorDigits: number): number {
  return parseAmount(text, minorDigits) ?? Number.NaN;
}

/** Stamp programs record no amount: their tiers count visits. */
export function effectiveTierBasis(form: Pick<ProgramForm, 'mode' | 'tierBasis'>): TierBasis {
  return form.mode === 'stamps' ? 'visits' : form.tierBasis;
}

export function programFormOf(program: LoyaltyProgram, currency: string): ProgramForm {
  const digits = minorDigitsOf(currency);
  const money = (minor: number) => minorToDecimal(minor, digits);
  return {
    mode: program.mode,
    goal: String(program.goal),
    rewardName: program.rewardName,
    stampsPerPurchase: String(program.stampsPerPurchase),
    welcomeBonusStamps: String(program.welcomeBonusStamps),
    cooldownMinutes: String(program.cooldownMinutes),
    maxStampsPerPunch: String(program.maxStampsPerPunch),
    dailyCapStamps: program.mode === 'stamps' ? String(program.dailyCap) : '0',
    dailyCapPoints: program.mode === 'points' ? String(program.dailyCap) : '0',
    pointsPer: String(program.pointsPer),
    pointsSpendUnit: money(program.pointsSpendUnitMinor),
    pointsRounding: program.pointsRounding,
    welcomeBonusPoints: String(program.welcomeBonusPoints),
    maxPurchase: money(program.maxPurchaseMinor),
    catalogue: program.catalogue.map((reward) => ({ id: reward.id, name: reward.name, cost: String(reward.cost) })),
    tierBasis: program.tierBasis,
    tierWindowDays: String(program.tierWindowDays),
    tiers: program.tiers.map((tier) => ({
      id: tier.id,
      name: tier.name,
      threshold: program.tierBasis === 'spend' ? money(tier.threshold) : String(tier.threshold),
      multiplierPercent: String(tier.multiplierPercent),
    })),
    pointsExpiry: program.pointsExpiry,
    pointsExpiryMonths: String(program.pointsExpiryMonths),
    stampExpiryDays: String(program.stampExpiryDays),
  };
}

export function newCatalogueRow(): CatalogueRow {
  return { id: newId(), name: '', cost: '' };
}

/** A new tier after the last: the first starts at 0; a later one earns at least as much as the one before. */
export function newTierRow(tiers: readonly TierRow[]): TierRow {
  return { id: newId(), name: '', threshold: tiers.length === 0 ? '0' : '', multiplierPercent: tiers.at(-1)?.multiplierPercent ?? '100' };
}

/** The form after a change of program kind: a points program starts with one (empty) reward row. */
export function withMode(form: ProgramForm, mode: ProgramMode): ProgramForm {
  return { ...form, mode, catalogue: mode === 'points' && form.catalogue.length === 0 ? [newCatalogueRow()] : form.catalogue };
}

function thresholdOf(row: TierRow, basis: TierBasis, minorDigits: number): number {
  return basis === 'spend' ? moneyOf(row.threshold, minorDigits) : wholeOf(row.threshold);
}

/** Tier rows in ascending order of what they take; rows not (yet) readable keep their place after them. */
export function sortTierRows(form: Pick<ProgramForm, 'mode' | 'tierBasis' | 'tiers'>, currency: string): TierRow[] {
  const basis = effectiveTierBasis(form);
  const digits = minorDigitsOf(currency);
  const keyed = form.tiers.map((row, index) => ({ row, index, threshold: thresholdOf(row, basis, digits) }));
  const rank = (threshold: number) => (Number.isFinite(threshold) ? threshold : Number.POSITIVE_INFINITY);
  return keyed.sort((a, b) => rank(a.threshold) - rank(b.threshold) || a.index - b.index).map((entry) => entry.row);
}

const isBlank = (...texts: string[]) => texts.every((text) => text.trim() === '');

/**
 * The program input the form stands for. Settings of the other kind of program are left out (they
 * keep their saved values, and an error never names a field that is not on screen); rows left
 * entirely empty are dropped; tiers go in ascending order.
 */
export function programInputOf(form: ProgramForm, currency: string): ProgramSettingsInput {
  const digits = minorDigitsOf(currency);
  const basis = effectiveTierBasis(form);
  const tierRows = form.tiers.filter((row) => !isBlank(row.name, row.threshold));
  const tiers = sortTierRows({ ...form, tiers: tierRows }, currency).map((row) => ({
    id: row.id,
    name: row.name,
    threshold: thresholdOf(row, basis, digits),
    multiplierPercent: wholeOf(row.multiplierPercent),
  }));
  const shared: ProgramSettingsInput = {
    mode: form.mode,
    cooldownMinutes: wholeOf(form.cooldownMinutes),
    dailyCap: wholeOf(form.mode === 'stamps' ? form.dailyCapStamps : form.dailyCapPoints),
    tiers,
    // Without tiers the basis and the window mean nothing: they keep their saved values.
    ...(tiers.length > 0 ? { tierBasis: basis, tierWindowDays: wholeOf(form.tierWindowDays) } : {}),
  };
  if (form.mode === 'stamps') {
    return {
      ...shared,
      goal: wholeOf(form.goal),
      rewardName: form.rewardName,
      stampsPerPurchase: wholeOf(form.stampsPerPurchase),
      welcomeBonusStamps: wholeOf(form.welcomeBonusStamps),
      maxStampsPerPunch: wholeOf(form.maxStampsPerPunch),
      stampExpiryDays: wholeOf(form.stampExpiryDays),
    };
  }
  return {
    ...shared,
    pointsPer: wholeOf(form.pointsPer),
    pointsSpendUnitMinor: moneyOf(form.pointsSpendUnit, digits),
    pointsRounding: form.pointsRounding,
    welcomeBonusPoints: wholeOf(form.welcomeBonusPoints),
    maxPurchaseMinor: moneyOf(form.maxPurchase, digits),
    catalogue: form.catalogue
      .filter((row) => !isBlank(row.name, row.cost))
      .map((row) => ({ id: row.id, name: row.name, cost: wholeOf(row.cost) })),
    pointsExpiry: form.pointsExpiry,
    // "Never" hides the months: whatever is left in that field does not matter.
    ...(form.pointsExpiry !== 'none' ? { pointsExpiryMonths: wholeOf(form.pointsExpiryMonths) } : {}),
  };
}

/**
 * What the chosen rate and rounding make of a purchase of twelve and a half steps ("A purchase
 * of 12.50 € earns 12 points"), or undefined while the rate cannot be read.
 */
export function roundingExample(form: Pick<ProgramForm, 'pointsPer' | 'pointsSpendUnit' | 'pointsRounding'>, currency: string): { amountMinor: number; points: number } | undefined {
  const pointsPer = wholeOf(form.pointsPer);
  const pointsSpendUnitMinor = moneyOf(form.pointsSpendUnit, minorDigitsOf(currency));
  if (!Number.isSafeInteger(pointsPer) || pointsPer < 1 || !Number.isSafeInteger(pointsSpendUnitMinor) || pointsSpendUnitMinor < 1) return undefined;
  const amountMinor = Math.floor((pointsSpendUnitMinor * 25) / 2);
  if (amountMinor < 1 || !Number.isSafeInteger(amountMinor)) return undefined;
  return { amountMinor, points: pointsForAmount(amountMinor, { pointsPer, pointsSpendUnitMinor, pointsRounding: form.pointsRounding }) };
}
