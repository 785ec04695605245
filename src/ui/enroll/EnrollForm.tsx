import { useEffect, useRef, useState } from 'preact/hooks';
import { looksLikeNumber } from '../../core/search';
import { t } from '../../i18n';
import '../../i18n/parts/enroll.en';
import { useApp } from '../context';
import { useProgram, useShop } from '../hooks/useProgram';
import { useTillState } from '../hooks/useTillState';

/** Sign-up at the counter: name and phone, optional email, consent; done in seconds. */
export function EnrollForm() {
  const { actions, store } = useApp();
  const program = useProgram();
  const shop = useShop();
  const busy = useTillState((s) => s.writesInFlight > 0);
  const cardInHand = useTillState((s) => s.enrollCardCode);
  const nameInput = useRef<HTMLInputElement>(null);
  // Digits typed into the till's search box are most likely the phone; letters the name.
  const [initial] = useState(() => store.getState().query.trim());
  const initialIsPhone = looksLikeNumber(initial);
  const [name, setName] = useState(initialIsPhone ? '' : initial);
  const [phone, setPhone] = useState(initialIsPhone ? initial : '');
  const [email, setEmail] = useState('');
  const [consent, setConsent] = useState(false);
  const [welcomeBonus, setWelcomeBonus] = useState(true);

  useEffect(() => nameInput.current?.focus(), []);

  async function submit(event: Event) {
    event.preventDefault();
    await actions.enroll({ name, phone, email, marketingConsent: consent, welcomeBonus });
  }

  const pointsMode = program?.mode === 'points';
  const bonus = (pointsMode ? program?.welcomeBonusPoints : program?.welcomeBonusStamps) ?? 0;
  return (
    <form class="enroll" onSubmit={(event) => void submit(event)} noValidate>
      <h2>{t('enroll.title')}</h2>
      {cardInHand && (
        <p class="enroll__card" data-testid="enroll-card">
          {t('enroll.cardInHand', { code: cardInHand })}
        </p>
      )}
      <label class="field">
        <span class="field__label">{t('enroll.name')}</span>
        <input ref={nameInput} class="field__input" name="name" autoComplete="off" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span class="field__label">{t('enroll.phone')}</span>
        <input class="field__input" name="phone" type="tel" inputMode="tel" autoComplete="off" value={phone} onInput={(e) => setPhone(e.currentTarget.value)} aria-describedby="phone-hint" />
        <span id="phone-hint" class="field__hint">{t('enroll.phoneHint')}</span>
      </label>
      <label class="field">
        <span class="field__label">{t('enroll.email')}</span>
        <input class="field__input" name="email" type="email" inputMode="email" autoComplete="off" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
      </label>
      <label class="check">
        <input type="checkbox" name="consent" checked={consent} onChange={(e) => setConsent(e.currentTarget.checked)} />
        <span>{t('enroll.consent', { shop: shop?.name ?? '' })}</span>
      </label>
      {bonus > 0 && (
        <label class="check">
          <input type="checkbox" name="welcomeBonus" checked={welcomeBonus} onChange={(e) => setWelcomeBonus(e.currentTarget.checked)} />
          <span>{t(pointsMode ? 'enroll.welcomeBonusPoints' : 'enroll.welcomeBonus', { count: bonus })}</span>
        </label>
      )}
      <div class="enroll__actions">
        <button type="button" class="button button--secondary button--large" onClick={actions.cancelEnrollment}>
          {t('enroll.cancel')}
        </button>
        <button type="submit" class="button button--primary button--large" disabled={busy}>
          {busy ? t('enroll.saving') : t('enroll.submit')}
        </button>
      </div>
    </form>
  );
}
