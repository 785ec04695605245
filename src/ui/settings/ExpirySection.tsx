import { t } from '../../i18n';
import '../../i18n/parts/owner.en';
import { settingsFieldLabel } from '../../state/settingsLabels';
import { Choice, WholeInput, type ProgramSectionProps } from './fields';

/** When points (never, N months after earning, after N months without a visit) or stamps expire. */
export function ExpirySection({ form, set }: Omit<ProgramSectionProps, 'currency'>) {
  return (
    <fieldset class="dialog__fieldset">
      <legend>{t('settings.expiry')}</legend>
      {form.mode === 'points' ? (
        <Choice
          legend={t(settingsFieldLabel('pointsExpiry'))}
          name="pointsExpiry"
          value={form.pointsExpiry}
          onChange={(pointsExpiry) => set({ pointsExpiry })}
          options={[
            { value: 'none', label: t('settings.expiryNever') },
            { value: 'afterEarning', label: t('settings.expiryAfterEarning') },
            { value: 'afterInactivity', label: t('settings.expiryAfterInactivity') },
          ]}
        >
          {form.pointsExpiry !== 'none' && (
            <WholeInput
              label={t(settingsFieldLabel('pointsExpiryMonths'))}
              name="pointsExpiryMonths"
              value={form.pointsExpiryMonths}
              onInput={(pointsExpiryMonths) => set({ pointsExpiryMonths })}
            />
          )}
        </Choice>
      ) : (
        <WholeInput label={t(settingsFieldLabel('stampExpiryDays'))} name="stampExpiryDays" value={form.stampExpiryDays} onInput={(stampExpiryDays) => set({ stampExpiryDays })} />
      )}
      <p class="field__hint">{t('settings.expiryHelp')}</p>
    </fieldset>
  );
}
