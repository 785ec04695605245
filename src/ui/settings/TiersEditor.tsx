import { t } from '../../i18n';
import '../../i18n/parts/owner.en';
import { settingsFieldLabel } from '../../state/settingsLabels';
import { Choice, patchRow, RemoveRowButton, WholeInput, type ProgramSectionProps } from './fields';
import { effectiveTierBasis, MAX_TIER_ROWS, newTierRow, sortTierRows, type TierRow } from './programForm';

/**
 * Tiers a member reaches with their spend or visits over a rolling window, each with a points
 * multiplier. A stamp card records no amounts, so its tiers count visits and earn no more points.
 * Rows are put in ascending order once the owner leaves them.
 */
export function TiersEditor({ form, set, currency }: ProgramSectionProps) {
  const basis = effectiveTierBasis(form);
  const points = form.mode === 'points';
  const rows = form.tiers;
  const change = (id: string, patch: Partial<TierRow>) => set({ tiers: patchRow(rows, id, patch) });
  // Sorted when the focus leaves the rows, so that no row moves while the owner is typing in it.
  const sortWhenLeft = (event: FocusEvent) => {
    const container = event.currentTarget as HTMLElement;
    if (!(event.relatedTarget instanceof Node && container.contains(event.relatedTarget))) set({ tiers: sortTierRows(form, currency) });
  };
  const unit = currency.trim().toUpperCase();
  return (
    <fieldset class="dialog__fieldset">
      <legend>{t(settingsFieldLabel('tiers'))}</legend>
      <p class="field__hint">{points ? t('settings.tiersHelp') : t('settings.tiersStampsHelp')}</p>
      {points && (
        <Choice
          legend={t(settingsFieldLabel('tierBasis'))}
          name="tierBasis"
          value={form.tierBasis}
          onChange={(tierBasis) => set({ tierBasis })}
          options={[
            { value: 'spend', label: t('settings.tierBasisSpend') },
            { value: 'visits', label: t('settings.tierBasisVisits') },
          ]}
        />
      )}
      {rows.length > 0 && (
        <WholeInput label={t(settingsFieldLabel('tierWindowDays'))} name="tierWindowDays" value={form.tierWindowDays} onInput={(tierWindowDays) => set({ tierWindowDays })} />
      )}
      {rows.length > 0 && (
        <div class={`rows ${points ? 'rows--tiers' : 'rows--tiers-visits'}`} onFocusOut={sortWhenLeft}>
          <div class="rows__row rows__row--heading" aria-hidden="true">
            <span>{t('settings.tierNameColumn')}</span>
            <span>{basis === 'spend' ? t('settings.tierSpendColumn', { currency: unit }) : t('settings.tierVisitsColumn')}</span>
            {points && <span>{t('settings.tierMultiplierColumn')}</span>}
          </div>
          {rows.map((row, i) => (
            <div key={row.id} class="rows__row" role="group" aria-label={t('settings.tierRow', { number: i + 1 })}>
              <input
                class="field__input"
                aria-label={t('settings.tierName', { number: i + 1 })}
                maxLength={30}
                value={row.name}
                onInput={(e) => change(row.id, { name: e.currentTarget.value })}
              />
              <input
                class="field__input"
                aria-label={basis === 'spend' ? t('settings.tierSpend', { number: i + 1, currency: unit }) : t('settings.tierVisits', { number: i + 1 })}
                inputMode={basis === 'spend' ? 'decimal' : 'numeric'}
                autoComplete="off"
                value={row.threshold}
                onInput={(e) => change(row.id, { threshold: e.currentTarget.value })}
              />
              {points && (
                <input
                  class="field__input"
                  aria-label={t('settings.tierMultiplier', { number: i + 1 })}
                  type="number"
                  inputMode="numeric"
                  min={100}
                  value={row.multiplierPercent}
                  onInput={(e) => change(row.id, { multiplierPercent: e.currentTarget.value })}
                />
              )}
              <RemoveRowButton label={t('settings.tierRemove', { number: i + 1 })} onClick={() => set({ tiers: rows.filter((other) => other.id !== row.id) })} />
            </div>
          ))}
        </div>
      )}
      <div>
        <button type="button" class="button button--secondary" disabled={rows.length >= MAX_TIER_ROWS} onClick={() => set({ tiers: [...rows, newTierRow(rows)] })}>
          {t('settings.tierAdd')}
        </button>
      </div>
    </fieldset>
  );
}
