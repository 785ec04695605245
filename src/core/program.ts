import type { ShopSettings, StampProgram } from './types';

export const DEFAULT_PROGRAM: StampProgram = {
  version: 1,
  goal: 10,
  rewardName: 'Free coffee',
  welcomeBonusStamps: 0,
  stampsPerPurchase: 1,
  maxStampsPerPunch: 20,
  dailyCap: 0,
  cooldownMinutes: 5,
  undoSeconds: 10,
};

export const DEFAULT_SHOP: ShopSettings = {
  name: 'My shop',
  country: 'HU',
  currency: 'HUF',
  locale: 'en',
};

/** The consent wording the sign-up form shows; bump when the text changes. */
export const CONSENT_TEXT_VERSION = 'marketing-v1';
