import type { MemberStanding } from '../../core/standing';
import type { LoyaltyProgram } from '../../core/types';
import { formatDay, formatMoney, formatMultiplier, t } from '../../i18n';

interface Props {
  program: LoyaltyProgram;
  standing: MemberStanding;
  currency: string;
}

/**
 * Under the member's name, in both modes: their tier (with its points multiplier) and what the
 * next one needs, and what expires soon. Each says it in words; colour only underlines it.
 */
export function MemberStatus({ program, standing, currency }: Props) {
  const { level, next } = standing.tier;
  const expiry = standing.expiresSoon;
  if (!level && !next && !expiry) return null;
  // Tiers multiply points only: a stamp card shows the tier's name alone.
  const multiplier = level && program.mode === 'points' && level.multiplierPercent > 100 ? level.multiplierPercent : undefined;
  return (
    <div class="member__status">
      {(level || next) && (
        <p class="tier" data-tier={level?.id}>
          {level && (
            <span class="tier__badge">
              <span aria-hidden="true">★ </span>
              {multiplier ? t('member.tierMultiplier', { tier: level.name, multiplier: formatMultiplier(multiplier) }) : level.name}
            </span>
          )}
          {next && (
            <span class="tier__next">
              {program.tierBasis === 'visits'
                ? t('member.tierNextVisits', { count: next.missing, tier: next.level.name })
                : t('member.tierNextSpend', { amount: formatMoney(next.missing, currency), tier: next.level.name })}
            </span>
          )}
        </p>
      )}
      {expiry && (
        <p class="member__expiry" data-expiring={expiry.unit}>
          <span aria-hidden="true">⚠ </span>
          {t(expiry.unit === 'points' ? 'member.expiringPoints' : 'member.expiringStamps', { count: expiry.amount, date: formatDay(expiry.at) })}
        </p>
      )}
    </div>
  );
}
