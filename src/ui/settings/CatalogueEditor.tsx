import { t } from '../../i18n';
import '../../i18n/parts/owner.en';
import { settingsFieldLabel } from '../../state/settingsLabels';
import { patchRow, RemoveRowButton } from './fields';
import { MAX_CATALOGUE_ROWS, newCatalogueRow, type CatalogueRow } from './programForm';

/** What points buy: rows of a name and a cost; a points program keeps at least one row. */
export function CatalogueEditor({ rows, onChange }: { rows: CatalogueRow[]; onChange: (rows: CatalogueRow[]) => void }) {
  const change = (id: string, patch: Partial<CatalogueRow>) => onChange(patchRow(rows, id, patch));
  return (
    <fieldset class="dialog__fieldset">
      <legend>{t(settingsFieldLabel('catalogue'))}</legend>
      <p class="field__hint">{t('settings.catalogueHelp')}</p>
      <div class="rows rows--catalogue">
        <div class="rows__row rows__row--heading" aria-hidden="true">
          <span>{t('settings.catalogueNameColumn')}</span>
          <span>{t('settings.catalogueCostColumn')}</span>
        </div>
        {rows.map((row, i) => (
          <div key={row.id} class="rows__row" role="group" aria-label={t('settings.catalogueRow', { number: i + 1 })}>
            <input
              class="field__input"
              aria-label={t('settings.catalogueName', { number: i + 1 })}
              maxLength={60}
              value={row.name}
              onInput={(e) => change(row.id, { name: e.currentTarget.value })}
            />
            <input
              class="field__input"
              aria-label={t('settings.catalogueCost', { number: i + 1 })}
              type="number"
              inputMode="numeric"
              min={1}
              value={row.cost}
              onInput={(e) => change(row.id, { cost: e.currentTarget.value })}
            />
            <RemoveRowButton
              label={t('settings.catalogueRemove', { number: i + 1 })}
              disabled={rows.length <= 1}
              onClick={() => onChange(rows.filter((other) => other.id !== row.id))}
            />
          </div>
        ))}
      </div>
      <div>
        <button type="button" class="button button--secondary" disabled={rows.length >= MAX_CATALOGUE_ROWS} onClick={() => onChange([...rows, newCatalogueRow()])}>
          {t('settings.catalogueAdd')}
        </button>
      </div>
    </fieldset>
  );
}
