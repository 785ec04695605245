import type { LookupResult } from '../../db/lookup';
import { t } from '../../i18n';
import { useApp } from '../context';
import { useTillState } from '../hooks/useTillState';

export function SearchResults({ query, result }: { query: string; result: LookupResult | undefined }) {
  const { actions } = useApp();
  const linking = useTillState((s) => s.pendingCard !== undefined);
  if (!result || result.query.kind === 'empty') {
    return <p class="search__hint">{t('till.readyToScan')}</p>;
  }
  if (result.query.kind === 'tooShort') return <p class="search__hint">{t('till.tooShort')}</p>;
  if (result.members.length === 0) {
    return (
      <div class="search__empty">
        <p>{t('till.noMatch', { query })}</p>
        <button type="button" class="button button--primary button--large" onClick={actions.startEnrollment}>
          {t('till.signUp')}
        </button>
      </div>
    );
  }
  return (
    <div>
      <p class="search__hint" aria-live="polite">
        {t('till.results', { count: result.members.length })}
      </p>
      <ul class="results">
        {result.members.map((member) => (
          <li key={member.id}>
            <button type="button" class="results__item" onClick={() => void actions.pickMember(member.id)}>
              <span class="results__name">{member.name}</span>
              <span class="results__detail">
                {member.phoneE164 ?? ''} {member.cardCodes[0] ? t('till.cardLabel', { code: member.cardCodes[0] }) : ''}
              </span>
              {linking && <span class="results__action">{t('cardPrompt.pick')}</span>}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
