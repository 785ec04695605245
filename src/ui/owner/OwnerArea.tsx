import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n';
import '../../i18n/parts/members.en';
import type { OwnerView } from '../../state/store';
import { useApp } from '../context';
import { lazyComponent } from '../hooks/lazyComponent';
import { useTillState } from '../hooks/useTillState';
import type { MembersCache } from '../members/MembersList';
import { OwnerGate } from './OwnerGate';
import './ownerArea.css';

const SettingsDialog = lazyComponent(() => import('../settings/SettingsDialog').then((m) => m.SettingsDialog));
const MembersList = lazyComponent(() => import('../members/MembersList').then((m) => m.MembersList));

/** Settings or Members: buttons at the top of the owner area, the current one marked. */
function OwnerNav({ view }: { view: OwnerView }) {
  const { actions } = useApp();
  const tab = (kind: 'settings' | 'members', label: string) => {
    const current = kind === 'settings' ? view.kind === 'settings' : view.kind !== 'settings';
    return (
      <button
        type="button"
        class={`button owner-nav__tab${current ? ' owner-nav__tab--current' : ''}`}
        aria-current={current ? 'page' : undefined}
        onClick={() => actions.showOwnerView({ kind })}
      >
        {label}
      </button>
    );
  };
  return (
    <nav class="owner-nav" aria-label={t('ownerNav.label')}>
      {tab('settings', t('ownerNav.settings'))}
      {tab('members', t('ownerNav.members'))}
    </nav>
  );
}

/**
 * Owner-only screens render through here, so none shows without the owner PIN: the gate first,
 * then the screen while the session lasts. Touches and keys in it keep the session open.
 */
export function OwnerArea() {
  const { ctx, actions } = useApp();
  const until = useTillState((s) => s.ownerUnlockedUntil);
  const view = useTillState((s) => s.ownerView);
  // The members list's loaded index, kept while the owner area is open (Settings ⇄ Members
  // does not read 100k members again) and dropped with it.
  const membersCache = useRef<MembersCache>({});
  const pairing = useTillState((s) => s.pairingPrefill !== undefined);
  const unlocked = actions.isOwnerUnlocked();
  // However the owner area closes (Lock, Cancel, a save, a print view, the page hidden), it opens
  // on Settings next time; a scanned pairing link opens Settings' connect form wherever it was.
  useEffect(() => () => actions.showOwnerView({ kind: 'settings' }), []);
  useEffect(() => {
    if (pairing) actions.showOwnerView({ kind: 'settings' });
  }, [pairing]);
  useEffect(() => {
    if (!unlocked || until === undefined) return undefined;
    const timer = setTimeout(actions.lockOwnerIfIdle, until - ctx.now());
    return () => clearTimeout(timer);
  }, [until, unlocked]);

  if (!unlocked) return <OwnerGate />;
  return (
    <div class="owner-area" onPointerDownCapture={actions.touchOwnerSession} onKeyDownCapture={actions.touchOwnerSession}>
      <OwnerNav view={view} />
      {view.kind === 'settings' ? <SettingsDialog /> : <MembersList view={view} cache={membersCache.current} />}
    </div>
  );
}
