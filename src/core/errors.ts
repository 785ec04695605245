// Domain failures carry a code (translated by the UI through src/i18n) and never a message
// meant for people, so that core stays language-free.

export const DOMAIN_ERROR_CODES = [
  'card.checkDigit',
  'card.unknown',
  'card.inUse',
  'card.sequenceExhausted',
  'card.notHeld',
  'card.lastCard',
  'scan.garbage',
  'query.tooShort',
  'member.nameRequired',
  'member.nameTooLong',
  'member.phoneInvalid',
  'member.phoneInUse',
  'member.emailInvalid',
  'member.noteTooLong',
  'member.notFound',
  'member.erased',
  'member.merged',
  'member.mergeSelf',
  'member.tooManyCards',
  'punch.count',
  'punch.cooldown',
  'punch.dailyCap',
  'redeem.notEnough',
  'redeem.notEnoughPoints',
  'redeem.unknownReward',
  'purchase.amount',
  'purchase.tooLarge',
  'purchase.wrongMode',
  'coupon.unknown',
  'coupon.expired',
  'coupon.used',
  'coupon.needsMember',
  'coupon.tooManyCampaigns',
  'void.notFound',
  'void.alreadyVoided',
  'void.notVoidable',
  'void.windowPassed',
  'void.wouldGoNegative',
  'settings.invalid',
  'pair.badUrl',
  'pair.codeRequired',
  'pair.unreachable',
  'pair.unknown',
  'pair.expired',
  'pair.used',
  'pair.failed',
  'sync.otherBusiness',
  'owner.pinFormat',
  'owner.pinMismatch',
  'owner.pinWrong',
  'owner.pinAlreadySet',
  'owner.wait',
  'backup.unreadable',
  'backup.notOurs',
  'backup.newerVersion',
  'backup.damaged',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
