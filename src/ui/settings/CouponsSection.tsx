import { useState } from 'preact/hooks';
import { localDate } from '../../core/calendar';
import { formatCouponCode, MAX_COUPONS_PER_BATCH } from '../../core/coupons';
import type { CouponBatch } from '../../core/types';
import { couponUsesByBatch, listCouponReuses, type CouponReuse } from '../../db/couponRepository';
import { formatCalendarDate, formatDateTime, t } from '../../i18n';
import '../../i18n/parts/owner.en';
import type { ActionError } from '../../state/actionError';
import { settingsFieldLabel } from '../../state/settingsLabels';
import { useApp } from '../context';
import { useLive } from '../hooks/useLive';
import { useProgram } from '../hooks/useProgram';
import { TextInput } from './fields';
import { COUPON_BENEFIT_MAX, COUPON_NAME_MAX, couponBatchOf, type CouponForm } from './couponForm';

const EMPTY_FORM: CouponForm = { name: '', benefit: '', count: '50', validUntil: '' };

/** The end of a tablet id, enough to tell the business's tablets apart (Diagnostics shows it whole). */
function shortDeviceId(deviceId: string): string {
  return `…${deviceId.slice(-8)}`;
}

function NewBatchForm() {
  const { ctx, actions } = useApp();
  const [form, setForm] = useState<CouponForm>(EMPTY_FORM);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ActionError>();
  const today = localDate(ctx.now());
  const set = (patch: Partial<CouponForm>) => setForm((current) => ({ ...current, ...patch }));

  async function submit(event: Event) {
    event.preventDefault();
    const checked = couponBatchOf(form, today);
    if (!checked.ok) {
      setError({ key: checked.key, params: checked.params });
      return;
    }
    setBusy(true);
    // On success the batch's sheet opens over the app and Settings closes.
    const failure = await actions.createCouponBatch(checked.input);
    setBusy(false);
    setError(failure);
  }

  return (
    <form class="dialog__form" onSubmit={(event) => void submit(event)} noValidate>
      <TextInput label={t('coupons.name')} name="couponName" maxLength={COUPON_NAME_MAX} value={form.name} onInput={(name) => set({ name })} />
      <TextInput label={t('coupons.benefit')} name="couponBenefit" maxLength={COUPON_BENEFIT_MAX} value={form.benefit} onInput={(benefit) => set({ benefit })} />
      <label class="field">
        <span class="field__label">{t('coupons.count', { max: MAX_COUPONS_PER_BATCH })}</span>
        <input
          class="field__input"
          name="couponCount"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_COUPONS_PER_BATCH}
          value={form.count}
          onInput={(e) => set({ count: e.currentTarget.value })}
        />
      </label>
      <label class="field">
        <span class="field__label">{t('coupons.validUntil')}</span>
        <input class="field__input" name="couponValidUntil" type="date" min={today} value={form.validUntil} onInput={(e) => set({ validUntil: e.currentTarget.value })} />
      </label>
      {error && (
        <p class="coupons__error" role="alert">
          {t(error.key, error.params)}
        </p>
      )}
      <div class="dialog__actions">
        <button type="submit" class="button button--primary button--large" disabled={busy}>
          {busy ? t('coupons.creating') : t('coupons.create')}
        </button>
      </div>
    </form>
  );
}

function BatchList({ batches }: { batches: CouponBatch[] }) {
  const { ctx, actions } = useApp();
  const uses = useLive(() => couponUsesByBatch(ctx), [ctx]);
  return (
    <ul class="coupons__list" aria-label={t('coupons.batches')}>
      {[...batches].reverse().map((batch) => (
        <li key={batch.id} class="coupons__batch" data-testid="coupon-batch">
          <div class="coupons__about">
            <strong>{batch.name}</strong>
            <span>{batch.benefit}</span>
            <span class="field__hint">
              {batch.validUntil ? t('coupons.validUntilDay', { day: formatCalendarDate(batch.validUntil) }) : t('coupons.noEnd')}
              {' · '}
              {t('coupons.used', { used: uses?.get(batch.id) ?? 0, count: batch.codes.length })}
            </span>
          </div>
          <button type="button" class="button button--secondary" aria-label={t('coupons.printBatch', { name: batch.name })} onClick={() => actions.printCoupons(batch.id)}>
            {t('coupons.print')}
          </button>
        </li>
      ))}
    </ul>
  );
}

function ReuseList({ reuses }: { reuses: CouponReuse[] }) {
  return (
    <div class="coupons__reuses">
      <h4>{t('coupons.reusesTitle')}</h4>
      <p class="field__hint">{t('coupons.reusesHelp')}</p>
      <ul class="coupons__list">
        {reuses.map(({ event, code, memberName }) => (
          <li key={event.id} data-testid="coupon-reuse">
            {t('coupons.reuse', { code: formatCouponCode(code), member: memberName, when: formatDateTime(event.at), device: shortDeviceId(event.deviceId) })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Settings → Coupons: a new campaign's codes, the campaigns so far with their use, and codes used twice. */
export function CouponsSection() {
  const { ctx } = useApp();
  const program = useProgram();
  const reuses = useLive(() => listCouponReuses(ctx), [ctx]);
  const batches = program?.coupons ?? [];
  return (
    <section class="coupons" aria-labelledby="coupons-title">
      <h3 id="coupons-title">{t(settingsFieldLabel('coupons'))}</h3>
      <p>{t('coupons.help')}</p>
      <NewBatchForm />
      {batches.length > 0 && <BatchList batches={batches} />}
      {reuses && reuses.length > 0 && <ReuseList reuses={reuses} />}
    </section>
  );
}
