import { t } from '../../i18n';
import '../../i18n/parts/owner.en';
import { settingsFieldLabel } from '../../state/settingsLabels';
import { TextInput, WholeInput, type ProgramSectionProps } from './fields';

/** The stamp card: its size, reward, stamps per purchase, welcome bonus. */
export function StampCardSection({ form, set }: ProgramSectionProps) {
  return (
    <fieldset class="dialog__fieldset">
      <legend>{t('settings.modeStamps')}</legend>
      <WholeInput label={t(settingsFieldLabel('goal'))} name="goal" value={form.goal} onInput={(goal) => set({ goal })} />
      <TextInput label={t(settingsFieldLabel('rewardName'))} name="rewardName" maxLength={60} value={form.rewardName} onInput={(rewardName) => set({ rewardName })} />
      <WholeInput label={t(settingsFieldLabel('stampsPerPurchase'))} name="stampsPerPurchase" value={form.stampsPerPurchase} onInput={(stampsPerPurchase) => set({ stampsPerPurchase })} />
      <WholeInput label={t(settingsFieldLabel('welcomeBonusStamps'))} name="welcomeBonusStamps" value={form.welcomeBonusStamps} onInput={(welcomeBonusStamps) => set({ welcomeBonusStamps })} />
    </fieldset>
  );
}
