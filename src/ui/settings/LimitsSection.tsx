import { t } from '../../i18n';
import '../../i18n/parts/owner.en';
import { settingsFieldLabel } from '../../state/settingsLabels';
import { WholeInput, type ProgramSectionProps } from './fields';

/** Limits against mistakes and fraud: the double-scan question, the largest punch, the daily cap (stamps or points). */
export function LimitsSection({ form, set }: Omit<ProgramSectionProps, 'currency'>) {
  const stamps = form.mode === 'stamps';
  return (
    <fieldset class="dialog__fieldset">
      <legend>{t('settings.limits')}</legend>
      <WholeInput label={t(settingsFieldLabel('cooldownMinutes'))} name="cooldownMinutes" value={form.cooldownMinutes} onInput={(cooldownMinutes) => set({ cooldownMinutes })} />
      {stamps && (
        <WholeInput label={t(settingsFieldLabel('maxStampsPerPunch'))} name="maxStampsPerPunch" value={form.maxStampsPerPunch} onInput={(maxStampsPerPunch) => set({ maxStampsPerPunch })} />
      )}
      {stamps ? (
        <WholeInput key="dailyCapStamps" label={t(settingsFieldLabel('dailyCap', 'stamps'))} name="dailyCap" value={form.dailyCapStamps} onInput={(dailyCapStamps) => set({ dailyCapStamps })} />
      ) : (
        <WholeInput key="dailyCapPoints" label={t(settingsFieldLabel('dailyCap', 'points'))} name="dailyCap" value={form.dailyCapPoints} onInput={(dailyCapPoints) => set({ dailyCapPoints })} />
      )}
    </fieldset>
  );
}
