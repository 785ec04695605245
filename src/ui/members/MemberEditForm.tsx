import { useEffect, useState } from 'preact/hooks';
import type { Member } from '../../core/types';
import { formatDateTime, t } from '../../i18n';
import '../../i18n/parts/memberPage.en';
import { memberForm, type FieldErrors, type MemberForm, type MemberFormField, type MemberPageActions } from '../../state/memberPageActions';

function FieldError({ id, errors, field }: { id: string; errors: FieldErrors; field: MemberFormField }) {
  const error = errors[field];
  if (!error) return null;
  return (
    <span id={id} class="member-page__field-error">
      {t(error.key, error.params)}
    </span>
  );
}

/** Name, phone, email, note and marketing consent; only the fields changed are saved, and nothing when a field is wrong. */
export function MemberEditForm({ member, actions }: { member: Member; actions: MemberPageActions }) {
  const [form, setForm] = useState<MemberForm>(() => memberForm(member));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  // A change saved here or synced from another tablet shows, unless the owner is typing.
  useEffect(() => {
    if (!dirty) setForm(memberForm(member));
  }, [member.updatedAt]);

  const update = (change: Partial<MemberForm>) => {
    setForm({ ...form, ...change });
    setDirty(true);
  };

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    const result = await actions.saveMember(member, form);
    setBusy(false);
    if (result.ok) {
      setErrors({});
      setDirty(false);
      if (!result.changed) setForm(memberForm(member));
    } else setErrors(result.fieldErrors);
  }

  const described = (field: MemberFormField, hint?: string) => {
    const ids = [errors[field] ? `member-edit-${field}-error` : undefined, hint].filter(Boolean).join(' ');
    return { 'aria-invalid': errors[field] ? true : undefined, 'aria-describedby': ids || undefined };
  };
  const consent = member.consent;
  return (
    <section class="member-page__section" aria-labelledby="member-edit-title">
      <h3 id="member-edit-title">{t('memberPage.editTitle')}</h3>
      <form class="dialog__form" onSubmit={(event) => void submit(event)} noValidate>
        <label class="field">
          <span class="field__label">{t('memberPage.name')}</span>
          <input class="field__input" name="name" autoComplete="off" maxLength={200} value={form.name} onInput={(e) => update({ name: e.currentTarget.value })} {...described('name')} />
          <FieldError id="member-edit-name-error" errors={errors} field="name" />
        </label>
        <label class="field">
          <span class="field__label">{t('memberPage.phone')}</span>
          <input class="field__input" name="phone" type="tel" inputMode="tel" autoComplete="off" value={form.phone} onInput={(e) => update({ phone: e.currentTarget.value })} {...described('phone')} />
          <FieldError id="member-edit-phone-error" errors={errors} field="phone" />
        </label>
        <label class="field">
          <span class="field__label">{t('memberPage.email')}</span>
          <input class="field__input" name="email" type="email" inputMode="email" autoComplete="off" value={form.email} onInput={(e) => update({ email: e.currentTarget.value })} {...described('email')} />
          <FieldError id="member-edit-email-error" errors={errors} field="email" />
        </label>
        <label class="field">
          <span class="field__label">{t('memberPage.note')}</span>
          <textarea class="field__input member-page__note" name="note" rows={3} value={form.note} onInput={(e) => update({ note: e.currentTarget.value })} {...described('note')} />
          <FieldError id="member-edit-note-error" errors={errors} field="note" />
        </label>
        <label class="check">
          <input type="checkbox" name="marketingConsent" checked={form.marketingConsent} onChange={(e) => update({ marketingConsent: e.currentTarget.checked })} aria-describedby="member-edit-consent-recorded" />
          <span>{t('memberPage.consent')}</span>
        </label>
        <p id="member-edit-consent-recorded" class="field__hint">
          {t(consent.marketing ? 'memberPage.consentRecordedYes' : 'memberPage.consentRecordedNo', { date: formatDateTime(consent.at), version: consent.textVersion })}
        </p>
        <div class="member-page__actions">
          <button type="submit" class="button button--primary button--large" disabled={busy}>
            {t('memberPage.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
