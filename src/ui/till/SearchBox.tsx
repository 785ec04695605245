import type { TargetedKeyboardEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { lookupMembers, type LookupResult } from '../../db/lookup';
import { t } from '../../i18n';
import { useApp } from '../context';
import { useShop } from '../hooks/useProgram';
import { useTillState } from '../hooks/useTillState';
import { SearchResults } from './SearchResults';

/** One box for card numbers, phone digits and names; matches appear as the cashier types. */
export function SearchBox() {
  const { ctx, actions } = useApp();
  const shop = useShop();
  const query = useTillState((s) => s.query);
  const [result, setResult] = useState<LookupResult>();
  const latestRequest = useRef(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const request = ++latestRequest.current;
    if (!shop) return;
    void lookupMembers(ctx, query, shop.country).then((next) => {
      if (request === latestRequest.current) setResult(next);
    });
  }, [ctx, query, shop]);

  function onKeyDown(event: TargetedKeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void actions.submitQuery(event.currentTarget.value);
  }

  return (
    <section class="search" aria-label={t('till.searchLabel')}>
      <div class="search__row">
        <label class="visually-hidden" for="till-search">
          {t('till.searchLabel')}
        </label>
        <input
          id="till-search"
          ref={input}
          class="search__input"
          type="search"
          inputMode="search"
          autoComplete="off"
          spellcheck={false}
          placeholder={t('till.searchPlaceholder')}
          value={query}
          onInput={(event) => actions.setQuery(event.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
        {query !== '' && (
          <button
            type="button"
            class="button button--quiet"
            onClick={() => {
              actions.setQuery('');
              input.current?.focus();
            }}
          >
            {t('till.clear')}
          </button>
        )}
      </div>
      <SearchResults query={query} result={result} />
    </section>
  );
}
