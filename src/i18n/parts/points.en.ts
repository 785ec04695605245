import { registerMessages } from '..';

// Strings of the points till (a member's balance, the amount keypad, the rewards catalogue):
// they load with its chunk.

export const pointsEn = {
  'points.count': { one: '{points} point', other: '{points} points' },
  'points.balanceLabel': 'Points balance',
  'points.amountLabel': 'Purchase amount',
  'points.keypadLabel': 'Purchase amount keypad: type the amount with the keys or the keyboard',
  'points.backspace': 'Delete the last digit',
  'points.clear': 'Clear',
  'points.clearLabel': 'Clear the amount',
  'points.tooLarge': 'At most {amount} for one purchase.',
  'points.earns': { one: 'Earns {points} point', other: 'Earns {points} points' },
  'points.earnsAtTier': { one: 'Earns {points} point at {tier} (×{multiplier})', other: 'Earns {points} points at {tier} (×{multiplier})' },
  'points.add': { one: 'Add {points} point', other: 'Add {points} points' },
  'points.rewards': 'Rewards',
  'points.noRewards': 'The rewards catalogue is empty: the owner adds rewards in Settings.',
  'points.redeem': 'Redeem',
  'points.missing': { one: '{points} more point for {reward}', other: '{points} more points for {reward}' },
} as const;

registerMessages('en', pointsEn);
