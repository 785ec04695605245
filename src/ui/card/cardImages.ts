import JsBarcode from 'jsbarcode';
import qrcode from 'qrcode-generator';

// Card rendering libraries, in their own lazily loaded chunk.

/** A dark bar of CODE128, in whole modules from the left edge of the symbol. */
interface Bar {
  x: number;
  width: number;
}

/** CODE128 (start, data, check and stop codes) as bars, and its width in modules without quiet zones. */
export function code128Bars(code: string): { bars: Bar[]; modules: number } {
  // Rendered into a plain object, JsBarcode hands back the encoding and draws nothing.
  const target: { encodings?: { data: string }[] } = {};
  JsBarcode(target, code, { format: 'CODE128' });
  const pattern = target.encodings?.map((encoding) => encoding.data).join('') ?? '';
  if (!pattern) throw new Error(`CODE128 cannot encode ${JSON.stringify(code)}`);
  const bars = [...pattern.matchAll(/1+/g)].map((run) => ({ x: run.index, width: run[0].length }));
  return { bars, modules: pattern.length };
}

/** The QR's dark modules as a square boolean matrix (rendered as SVG rects by the caller). */
export function qrMatrix(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const size = qr.getModuleCount();
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, col) => qr.isDark(row, col)));
}
