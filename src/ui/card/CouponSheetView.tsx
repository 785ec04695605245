import { formatCouponCode } from '../../core/coupons';
import type { CouponBatch } from '../../core/types';
import { formatCalendarDate, t } from '../../i18n';
import '../../i18n/parts/cards.en';
import { useProgram, useShop } from '../hooks/useProgram';
import { QrImage } from './MemberCardImages';
import { PrintView, splitIntoPages } from './PrintView';

/** An A4 sheet holds 2 × 5 coupons of 105 × 59 mm. */
const COUPONS_PER_SHEET = 10;

/** One coupon: the shop, the campaign, what it gives, until when, the code as text and as QR (its stored form). */
function PrintableCoupon({ batch, code, shopName }: { batch: CouponBatch; code: string; shopName: string }) {
  const shown = formatCouponCode(code);
  return (
    <article class="printable-coupon" data-testid="printable-coupon">
      <div class="printable-coupon__text">
        <p class="printable-coupon__shop">{shopName}</p>
        <p class="printable-coupon__name">{batch.name}</p>
        <p class="printable-coupon__benefit">{batch.benefit}</p>
        {batch.validUntil && <p class="printable-coupon__valid">{t('print.couponValidUntil', { day: formatCalendarDate(batch.validUntil) })}</p>}
        <p class="printable-coupon__code">{shown}</p>
      </div>
      <QrImage code={code} class="printable-coupon__qr" label={t('print.couponQrLabel', { code: shown })} />
    </article>
  );
}

/** A campaign's codes on A4 sheets to print and cut: each code once, with its QR code. */
export function CouponSheetView({ batchId }: { batchId: string }) {
  const program = useProgram();
  const shop = useShop();
  const batch = program?.coupons.find((candidate) => candidate.id === batchId);
  if (!batch || !shop) return null;
  const sheets = splitIntoPages(batch.codes, COUPONS_PER_SHEET);
  return (
    <PrintView title={t('print.couponsTitle', { count: batch.codes.length, name: batch.name })} help={t('print.couponsHelp')}>
      {sheets.map((sheet) => (
        <div key={sheet[0]} class="print-page print-page--coupons">
          {sheet.map((code) => (
            <PrintableCoupon key={code} batch={batch} code={code} shopName={shop.name} />
          ))}
        </div>
      ))}
    </PrintView>
  );
}
