import { registerMessages } from '..';

// Strings of the owner's duplicate finder and merge: they load with it.

export const memberMergeEn = {
  'error.member.mergeSelf': 'Choose two different members to merge.',
  'merge.title': 'Likely duplicates',
  'merge.intro': 'Records that may be the same customer: the same phone, the same email, or names that differ only in accents, word order or one letter. Merging keeps one record with both cards and both histories; if either said no to marketing, the merged record says no.',
  'merge.find': 'Find duplicates',
  'merge.searching': 'Looking through the members…',
  'merge.none': 'No likely duplicates found.',
  'merge.count': { one: '{count} likely duplicate pair', other: '{count} likely duplicate pairs' },
  'merge.truncated': 'Only the first {count} pairs are shown: merge these, then look again.',
  'merge.reason.phone': 'same phone',
  'merge.reason.email': 'same email',
  'merge.reason.name': 'same name',
  'merge.reason.similarName': 'similar name',
  'merge.pairLabel': '{first} and {second}: {reasons}',
  'merge.joined': 'Joined {date}',
  'merge.cards': 'Cards: {codes}',
  'merge.keep': 'Keep {name} ({card}), merge the other into it',
  'merge.confirm': 'Merge {other} into {name}? This cannot be undone: {other}’s record is emptied and its cards and history move to {name}.',
  'merge.confirmYes': 'Merge',
  'merge.cancel': 'Cancel',
  'merge.done': 'Merged {other} into {name}.',
  'merge.back': 'Back to members',
  'merge.noPhone': 'no phone',
  'merge.noEmail': 'no email',
} as const;

registerMessages('en', memberMergeEn);
