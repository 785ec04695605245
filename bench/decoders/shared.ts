// What the decoder bench's page (decoderBench.ts, imageSet.ts) and its Node side
// (bench/cases/decoders.ts, bench/report/decoders.ts) share: formats, variants, decoders and the
// shape of the results. No DOM here, so Node can import it.

export const CODE_FORMATS = ['QR', 'CODE128', 'EAN13'] as const;
export type CodeFormat = (typeof CODE_FORMATS)[number];

export interface Variant {
  name: string;
  /** Frame size; default 640×480. */
  frame?: readonly [number, number];
  /** Rotation of the card in degrees (every image adds a seeded ±2°). */
  angle?: number;
  /** Module size in frame pixels: 'normal' (1D 2.6 px, QR 7 px) or 'small' (1D 1.4 px, QR 3 px). */
  size?: 'normal' | 'small';
  /** Gaussian blur radius in px (canvas filter). */
  blur?: number;
  /** Sensor noise: standard deviation per channel, 0–255 scale. */
  noise?: number;
  /**
   * Crop the frame to the inside of the card (upright only): what html5-qrcode's scan box sees
   * when the card fills it, with no table beside the code.
   */
  crop?: boolean;
  /** Grey print on a grey card on a grey table: 'low' (ink 85 on card 176 of 255) or 'veryLow' (106 on 164). */
  contrast?: 'low' | 'veryLow';
}

export const TABLES = ['light', 'mid', 'dark'] as const;
export type Table = (typeof TABLES)[number];

export const VARIANTS: readonly Variant[] = [
  { name: 'upright' },
  { name: 'rot90', angle: 90 },
  { name: 'rot180', angle: 180 },
  { name: 'rot270', angle: 270 },
  { name: 'tilt15', angle: 15 },
  { name: 'tilt30', angle: 30 },
  { name: 'tilt45', angle: 45 },
  { name: 'blur1.5', blur: 1.5 },
  { name: 'blur3', blur: 3 },
  { name: 'noise12', noise: 12 },
  { name: 'noise24', noise: 24 },
  { name: 'lowContrast', contrast: 'low' },
  { name: 'veryLowContrast', contrast: 'veryLow' },
  { name: 'small', size: 'small' },
  { name: 'hd720', frame: [1280, 720] },
  { name: 'cropped', crop: true },
  { name: 'tilt30+blur1.5', angle: 30, blur: 1.5 },
  { name: 'rot90+noise', angle: 90, noise: 24 },
  { name: 'small+noise', size: 'small', noise: 16 },
  { name: 'small+tilt30', size: 'small', angle: 30 },
  { name: 'lowContrast+noise', contrast: 'low', noise: 16 },
  { name: 'lowContrast+blur1.5', contrast: 'low', blur: 1.5 },
];

export const DECODERS = ['zxingJs', 'zxingCpp'] as const;
export type DecoderName = (typeof DECODERS)[number];

export interface DecodeSample {
  decoder: DecoderName;
  format: CodeFormat;
  variant: string;
  table: Table;
  image: string;
  ms: number;
  /** The text read equals the code's text. */
  ok: boolean;
  /** Something was read, and it is not the code's text. */
  wrong: boolean;
  read?: string;
  /** The format html5-qrcode reported, for wrong reads. */
  readFormat?: string;
  /** Which of html5-qrcode's decoders answered: "BarcodeDetector" or "zxing-js". */
  by?: string;
}

export interface DecoderRunOptions {
  seed: number;
  perCell: number;
}

export interface DecoderRunResult {
  userAgent: string;
  nativeBarcodeDetector: boolean;
  zxingWasmVersion: string;
  zxingWasmSha256: string;
  images: number;
  imageSetSha256: string;
  generateMs: number;
  /** The first read of each decoder (zxingCpp: fetching and compiling the .wasm included). */
  firstDecodeMs: Record<DecoderName, number>;
  /** What scanFileV2 does besides decoding: object URL, <img> decode, drawing on a canvas. */
  loadDrawMs: number[];
  samples: DecodeSample[];
}

