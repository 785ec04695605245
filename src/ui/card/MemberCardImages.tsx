import { t } from '../../i18n';
import '../../i18n/parts/cards.en';
import { code128Bars, qrMatrix } from './cardImages';

// The card's symbols as SVG drawn in whole modules, so they stay sharp at any size and print.

/** Light margins the symbologies ask for, in modules: 10 beside CODE128, 4 around a QR. */
const CODE128_QUIET_ZONE = 10;
const QR_QUIET_ZONE = 4;
/** The barcode's drawing height in viewBox units; CSS sets its real height. */
const CODE128_UNITS_HIGH = 40;

/**
 * CODE128 with every bar a whole number of modules. Its width is the module count times
 * `--code128-module` (set by the surrounding view: pixels on screen, a fraction of an inch in
 * print), so that each module covers whole pixels or printer dots.
 */
export function Code128Image({ code, class: className }: { code: string; class: string }) {
  const { bars, modules } = code128Bars(code);
  const width = modules + CODE128_QUIET_ZONE * 2;
  return (
    <svg
      class={className}
      style={{ width: `calc(var(--code128-module, 2px) * ${width})` }}
      viewBox={`0 0 ${width} ${CODE128_UNITS_HIGH}`}
      preserveAspectRatio="none"
      shape-rendering="crispEdges"
      role="img"
      aria-label={t('card.barcodeLabel', { code })}
    >
      <rect width={width} height={CODE128_UNITS_HIGH} fill="#fff" />
      {bars.map((bar) => (
        <rect key={bar.x} x={bar.x + CODE128_QUIET_ZONE} width={bar.width} height={CODE128_UNITS_HIGH} fill="#000" />
      ))}
    </svg>
  );
}

/** A QR code of `code`; `label` says what it is for a screen reader (by default: a member card). */
export function QrImage({ code, class: className, label }: { code: string; class: string; label?: string }) {
  const matrix = qrMatrix(code);
  const size = matrix.length + QR_QUIET_ZONE * 2;
  return (
    <svg class={className} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label ?? t('card.qrLabel', { code })} shape-rendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      {matrix.flatMap((row, y) =>
        row.map((dark, x) => (dark ? <rect key={`${x}-${y}`} x={x + QR_QUIET_ZONE} y={y + QR_QUIET_ZONE} width="1" height="1" fill="#000" /> : null)),
      )}
    </svg>
  );
}

export function MemberCardImages({ code }: { code: string }) {
  return (
    <div class="card-images">
      <Code128Image code={code} class="card-images__barcode" />
      <QrImage code={code} class="card-images__qr" />
    </div>
  );
}
