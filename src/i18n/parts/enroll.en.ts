import { registerMessages } from '..';

// Strings of the sign-up form: they load with it (a chunk preloaded once the till is up).

export const enrollEn = {
  'enroll.title': 'Sign up a new member',
  'enroll.name': 'Name',
  'enroll.phone': 'Phone',
  'enroll.phoneHint': 'Any format, e.g. 06 30 123 4567 or +36 30 123 4567',
  'enroll.email': 'Email (optional)',
  'enroll.consent': 'I agree to receive offers and news from {shop} by SMS or email. I can withdraw this at any time.',
  'enroll.welcomeBonus': { one: 'Welcome bonus: {count} stamp', other: 'Welcome bonus: {count} stamps' },
  'enroll.welcomeBonusPoints': { one: 'Welcome bonus: {count} point', other: 'Welcome bonus: {count} points' },
  'enroll.submit': 'Sign up',
  'enroll.cancel': 'Cancel',
  'enroll.saving': 'Saving…',
  'enroll.cardInHand': 'Card: {code}',
} as const;

registerMessages('en', enrollEn);
