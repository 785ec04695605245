import { writeFileSync } from 'node:fs';
import JsBarcode from 'jsbarcode';
import qrcode from 'qrcode-generator';

// A fake camera for Chromium (--use-file-for-fake-video-capture): a card's code drawn on a
// table-grey frame and written as a Y4M video (4:2:0, grey only). Bars and modules come from
// jsbarcode's and qrcode-generator's own encoders; the pixels are ours, so no image tool is needed.

export type CardSymbol = 'qr' | 'code128' | 'ean13';

const WIDTH = 640;
const HEIGHT = 480;
const TABLE = 200;
const PAPER = 250;
const INK = 20;

/** Dark/light modules of the symbol, one row per pixel row of an unrotated, unscaled image. */
function symbolModules(symbol: CardSymbol, text: string): boolean[][] {
  if (symbol === 'qr') {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    const size = qr.getModuleCount();
    return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, col) => qr.isDark(row, col)));
  }
  const target: { encodings?: { data: string }[] } = {};
  JsBarcode(target, text, { format: symbol === 'ean13' ? 'EAN13' : 'CODE128' });
  const bars = [...target.encodings!.map((encoding) => encoding.data).join('')].map((bit) => bit === '1');
  return [bars];
}

/** The symbol as a grey bitmap with a white quiet zone: QR modules square, bars tall. */
function symbolBitmap(symbol: CardSymbol, text: string): { width: number; height: number; pixel(x: number, y: number): number } {
  const modules = symbolModules(symbol, text);
  const isQr = symbol === 'qr';
  const scale = isQr ? 8 : 3;
  const quiet = isQr ? 4 : 12;
  const columns = modules[0]!.length + quiet * 2;
  const rows = isQr ? modules.length + quiet * 2 : 1;
  const width = columns * scale;
  const height = isQr ? rows * scale : 140;
  return {
    width,
    height,
    pixel(x, y) {
      const col = Math.floor(x / scale) - quiet;
      const row = isQr ? Math.floor(y / scale) - quiet : 0;
      const barZone = isQr || (y >= 20 && y < height - 20);
      const dark = barZone && modules[row]?.[col] === true;
      return dark ? INK : PAPER;
    },
  };
}

/** Writes a looping one-second Y4M video of the symbol, centred, optionally turned by 90°. */
export function writeCardVideo(file: string, options: { symbol: CardSymbol; text: string; rotate?: 0 | 90 }): void {
  const bitmap = symbolBitmap(options.symbol, options.text);
  const turned = options.rotate === 90;
  const width = turned ? bitmap.height : bitmap.width;
  const height = turned ? bitmap.width : bitmap.height;
  if (width > WIDTH || height > HEIGHT) throw new Error(`card ${width}×${height} does not fit a ${WIDTH}×${HEIGHT} frame`);
  const left = Math.floor((WIDTH - width) / 2);
  const top = Math.floor((HEIGHT - height) / 2);
  const luma = Buffer.alloc(WIDTH * HEIGHT, TABLE);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Turned 90° clockwise: frame (x, y) shows bitmap (y, height-1-x).
      luma[(top + y) * WIDTH + left + x] = turned ? bitmap.pixel(y, width - 1 - x) : bitmap.pixel(x, y);
    }
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const fps = 10;
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F${fps}:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, ...Array.from({ length: fps }, () => frame)]));
}
