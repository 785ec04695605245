import type { LoyaltyProgram, ShopSettings } from './types';

export const DEFAULT_PROGRAM: LoyaltyProgram = {
  version: 1,
  mode: 'stamps',
  goal: 10,
  rewardName: 'Free coffee',
  welcomeBonusStamps: 0,
  stampsPerPurchase: 1,
  maxStampsPerPunch: 20,
  dailyCap: 0,
  cooldownMinutes: 5,
  undoSeconds: 10,
  pointsPer: 1,
  pointsSpendUnitMinor: 100,
  pointsRounding: 'down',
  welcomeBonusPoints: 0,
  maxPurchaseMinor: 100_000_000,
  catalogue: [],
  tierBasis: 'spend',
  tierWindowDays: 365,
  tiers: [],
  pointsExpiry: 'none',
  pointsExpiryMonths: 12,
  stampExpiryDays: 0,
  coupons: [],
};

export const DEFAULT_SHOP: ShopSettings = {
  name: 'My shop',
  country: 'HU',
  currency: 'HUF',
  locale: 'en',
};

/** The consent wording the sign-up form shows; bump when the text changes. */
export const CONSENT_TEXT_VERSION = 'marketing-v1';
