// The decoder bench's image set, drawn deterministically on canvases in the page: a member card
// (off-white, rounded, shadow, a line of print) with one code on it, lying on a table, framed
// like a tablet camera's picture (640×480, some 1280×720). The table is light, mid or dark (a
// third of each variant's images each). The variants (shared.ts) rotate, tilt, blur, add sensor
// noise, lower the contrast, shrink the code and crop to the card, alone and combined. Every
// choice comes from a generator seeded by (seed, format, variant, index), so a given seed always
// gives the same pixels (the page reports a SHA-256 of the images to show it).
//
// Codes: QR and CODE128 carry one of our 12-digit card numbers (makeCardNumber, Luhn check
// digit): QR at level M (qrcode-generator, as the app), CODE128 with JsBarcode, 2 px modules,
// 80 px bars, value shown (the app's first card settings). EAN-13 carries a 13-digit code with a
// valid check digit. Images are uncompressed BMP: lossless, and quick to encode and to decode.

import JsBarcode from 'jsbarcode';
import qrcode from 'qrcode-generator';
import { makeCardNumber } from '../../src/core/cardNumber';
import { seededRandom } from '../lib/seededRandom';
import { CODE_FORMATS, TABLES, VARIANTS, type CodeFormat, type Table, type Variant } from './shared';

export interface TestImage {
  id: string;
  format: CodeFormat;
  variant: string;
  table: Table;
  /** The text a correct read returns. */
  expected: string;
  file: File;
  width: number;
  height: number;
}

/** The 12 digits followed by their EAN-13 check digit (weights 1, 3, 1, 3, … from the left). */
function ean13(digits: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 3);
  return digits + ((10 - (sum % 10)) % 10);
}

const between = (random: () => number, lo: number, hi: number) => lo + (hi - lo) * random();

function codeValue(format: CodeFormat, random: () => number): string {
  if (format === 'EAN13') {
    // 599 is Hungary's GS1 prefix; the rest is random.
    let digits = '599';
    while (digits.length < 12) digits += Math.floor(random() * 10);
    return ean13(digits);
  }
  return makeCardNumber(10000 + Math.floor(random() * 90000), 1 + Math.floor(random() * 999_999));
}

interface Palette {
  ink: string;
  card: string;
  /** Gradient ends of the table, per tone. */
  table: Record<Table, [string, string]>;
}
const NORMAL: Palette = {
  ink: '#161616',
  card: '#f5f2ea',
  table: { light: ['#dcd6ca', '#c8c0b2'], mid: ['#8a7058', '#6e5640'], dark: ['#3b322c', '#29231f'] },
};
const GREY_TABLES: Palette['table'] = { light: ['#c4c4c4', '#b4b4b4'], mid: ['#8e8e8e', '#7c7c7c'], dark: ['#545454', '#464646'] };
const LOW_CONTRAST: Palette = { ink: '#555555', card: '#b0b0b0', table: GREY_TABLES };
const VERY_LOW_CONTRAST: Palette = { ink: '#6a6a6a', card: '#a4a4a4', table: GREY_TABLES };

/** Base module size of the drawn code, before it is scaled into the frame. */
const BASE_MODULE = { QR: 8, CODE128: 2, EAN13: 2 } as const;
const TARGET_MODULE = { normal: { QR: 7, CODE128: 2.6, EAN13: 2.6 }, small: { QR: 3, CODE128: 1.4, EAN13: 1.4 } } as const;

function canvas(width: number, height: number): [HTMLCanvasElement, CanvasRenderingContext2D] {
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  const ctx = c.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2d context');
  return [c, ctx];
}

/** The code alone, on the card's colour, with its quiet zone. */
function drawCode(format: CodeFormat, value: string, palette: Palette): HTMLCanvasElement {
  if (format === 'QR') {
    const qr = qrcode(0, 'M');
    qr.addData(value);
    qr.make();
    const n = qr.getModuleCount();
    const m = BASE_MODULE.QR;
    const [c, ctx] = canvas((n + 8) * m, (n + 8) * m);
    ctx.fillStyle = palette.card;
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.fillStyle = palette.ink;
    for (let row = 0; row < n; row++) for (let col = 0; col < n; col++) if (qr.isDark(row, col)) ctx.fillRect((col + 4) * m, (row + 4) * m, m, m);
    return c;
  }
  const c = document.createElement('canvas');
  JsBarcode(c, value, {
    format: format === 'EAN13' ? 'EAN13' : 'CODE128',
    width: BASE_MODULE[format],
    height: 80,
    margin: 24, // 12 modules of quiet zone left and right
    marginTop: 6,
    marginBottom: 6,
    displayValue: true,
    fontSize: 18,
    background: palette.card,
    lineColor: palette.ink,
  });
  return c;
}

/** The member card: the code with a shop line above it, on a rounded off-white card. */
function drawCard(code: HTMLCanvasElement, palette: Palette): HTMLCanvasElement {
  const pad = 18;
  const title = 26;
  const [c, ctx] = canvas(code.width + 2 * pad, code.height + 2 * pad + title);
  ctx.fillStyle = palette.card;
  ctx.beginPath();
  ctx.roundRect(0, 0, c.width, c.height, 14);
  ctx.fill();
  ctx.fillStyle = palette.ink;
  ctx.font = 'bold 16px sans-serif';
  ctx.fillText('Punchline · Kávézó', pad, pad + 12);
  ctx.drawImage(code, pad, pad + title);
  return c;
}

function drawTable(ctx: CanvasRenderingContext2D, width: number, height: number, colours: [string, string], random: () => number): void {
  const grad = ctx.createLinearGradient(0, 0, width, height);
  grad.addColorStop(0, colours[0]);
  grad.addColorStop(1, colours[1]);
  ctx.fillStyle = grad;
  ctx.fillRect(0, 0, width, height);
  // Wood grain: faint, slightly slanted lines.
  for (let i = 0; i < 60; i++) {
    const y = random() * height;
    ctx.strokeStyle = `rgba(0,0,0,${between(random, 0.03, 0.1).toFixed(3)})`;
    ctx.lineWidth = between(random, 1, 4);
    ctx.beginPath();
    ctx.moveTo(0, y);
    ctx.bezierCurveTo(width / 3, y + between(random, -20, 20), (2 * width) / 3, y + between(random, -20, 20), width, y + between(random, -30, 30));
    ctx.stroke();
  }
}

/** A light falling off towards the corners, as through a tablet's lens. */
function vignette(ctx: CanvasRenderingContext2D, width: number, height: number, cx: number, cy: number): void {
  const grad = ctx.createRadialGradient(cx, cy, Math.min(width, height) * 0.2, width / 2, height / 2, Math.hypot(width, height) * 0.6);
  grad.addColorStop(0, 'rgba(255,255,255,0.06)');
  grad.addColorStop(1, 'rgba(0,0,0,0.28)');
  ctx.fillStyle = grad;
  ctx.fillRect(0, 0, width, height);
}

/** 64k standard normal samples, drawn once from a fixed seed: the noise looks up into it. */
let gaussianTable: Float32Array | undefined;
function gaussians(): Float32Array {
  if (gaussianTable) return gaussianTable;
  const random = seededRandom(0x5eed);
  gaussianTable = new Float32Array(65536);
  for (let i = 0; i < gaussianTable.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12)));
    const phi = 2 * Math.PI * random();
    gaussianTable[i] = r * Math.cos(phi);
    gaussianTable[i + 1] = r * Math.sin(phi);
  }
  return gaussianTable;
}

function addNoise(ctx: CanvasRenderingContext2D, width: number, height: number, sigma: number, random: () => number): void {
  const image = ctx.getImageData(0, 0, width, height);
  const data = image.data;
  const table = gaussians();
  // xorshift32 from the image's generator picks table entries: fast, and seeded like the rest.
  let x = Math.floor(random() * 0xffffffff) | 1;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return table[x & 0xffff]!;
  };
  for (let i = 0; i < data.length; i += 4) {
    // Mostly luminance noise, a little per channel.
    const shared = next() * sigma * 0.8;
    for (let ch = 0; ch < 3; ch++) data[i + ch] = data[i + ch]! + shared + next() * sigma * 0.6;
  }
  ctx.putImageData(image, 0, 0);
}

/** One camera frame: table, card (scaled, rotated, placed), light, blur, noise. */
function drawFrame(format: CodeFormat, value: string, variant: Variant, table: Table, random: () => number): HTMLCanvasElement {
  const [width, height] = variant.frame ?? [640, 480];
  const palette = variant.contrast === 'veryLow' ? VERY_LOW_CONTRAST : variant.contrast === 'low' ? LOW_CONTRAST : NORMAL;
  const card = drawCard(drawCode(format, value, palette), palette);
  const angle = (((variant.angle ?? 0) + between(random, -2, 2)) * Math.PI) / 180;
  let scale = (TARGET_MODULE[variant.size ?? 'normal'][format] / BASE_MODULE[format]) * between(random, 0.92, 1.08);
  // The rotated card must fit in the frame with a margin; shrink it if it doesn't.
  const margin = 10;
  const cos = Math.abs(Math.cos(angle));
  const sin = Math.abs(Math.sin(angle));
  const bboxAt = (s: number) => [(card.width * cos + card.height * sin) * s, (card.width * sin + card.height * cos) * s] as const;
  let [bw, bh] = bboxAt(scale);
  const fit = Math.min(1, (width - 2 * margin) / bw, (height - 2 * margin) / bh);
  scale *= fit;
  [bw, bh] = bboxAt(scale);
  const cx = between(random, margin + bw / 2, width - margin - bw / 2);
  const cy = between(random, margin + bh / 2, height - margin - bh / 2);

  const [scene, sctx] = canvas(width, height);
  drawTable(sctx, width, height, palette.table[table], random);
  sctx.save();
  sctx.translate(cx, cy);
  sctx.rotate(angle);
  sctx.scale(scale, scale);
  sctx.shadowColor = 'rgba(0,0,0,0.35)';
  sctx.shadowBlur = 10;
  sctx.shadowOffsetX = 3;
  sctx.shadowOffsetY = 4;
  sctx.imageSmoothingEnabled = true;
  sctx.imageSmoothingQuality = 'high';
  sctx.drawImage(card, -card.width / 2, -card.height / 2);
  sctx.restore();
  vignette(sctx, width, height, cx, cy);

  // Cropped: the card's box, inset so that its rounded corners and the ±2° tilt leave no table in it.
  const [fw, fh] = variant.crop ? [Math.round(card.width * scale - 24), Math.round(card.height * scale - 32)] : [width, height];
  const [sx, sy] = variant.crop ? [Math.round(cx - fw / 2), Math.round(cy - fh / 2)] : [0, 0];
  const [frame, fctx] = canvas(fw, fh);
  if (variant.blur) fctx.filter = `blur(${variant.blur}px)`;
  fctx.drawImage(scene, sx, sy, fw, fh, 0, 0, fw, fh);
  fctx.filter = 'none';
  if (variant.noise) addNoise(fctx, fw, fh, variant.noise, random);
  return frame;
}

/**
 * The frame as an uncompressed 24-bit BMP: lossless like PNG, but encoded in a few ms rather than
 * 20, and cheap to decode, so less of scanFileV2's time is spent decoding the file and more on the code.
 */
function toBmp(c: HTMLCanvasElement): Uint8Array<ArrayBuffer> {
  const { width, height } = c;
  const pixels = c.getContext('2d', { willReadFrequently: true })!.getImageData(0, 0, width, height).data;
  const rowBytes = Math.ceil((width * 3) / 4) * 4;
  const bytes = new Uint8Array(54 + rowBytes * height);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x42; // "BM"
  bytes[1] = 0x4d;
  view.setUint32(2, bytes.length, true);
  view.setUint32(10, 54, true); // pixel data offset
  view.setUint32(14, 40, true); // BITMAPINFOHEADER
  view.setInt32(18, width, true);
  view.setInt32(22, height, true); // positive: bottom-up rows
  view.setUint16(26, 1, true); // planes
  view.setUint16(28, 24, true); // bits per pixel
  view.setUint32(34, rowBytes * height, true);
  for (let y = 0; y < height; y++) {
    let o = 54 + (height - 1 - y) * rowBytes;
    for (let x = 0, i = y * width * 4; x < width; x++, i += 4) {
      bytes[o++] = pixels[i + 2]!;
      bytes[o++] = pixels[i + 1]!;
      bytes[o++] = pixels[i]!;
    }
  }
  return bytes;
}

const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** One image: its code, placement and noise come from (seed, format, variant, k) alone. */
export async function generateImage(seed: number, format: CodeFormat, variant: Variant, k: number): Promise<TestImage & { sha256: string }> {
  const random = seededRandom(hashSeed(seed, `${format}/${variant.name}/${k}`));
  const expected = codeValue(format, random);
  const table = TABLES[k % TABLES.length]!;
  const frame = drawFrame(format, expected, variant, table, random);
  const bytes = toBmp(frame);
  const sha256 = hex(await crypto.subtle.digest('SHA-256', bytes));
  const id = `${format}-${variant.name}-${k}`;
  return { id, format, variant: variant.name, table, expected, file: new File([bytes], `${id}.bmp`, { type: 'image/bmp' }), width: frame.width, height: frame.height, sha256 };
}

/**
 * `perCell` images for every format × variant. Returns them with a SHA-256 over all their bytes
 * (in order), to show that a seed gives the same set.
 */
export async function generateImageSet(seed: number, perCell: number): Promise<{ images: TestImage[]; sha256: string }> {
  const images: TestImage[] = [];
  const digests: string[] = [];
  for (const variant of VARIANTS) {
    for (const format of CODE_FORMATS) {
      for (let k = 0; k < perCell; k++) {
        const { sha256, ...image } = await generateImage(seed, format, variant, k);
        digests.push(sha256);
        images.push(image);
      }
    }
  }
  const sha256 = hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(digests.join('\n'))));
  return { images, sha256 };
}

/** FNV-1a of the seed and a label: independent, reproducible seeds per image. */
function hashSeed(seed: number, label: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
