import { MAX_COUPONS_PER_BATCH } from '../../core/coupons';
import type { NewCouponBatch } from '../../db/couponRepository';
import type { MessageKey, MessageParams } from '../../i18n';
import '../../i18n/parts/owner.en';
import { wholeOf } from './programForm';

// The coupon form as typed, checked before any code is made so that each mistake gets a message
// of its own (the program's validation would only say "coupons").

export interface CouponForm {
  name: string;
  benefit: string;
  count: string;
  /** YYYY-MM-DD from a date input, or empty: no last day. */
  validUntil: string;
}

export const COUPON_NAME_MAX = 60;
export const COUPON_BENEFIT_MAX = 120;

const DAY_TEXT = /^\d{4}-\d{2}-\d{2}$/;

export type CouponFormResult = { ok: true; input: NewCouponBatch } | { ok: false; key: MessageKey; params: MessageParams };

/** The batch to make, or what is wrong; `today` is the shop's local date (YYYY-MM-DD). */
export function couponBatchOf(form: CouponForm, today: string): CouponFormResult {
  const name = form.name.trim();
  const benefit = form.benefit.trim();
  const count = wholeOf(form.count);
  const validUntil = form.validUntil.trim();
  if (name === '' || name.length > COUPON_NAME_MAX) return { ok: false, key: 'coupons.nameRequired', params: { max: COUPON_NAME_MAX } };
  if (benefit === '' || benefit.length > COUPON_BENEFIT_MAX) return { ok: false, key: 'coupons.benefitRequired', params: { max: COUPON_BENEFIT_MAX } };
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUPONS_PER_BATCH) {
    return { ok: false, key: 'coupons.countInvalid', params: { max: MAX_COUPONS_PER_BATCH } };
  }
  if (validUntil !== '' && (!DAY_TEXT.test(validUntil) || validUntil < today)) return { ok: false, key: 'coupons.dateInvalid', params: {} };
  return { ok: true, input: { name, benefit, count, ...(validUntil ? { validUntil } : {}) } };
}
