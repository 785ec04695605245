import type { ProgramMode } from '../core/types';
import type { MessageKey } from '../i18n';

export type SettingsField =
  | 'name'
  | 'country'
  | 'currency'
  | 'mode'
  | 'goal'
  | 'rewardName'
  | 'stampsPerPurchase'
  | 'welcomeBonusStamps'
  | 'cooldownMinutes'
  | 'maxStampsPerPunch'
  | 'dailyCap'
  | 'pointsPer'
  | 'pointsSpendUnitMinor'
  | 'pointsRounding'
  | 'welcomeBonusPoints'
  | 'maxPurchaseMinor'
  | 'catalogue'
  | 'tierBasis'
  | 'tierWindowDays'
  | 'tiers'
  | 'pointsExpiry'
  | 'pointsExpiryMonths'
  | 'stampExpiryDays'
  | 'coupons';

/** The form label of each setting: the settings form shows it, and so does a validation error. */
const SETTINGS_FIELD_LABELS: Record<SettingsField, MessageKey> = {
  name: 'settings.name',
  country: 'settings.country',
  currency: 'settings.currency',
  mode: 'settings.mode',
  goal: 'settings.goal',
  rewardName: 'settings.rewardName',
  stampsPerPurchase: 'settings.stampsPerPurchase',
  welcomeBonusStamps: 'settings.welcomeBonusStamps',
  cooldownMinutes: 'settings.cooldownMinutes',
  maxStampsPerPunch: 'settings.maxStampsPerPunch',
  dailyCap: 'settings.dailyCap',
  pointsPer: 'settings.pointsPer',
  pointsSpendUnitMinor: 'settings.pointsSpendUnitMinor',
  pointsRounding: 'settings.pointsRounding',
  welcomeBonusPoints: 'settings.welcomeBonusPoints',
  maxPurchaseMinor: 'settings.maxPurchaseMinor',
  catalogue: 'settings.catalogue',
  tierBasis: 'settings.tierBasis',
  tierWindowDays: 'settings.tierWindowDays',
  tiers: 'settings.tiers',
  pointsExpiry: 'settings.pointsExpiry',
  pointsExpiryMonths: 'settings.pointsExpiryMonths',
  stampExpiryDays: 'settings.stampExpiryDays',
  coupons: 'settings.coupons',
};

/** Labels that differ in a points program: the daily cap counts points there. */
const POINTS_LABELS: Partial<Record<SettingsField, MessageKey>> = {
  dailyCap: 'settings.dailyCapPoints',
};

/** The label of a setting as the form of a program of this kind shows it. */
export function settingsFieldLabel(field: SettingsField, mode: ProgramMode = 'stamps'): MessageKey {
  return (mode === 'points' ? POINTS_LABELS[field] : undefined) ?? SETTINGS_FIELD_LABELS[field];
}

export function isSettingsField(field: unknown): field is SettingsField {
  return typeof field === 'string' && field in SETTINGS_FIELD_LABELS;
}
