import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import '../../i18n/parts/owner.en';
import { MAX_BLANK_CARD_SHEETS } from '../../state/cardActions';
import type { ActionError } from '../../state/actionError';
import { useApp } from '../context';

/** Settings → blank cards: how many A4 sheets of pre-numbered cards to reserve and print. */
export function BlankCardsSection() {
  const { actions } = useApp();
  const [sheets, setSheets] = useState('1');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ActionError>();

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    // An empty field is no number of sheets (Number('') would be 0, which is refused anyway).
    const failure = await actions.printBlankCards(sheets.trim() === '' ? Number.NaN : Number(sheets));
    setBusy(false);
    setError(failure);
  }

  return (
    <section class="blank-cards" aria-labelledby="blank-cards-title">
      <h3 id="blank-cards-title">{t('print.blankSection')}</h3>
      <p>{t('print.blankHelp')}</p>
      <form class="dialog__form" onSubmit={(event) => void submit(event)} noValidate>
        <label class="field">
          <span class="field__label">{t('print.sheets', { max: MAX_BLANK_CARD_SHEETS })}</span>
          <input
            class="field__input"
            name="sheets"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_BLANK_CARD_SHEETS}
            value={sheets}
            onInput={(e) => setSheets(e.currentTarget.value)}
          />
        </label>
        {error && (
          <p class="blank-cards__error" role="alert">
            {t(error.key, error.params)}
          </p>
        )}
        <div class="dialog__actions">
          <button type="submit" class="button button--primary button--large" disabled={busy}>
            {busy ? t('print.reserving') : t('print.blankButton')}
          </button>
        </div>
      </form>
    </section>
  );
}
