import { useEffect, useState } from 'preact/hooks';
import type { ProgramImpact } from '../../core/programImpact';
import type { SettingsChange } from '../../db/settingsChanges';
import { t } from '../../i18n';
import '../../i18n/parts/owner.en';
import { useApp } from '../context';

/**
 * Before a new card size, catalogue or kind of program is saved: how many members a reward
 * appears for or disappears from. Recomputed whenever the form changes; nothing shows while the
 * input is invalid.
 */
export function ProgramImpactNote({ change }: { change: SettingsChange['program'] }) {
  const { actions } = useApp();
  const [impact, setImpact] = useState<ProgramImpact>();
  // Any field can make the change valid or not (the welcome bonus must stay below the goal).
  const typed = JSON.stringify(change);
  useEffect(() => {
    let current = true;
    setImpact(undefined);
    void actions.previewProgramChange(change).then((next) => {
      if (current) setImpact(next);
    });
    return () => {
      current = false;
    };
  }, [typed]);
  if (!impact) return null;
  return (
    <p class="field__hint" role="status" data-testid="program-impact">
      {impact.gainReward === 0 && impact.loseReward === 0
        ? t('settings.impactNone')
        : [impact.gainReward > 0 && t('settings.impactGain', { count: impact.gainReward }), impact.loseReward > 0 && t('settings.impactLose', { count: impact.loseReward })]
            .filter(Boolean)
            .join(' ')}
    </p>
  );
}
