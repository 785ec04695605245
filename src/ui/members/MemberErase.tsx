import { useState } from 'preact/hooks';
import type { Member } from '../../core/types';
import { t } from '../../i18n';
import '../../i18n/parts/memberPage.en';
import { confirmsName, type MemberPageActions } from '../../state/memberPageActions';

/** Erasure in two steps: "Erase…" explains and asks for the member's name; only then can it run. */
export function MemberErase({ member, actions }: { member: Member; actions: MemberPageActions }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const matches = confirmsName(typed, member.name);

  async function erase(event: Event) {
    event.preventDefault();
    if (!matches) return;
    setBusy(true);
    await actions.erase(member, typed);
    setBusy(false);
  }

  return (
    <section class="member-page__section member-page__erase" aria-labelledby="member-erase-title">
      <h3 id="member-erase-title">{t('memberPage.eraseTitle')}</h3>
      <p id="member-erase-help">{t('memberPage.eraseHelp')}</p>
      {!open ? (
        <div class="member-page__actions">
          <button type="button" class="button button--danger" onClick={() => setOpen(true)}>
            {t('memberPage.eraseStart')}
          </button>
        </div>
      ) : (
        <form class="dialog__form" onSubmit={(event) => void erase(event)} noValidate>
          <label class="field">
            <span class="field__label">{t('memberPage.eraseTypeName', { name: member.name })}</span>
            <input class="field__input" name="confirmName" autoComplete="off" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} aria-describedby="member-erase-help" />
          </label>
          <div class="member-page__actions">
            <button
              type="button"
              class="button button--quiet"
              onClick={() => {
                setOpen(false);
                setTyped('');
              }}
            >
              {t('memberPage.cancel')}
            </button>
            <button type="submit" class="button button--danger button--large" disabled={busy || !matches}>
              {t('memberPage.eraseConfirm')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
