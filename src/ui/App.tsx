import { t } from '../i18n';
import { CardScreen } from './card/CardScreen';
import { useApp } from './context';
import { EnrollForm } from './enroll/EnrollForm';
import { FeedbackBanner } from './feedback/FeedbackBanner';
import { useShop } from './hooks/useProgram';
import { useTillState } from './hooks/useTillState';
import { Diagnostics } from './system/Diagnostics';
import { UpdateBanner } from './system/UpdateBanner';
import { TillScreen } from './till/TillScreen';

export function App() {
  const { actions } = useApp();
  const shop = useShop();
  const screen = useTillState((s) => s.screen);
  const cardMemberId = useTillState((s) => s.cardMemberId);
  const diagnosticsOpen = useTillState((s) => s.diagnosticsOpen);
  return (
    <div class="app">
      <header class="app__header">
        <h1 class="app__title">{shop?.name ?? t('app.title')}</h1>
        <button type="button" class="button button--quiet" onClick={() => actions.toggleDiagnostics(true)}>
          {t('diag.open')}
        </button>
      </header>
      <UpdateBanner />
      <FeedbackBanner />
      <main class="app__main" data-screen={screen}>
        {screen === 'enroll' && <EnrollForm />}
        {screen === 'card' && cardMemberId && <CardScreen memberId={cardMemberId} />}
        {screen === 'till' && <TillScreen />}
      </main>
      {diagnosticsOpen && <Diagnostics />}
    </div>
  );
}
