import { t } from '../../i18n';
import '../../i18n/parts/owner.en';
import { settingsFieldLabel } from '../../state/settingsLabels';
import { Choice, moneyText, MoneyInput, WholeInput, type ProgramSectionProps } from './fields';
import { roundingExample } from './programForm';

/** Points for the amount spent: the rate, its rounding (with a worked example), welcome bonus, largest purchase. */
export function PointsSection({ form, set, currency }: ProgramSectionProps) {
  const example = roundingExample(form, currency);
  return (
    <fieldset class="dialog__fieldset">
      <legend>{t('settings.modePoints')}</legend>
      <div class="points-rate">
        <WholeInput label={t(settingsFieldLabel('pointsPer'))} name="pointsPer" value={form.pointsPer} onInput={(pointsPer) => set({ pointsPer })} />
        <MoneyInput
          label={t(settingsFieldLabel('pointsSpendUnitMinor'))}
          name="pointsSpendUnit"
          currency={currency}
          value={form.pointsSpendUnit}
          onInput={(pointsSpendUnit) => set({ pointsSpendUnit })}
        />
      </div>
      <Choice
        legend={t(settingsFieldLabel('pointsRounding'))}
        name="pointsRounding"
        value={form.pointsRounding}
        onChange={(pointsRounding) => set({ pointsRounding })}
        options={[
          { value: 'down', label: t('settings.roundDown') },
          { value: 'nearest', label: t('settings.roundNearest') },
        ]}
      >
        {example && (
          <p class="field__hint" role="status" data-testid="rounding-example">
            {t('settings.roundingExample', { amount: moneyText(example.amountMinor, currency), count: example.points })}
          </p>
        )}
      </Choice>
      <WholeInput label={t(settingsFieldLabel('welcomeBonusPoints'))} name="welcomeBonusPoints" value={form.welcomeBonusPoints} onInput={(welcomeBonusPoints) => set({ welcomeBonusPoints })} />
      <MoneyInput
        label={t(settingsFieldLabel('maxPurchaseMinor'))}
        name="maxPurchase"
        currency={currency}
        value={form.maxPurchase}
        onInput={(maxPurchase) => set({ maxPurchase })}
        hint={<p class="field__hint">{t('settings.maxPurchaseHelp')}</p>}
      />
    </fieldset>
  );
}
