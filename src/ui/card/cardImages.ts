import JsBarcode from 'jsbarcode';
import qrcode from 'qrcode-generator';

// Card rendering libraries, in their own lazily loaded chunk.

/** Draws CODE128 into an <svg> with whole-pixel bars, so it prints and scans sharply. */
export function drawCode128(svg: SVGSVGElement, code: string): void {
  JsBarcode(svg, code, { format: 'CODE128', width: 2, height: 80, margin: 10, displayValue: true, fontSize: 18 });
}

/** The QR's dark modules as a square boolean matrix (rendered as SVG rects by the caller). */
export function qrMatrix(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const size = qr.getModuleCount();
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, col) => qr.isDark(row, col)));
}
