import { useEffect } from 'preact/hooks';
import { t } from '../../i18n';
import { useApp } from '../context';
import { lazyComponent } from '../hooks/lazyComponent';
import { useProgram } from '../hooks/useProgram';
import { useTillState } from '../hooks/useTillState';
import { MemberPanel, preloadPointsPanel } from '../member/MemberPanel';
import { PendingCardPrompt } from './PendingCardPrompt';
import { SearchBox } from './SearchBox';

const CameraPanel = lazyComponent(
  () => import('../scan/CameraPanel').then((m) => m.CameraPanel),
  () => <p class="camera__status">{t('camera.starting')}</p>,
);

export function TillScreen() {
  const { actions } = useApp();
  const selectedMemberId = useTillState((s) => s.selectedMemberId);
  const pendingCard = useTillState((s) => s.pendingCard);
  const cameraOpen = useTillState((s) => s.cameraOpen);
  const mode = useProgram()?.mode;
  // Leaving the till (sign-up, card) closes the camera: it restarts only on a tap.
  useEffect(() => () => actions.toggleCamera(false), []);
  useEffect(() => {
    if (mode === 'points') preloadPointsPanel();
  }, [mode]);
  return (
    <div class="till">
      <div class="till__search">
        {cameraOpen && <CameraPanel />}
        <SearchBox />
        <div class="till__actions">
          {!cameraOpen && (
            <button type="button" class="button button--secondary" onClick={() => actions.toggleCamera(true)}>
              {t('till.camera')}
            </button>
          )}
          <button type="button" class="button button--secondary" onClick={actions.startEnrollment}>
            {t('till.signUp')}
          </button>
        </div>
      </div>
      <div class="till__member">
        {pendingCard && <PendingCardPrompt code={pendingCard} />}
        {selectedMemberId && <MemberPanel memberId={selectedMemberId} />}
      </div>
    </div>
  );
}
