import { useEffect } from 'preact/hooks';
import { useApp } from '../context';
import { lazyComponent } from '../hooks/lazyComponent';
import { useTillState } from '../hooks/useTillState';
import { OwnerGate } from './OwnerGate';

const SettingsDialog = lazyComponent(() => import('../settings/SettingsDialog').then((m) => m.SettingsDialog));

/**
 * Owner-only screens render through here, so none shows without the owner PIN: the gate first,
 * then the screen while the session lasts. Touches and keys in it keep the session open.
 */
export function OwnerArea() {
  const { ctx, actions } = useApp();
  const until = useTillState((s) => s.ownerUnlockedUntil);
  const unlocked = actions.isOwnerUnlocked();
  useEffect(() => {
    if (!unlocked || until === undefined) return undefined;
    const timer = setTimeout(actions.lockOwnerIfIdle, until - ctx.now());
    return () => clearTimeout(timer);
  }, [until, unlocked]);

  if (!unlocked) return <OwnerGate />;
  return (
    <div onPointerDownCapture={actions.touchOwnerSession} onKeyDownCapture={actions.touchOwnerSession}>
      <SettingsDialog />
    </div>
  );
}
