import { getOwnerPinStatus } from '../../db/ownerPinRepository';
import { useApp } from '../context';
import { useLazyModule } from '../hooks/useLazyModule';
import { useLive } from '../hooks/useLive';
import { PinEntry } from './PinEntry';
import { SetPinForm } from './SetPinForm';

/** Asks for the owner PIN, or on a tablet without one, for a new one. */
export function OwnerGate() {
  const { ctx, actions } = useApp();
  const pins = useLazyModule(actions.loadOwnerPinActions);
  // Live: a wrong PIN typed in another tab starts the countdown here too.
  const status = useLive(() => getOwnerPinStatus(ctx), [ctx]);
  if (!status || !pins) return null;
  return status.pinSet ? <PinEntry pins={pins} retryAt={status.retryAt} /> : <SetPinForm pins={pins} />;
}
