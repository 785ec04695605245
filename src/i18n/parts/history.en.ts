import { registerMessages } from '..';

// Strings of a member's History: they load with it.

export const historyEn = {
  'history.title': 'Recent entries',
  'history.empty': 'No entries yet.',
  'history.kind.enroll': 'Signed up',
  'history.kind.stamp': { one: 'Punched {count} stamp', other: 'Punched {count} stamps' },
  'history.kind.bonus': { one: 'Bonus of {count} stamp', other: 'Bonus of {count} stamps' },
  'history.kind.bonusPoints': { one: 'Bonus of {points} point', other: 'Bonus of {points} points' },
  'history.kind.earn': { one: '+{points} point for {amount}', other: '+{points} points for {amount}' },
  'history.kind.redeem': 'Redeemed: {reward}',
  'history.kind.redeemPoints': { one: 'Redeemed: {reward} (−{points} point)', other: 'Redeemed: {reward} (−{points} points)' },
  'history.kind.coupon': 'Coupon “{campaign}”: {code}',
  'history.kind.void': 'Void of an earlier entry',
  'history.kind.other': 'Entry ({kind})',
  'history.voided': 'voided',
  'history.void': 'Void',
  'history.ownerOnly': 'Entries older than the undo window can be voided only by the owner: open Settings with the owner PIN, then come back here.',
} as const;

registerMessages('en', historyEn);
