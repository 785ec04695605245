import { t } from '../../i18n';
import '../../i18n/parts/owner.en';
import { useApp } from '../context';

/** Ends the owner session at once: the next owner task asks for the PIN again. */
export function LockButton() {
  const { actions } = useApp();
  return (
    <button type="button" class="button button--secondary" onClick={actions.lockOwner}>
      {t('owner.lock')}
    </button>
  );
}
