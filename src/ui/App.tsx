import { useEffect } from 'preact/hooks';
import { t } from '../i18n';
import { useApp } from './context';
import { FeedbackBanner } from './feedback/FeedbackBanner';
import { lazyComponent } from './hooks/lazyComponent';
import { useShop } from './hooks/useProgram';
import { useTillState } from './hooks/useTillState';
import { SyncIndicator } from './sync/SyncIndicator';
import { BackupReminder } from './system/BackupReminder';
import { UpdateBanner } from './system/UpdateBanner';
import { TillScreen } from './till/TillScreen';

const OwnerArea = lazyComponent(() => import('./owner/OwnerArea').then((m) => m.OwnerArea));
const CardViewOverlay = lazyComponent(() => import('./card/CardViews').then((m) => m.CardViewOverlay));
const Diagnostics = lazyComponent(() => import('./system/Diagnostics').then((m) => m.Diagnostics));
const loadEnrollForm = () => import('./enroll/EnrollForm').then((m) => m.EnrollForm);
const EnrollForm = lazyComponent(loadEnrollForm);
const loadCardScreen = () => import('./card/CardScreen').then((m) => m.CardScreen);
const CardScreen = lazyComponent(loadCardScreen);

/** Sign-up and the new card are chunks of their own, fetched once the till is up: the first sign-up need not wait. */
function usePreloadedSignUp(): void {
  useEffect(() => {
    // A failure shows when the screen renders.
    const timer = setTimeout(() => Promise.all([loadEnrollForm(), loadCardScreen()]).catch(() => undefined), 1000);
    return () => clearTimeout(timer);
  }, []);
}

export function App() {
  const { actions } = useApp();
  const shop = useShop();
  usePreloadedSignUp();
  const screen = useTillState((s) => s.screen);
  const cardMemberId = useTillState((s) => s.cardMemberId);
  const diagnosticsOpen = useTillState((s) => s.diagnosticsOpen);
  const settingsOpen = useTillState((s) => s.settingsOpen);
  const cardView = useTillState((s) => s.cardView);
  return (
    <div class="app">
      <header class="app__header">
        <h1 class="app__title">{shop?.name ?? t('app.title')}</h1>
        <nav class="app__tools">
          <SyncIndicator />
          <button type="button" class="button button--quiet" onClick={() => actions.toggleSettings(true)}>
            {t('settings.open')}
          </button>
          <button type="button" class="button button--quiet" onClick={() => actions.toggleDiagnostics(true)}>
            {t('diag.open')}
          </button>
        </nav>
      </header>
      <UpdateBanner />
      <BackupReminder />
      <FeedbackBanner />
      <main class="app__main" data-screen={screen}>
        {screen === 'enroll' && <EnrollForm />}
        {screen === 'card' && cardMemberId && <CardScreen memberId={cardMemberId} />}
        {screen === 'till' && <TillScreen />}
      </main>
      {diagnosticsOpen && <Diagnostics />}
      {settingsOpen && <OwnerArea />}
      {cardView && <CardViewOverlay view={cardView} />}
    </div>
  );
}
