import type { ProgramMode } from '../../core/types';
import { t } from '../../i18n';
import '../../i18n/parts/owner.en';
import { settingsFieldLabel } from '../../state/settingsLabels';
import { Choice } from './fields';

/** Stamp card or points: the form shows only the sections of the chosen kind. */
export function ProgramModeSection({ mode, onChange }: { mode: ProgramMode; onChange: (mode: ProgramMode) => void }) {
  return (
    <Choice
      legend={t(settingsFieldLabel('mode'))}
      name="mode"
      value={mode}
      onChange={onChange}
      options={[
        { value: 'stamps', label: t('settings.modeStamps'), help: t('settings.modeStampsHelp') },
        { value: 'points', label: t('settings.modePoints'), help: t('settings.modePointsHelp') },
      ]}
    />
  );
}
