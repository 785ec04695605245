import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n';
import { drawCode128, qrMatrix } from './cardImages';

const QUIET_ZONE = 4;

export function MemberCardImages({ code }: { code: string }) {
  const barcode = useRef<SVGSVGElement>(null);
  useEffect(() => {
    if (barcode.current) drawCode128(barcode.current, code);
  }, [code]);
  const matrix = qrMatrix(code);
  const size = matrix.length + QUIET_ZONE * 2;
  return (
    <div class="card-images">
      <svg ref={barcode} class="card-images__barcode" role="img" aria-label={t('card.barcodeLabel', { code })} />
      <svg class="card-images__qr" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={t('card.qrLabel', { code })} shape-rendering="crispEdges">
        <rect width={size} height={size} fill="#fff" />
        {matrix.flatMap((row, y) =>
          row.map((dark, x) => (dark ? <rect key={`${x}-${y}`} x={x + QUIET_ZONE} y={y + QUIET_ZONE} width="1" height="1" fill="#000" /> : null)),
        )}
      </svg>
    </div>
  );
}
