import { t } from '../../i18n';
import { useApp } from '../context';
import { useNow } from '../hooks/useNow';
import { useTillState } from '../hooks/useTillState';

/** Undo for honest mistakes, shown for the program's undo window after a punch or redemption. */
export function UndoButton({ memberId, undoSeconds }: { memberId: string; undoSeconds: number }) {
  const { actions } = useApp();
  const lastAction = useTillState((s) => s.lastAction);
  const relevant = lastAction?.memberId === memberId ? lastAction : undefined;
  const now = useNow(250, relevant !== undefined);
  if (!relevant) return null;
  const secondsLeft = Math.ceil((relevant.atMs + undoSeconds * 1000 - now) / 1000);
  if (secondsLeft <= 0) return null;
  return (
    <button type="button" class="button button--secondary" onClick={() => void actions.undoLast()}>
      {t('member.undo', { seconds: secondsLeft })}
    </button>
  );
}
