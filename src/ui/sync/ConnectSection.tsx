import { useEffect, useRef, useState } from 'preact/hooks';
import { getSyncLink } from '../../db/syncState';
import { t } from '../../i18n';
import '../../i18n/parts/owner.en';
import type { ActionError } from '../../state/actionError';
import { useApp } from '../context';
import { useLive } from '../hooks/useLive';
import { useTillState } from '../hooks/useTillState';

/** Settings → Connect to backend: server address and pairing code (typed, or from a scanned QR). */
export function ConnectSection() {
  const { ctx, actions } = useApp();
  const prefill = useTillState((s) => s.pairingPrefill);
  const linked = useLive(async () => ({ link: await getSyncLink(ctx) }), [ctx]);
  const [serverUrl, setServerUrl] = useState(prefill?.serverUrl ?? location.origin);
  const [code, setCode] = useState(prefill?.code ?? '');
  const [deviceName, setDeviceName] = useState(t('sync.defaultDeviceName'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ActionError>();
  const submitButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!prefill) return;
    setServerUrl(prefill.serverUrl);
    setCode(prefill.code);
    submitButton.current?.focus();
  }, [prefill]);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    const failure = await actions.connectToBackend({ serverUrl, code, deviceName });
    setBusy(false);
    setError(failure);
    if (!failure) setCode('');
  }

  const link = linked?.link;
  return (
    <section class="connect" aria-labelledby="connect-title">
      <h3 id="connect-title">{t('sync.connectTitle')}</h3>
      <p>{link ? `${t('sync.connectedTo', { business: link.businessName, server: link.serverUrl })} ${t('sync.reconnect')}` : t('sync.connectHelp')}</p>
      <form class="dialog__form" onSubmit={submit} noValidate>
        <label class="field">
          <span class="field__label">{t('sync.serverUrl')}</span>
          <input class="field__input" name="serverUrl" type="url" inputMode="url" autoComplete="url" value={serverUrl} onInput={(e) => setServerUrl(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span class="field__label">{t('sync.code')}</span>
          <input class="field__input" name="pairingCode" autoComplete="off" autoCapitalize="characters" spellcheck={false} maxLength={32} value={code} onInput={(e) => setCode(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span class="field__label">{t('sync.deviceName')}</span>
          <input class="field__input" name="deviceName" maxLength={80} value={deviceName} onInput={(e) => setDeviceName(e.currentTarget.value)} />
        </label>
        {error && (
          <p class="connect__error" role="alert">
            {t(error.key, error.params)}
          </p>
        )}
        <div class="dialog__actions">
          <button ref={submitButton} type="submit" class="button button--primary button--large" disabled={busy}>
            {busy ? t('sync.connecting') : t('sync.connect')}
          </button>
        </div>
      </form>
    </section>
  );
}
