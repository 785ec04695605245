import { useEffect, useRef, useState } from 'preact/hooks';
import type { Member } from '../../core/types';
import { t } from '../../i18n';
import '../../i18n/parts/memberPage.en';
import type { MemberPageActions } from '../../state/memberPageActions';
import { useApp } from '../context';

/**
 * While the card field has focus, a barcode scanner types into it like a keyboard and its Enter
 * links the card. The app's wedge listener (document, capture) would otherwise take the burst for
 * a till scan and open a member under the owner area: a listener on the window, which runs before
 * it, keeps the field's keys from reaching it. Stopping propagation does not stop typing (the
 * keys' default action), nor the form's submit on Enter.
 */
function useKeysStayInField(field: { current: HTMLInputElement | null }, onKey: () => void): void {
  useEffect(() => {
    const keep = (event: KeyboardEvent) => {
      if (field.current && document.activeElement === field.current) {
        event.stopPropagation();
        onKey(); // The owner area's own key listener no longer sees the key: keep its session alive.
      }
    };
    window.addEventListener('keydown', keep, { capture: true });
    return () => window.removeEventListener('keydown', keep, { capture: true });
  }, [field]);
}

/** The member's cards, each removable (never the last), and a field to link another. */
export function MemberCards({ member, actions }: { member: Member; actions: MemberPageActions }) {
  const { actions: app } = useApp();
  const [code, setCode] = useState('');
  const [confirming, setConfirming] = useState<string>();
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  useKeysStayInField(field, app.touchOwnerSession);
  const onlyCard = member.cardCodes.length <= 1;

  async function add(event: Event) {
    event.preventDefault();
    // The field itself: a scanner's Enter may come before the last keystroke's re-render.
    const typed = field.current?.value ?? code;
    if (typed.trim() === '') return;
    setBusy(true);
    const result = await actions.addCard(member.id, typed);
    setBusy(false);
    if (result.ok) setCode('');
  }

  async function remove(card: string) {
    setBusy(true);
    await actions.removeCard(member.id, card);
    setBusy(false);
    setConfirming(undefined);
  }

  return (
    <section class="member-page__section" aria-labelledby="member-cards-title">
      <h3 id="member-cards-title">{t('memberPage.cardsTitle')}</h3>
      <ul class="member-page__cards">
        {member.cardCodes.map((card) => (
          <li key={card} class="member-page__card">
            <span class="member-page__card-code">{card}</span>
            {confirming === card ? (
              <span class="member-page__confirm" role="group" aria-label={t('memberPage.removeCardLabel', { code: card })}>
                <span>{t('memberPage.removeCardConfirm', { code: card })}</span>
                <button type="button" class="button button--quiet" onClick={() => setConfirming(undefined)}>
                  {t('memberPage.cancel')}
                </button>
                <button type="button" class="button button--danger" disabled={busy} onClick={() => void remove(card)}>
                  {t('memberPage.removeCardYes')}
                </button>
              </span>
            ) : (
              !onlyCard && (
                <button type="button" class="button button--quiet" aria-label={t('memberPage.removeCardLabel', { code: card })} onClick={() => setConfirming(card)}>
                  {t('memberPage.removeCard')}
                </button>
              )
            )}
          </li>
        ))}
      </ul>
      {onlyCard && <p class="field__hint">{t('memberPage.lastCardHint')}</p>}
      <form class="member-page__add-card" onSubmit={(event) => void add(event)} noValidate>
        <label class="field">
          <span class="field__label">{t('memberPage.addCardLabel')}</span>
          <input ref={field} class="field__input" name="cardCode" inputMode="numeric" autoComplete="off" maxLength={64} value={code} onInput={(e) => setCode(e.currentTarget.value)} />
        </label>
        <button type="submit" class="button button--secondary" disabled={busy}>
          {t('memberPage.addCard')}
        </button>
      </form>
    </section>
  );
}
