import type { MessageKey } from '../i18n';

export type SettingsField =
  | 'name'
  | 'country'
  | 'currency'
  | 'goal'
  | 'rewardName'
  | 'stampsPerPurchase'
  | 'welcomeBonusStamps'
  | 'cooldownMinutes'
  | 'maxStampsPerPunch'
  | 'dailyCap';

/** The form label of each setting: the settings form shows it, and so does a validation error. */
export const SETTINGS_FIELD_LABELS: Record<SettingsField, MessageKey> = {
  name: 'settings.name',
  country: 'settings.country',
  currency: 'settings.currency',
  goal: 'settings.goal',
  rewardName: 'settings.rewardName',
  stampsPerPurchase: 'settings.stampsPerPurchase',
  welcomeBonusStamps: 'settings.welcomeBonusStamps',
  cooldownMinutes: 'settings.cooldownMinutes',
  maxStampsPerPunch: 'settings.maxStampsPerPunch',
  dailyCap: 'settings.dailyCap',
};

export function isSettingsField(field: unknown): field is SettingsField {
  return typeof field === 'string' && field in SETTINGS_FIELD_LABELS;
}
