import { useEffect, useState } from 'preact/hooks';
import { readCameraPreference, rememberCamera } from '../../scan/camera/cameraPreference';
import { CameraError, startCameraScanner, type CameraProblem, type CameraSession } from '../../scan/camera/cameraScanner';
import { createRepeatFilter } from '../../scan/repeatFilter';
import { t, type MessageKey } from '../../i18n';
import '../../i18n/parts/camera.en';
import { useApp } from '../context';
import { playScanBeep } from '../feedback/sound';

// The camera scanner on the till: the root of the lazily loaded camera chunk.

const VIEWFINDER_ID = 'camera-viewfinder';
/** After a hit, the same code is ignored until it has been out of sight this long. */
const REPEAT_WINDOW_MS = 3000;
/**
 * One html5-qrcode instance owns the viewfinder element at a time, across panels too (closed and
 * reopened quickly): each start waits for the stop before it.
 */
let lastStop: Promise<void> = Promise.resolve();

type CameraState =
  | { kind: 'starting' }
  | { kind: 'scanning'; session: CameraSession }
  | { kind: 'paused' }
  | { kind: 'failed'; problem: CameraProblem; detail: string };

const PROBLEM_MESSAGES: Record<CameraProblem, MessageKey> = {
  denied: 'camera.denied',
  missing: 'camera.missing',
  busy: 'camera.busy',
  failed: 'camera.failed',
};

function signalHit(): void {
  playScanBeep();
  navigator.vibrate?.(60);
}

export function CameraPanel() {
  const { actions } = useApp();
  const [state, setState] = useState<CameraState>({ kind: 'starting' });
  const [cameraId, setCameraId] = useState(readCameraPreference);
  const [running, setRunning] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const [torchOn, setTorchOn] = useState(false);

  useEffect(() => {
    if (!running) return;
    let cancelled = false;
    const repeats = createRepeatFilter(REPEAT_WINDOW_MS, () => performance.now());
    setState({ kind: 'starting' });
    setTorchOn(false);
    const started = lastStop.then(() =>
      startCameraScanner(VIEWFINDER_ID, cameraId, (text) => {
        if (cancelled || !repeats.accept(text)) return;
        signalHit();
        void actions.handleScanned(text);
      }),
    );
    started.then(
      (session) => {
        if (cancelled) return;
        rememberCamera(session.cameraId);
        setState({ kind: 'scanning', session });
      },
      (error: unknown) => {
        if (cancelled) return;
        const failure = error instanceof CameraError ? error : new CameraError('failed', String(error));
        setState({ kind: 'failed', problem: failure.problem, detail: failure.detail });
      },
    );
    return () => {
      cancelled = true;
      lastStop = started.then((session) => session.stop()).catch(() => undefined);
    };
  }, [running, cameraId, attempt]);

  // The camera never runs behind the user's back: hidden stops it, and only a tap restarts it.
  useEffect(() => {
    const pauseWhenHidden = () => {
      if (!document.hidden) return;
      setRunning(false);
      setState({ kind: 'paused' });
    };
    document.addEventListener('visibilitychange', pauseWhenHidden);
    return () => document.removeEventListener('visibilitychange', pauseWhenHidden);
  }, []);

  async function toggleTorch(session: CameraSession) {
    await session.torch?.set(!torchOn);
    setTorchOn(!torchOn);
  }

  function restart() {
    setRunning(true);
    setAttempt((n) => n + 1);
  }

  return (
    <section class="camera" aria-label={t('camera.title')} data-camera-state={state.kind}>
      <div id={VIEWFINDER_ID} class="camera__viewfinder" hidden={state.kind === 'failed' || state.kind === 'paused'} />
      <p class="camera__status" role="status">
        {state.kind === 'starting' && t('camera.starting')}
        {state.kind === 'scanning' && t('camera.aim')}
        {state.kind === 'paused' && t('camera.paused')}
        {state.kind === 'failed' && t(PROBLEM_MESSAGES[state.problem], { detail: state.detail })}
      </p>
      <div class="camera__controls">
        {state.kind === 'scanning' && state.session.cameras.length > 1 && (
          <label class="camera__choice">
            <span>{t('camera.choose')}</span>
            <select value={state.session.cameraId} onChange={(event) => setCameraId(event.currentTarget.value)}>
              {state.session.cameras.map((camera) => (
                <option key={camera.id} value={camera.id}>
                  {camera.label || t('camera.unnamed', { number: camera.number })}
                </option>
              ))}
            </select>
          </label>
        )}
        {state.kind === 'scanning' && state.session.torch && (
          <button type="button" class="button button--secondary" aria-pressed={torchOn} onClick={() => void toggleTorch(state.session)}>
            {torchOn ? t('camera.torchOff') : t('camera.torchOn')}
          </button>
        )}
        {state.kind === 'paused' && (
          <button type="button" class="button button--primary" onClick={restart}>
            {t('camera.resume')}
          </button>
        )}
        {state.kind === 'failed' && (
          <button type="button" class="button button--secondary" onClick={restart}>
            {t('camera.retry')}
          </button>
        )}
        <button type="button" class="button button--quiet" onClick={() => actions.toggleCamera(false)}>
          {t('camera.close')}
        </button>
      </div>
    </section>
  );
}
