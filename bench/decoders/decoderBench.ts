// The camera-decoder bench page (built by vite from bench/decoders, served by bench/cases/decoders.ts
// with the app's Content-Security-Policy). It decodes one image set through html5-qrcode's own
// public API, twice per image:
//   zxingJs  — html5-qrcode's built-in decoder (zxing-js): useBarCodeDetectorIfSupported: false;
//   zxingCpp — html5-qrcode fed by the app's installer (installZxingBarcodeDetector(): the
//              barcode-detector ponyfill, ZXing-C++ in WebAssembly, .wasm from our bundle):
//              useBarCodeDetectorIfSupported: true.
// For a file, html5-qrcode's scanFileV2 tries its primary decoder and, on a miss, its secondary
// one (zxing-js): each read records which one answered (debugData.decoderName).
//
// The decoders are loaded with import(), as the app loads its camera chunk, so each lands in a
// chunk of its own and the bench can weigh it (bench/cases/decoders.ts reads the build manifest).

import type { Html5Qrcode } from 'html5-qrcode';
import { generateImage, generateImageSet, type TestImage } from './imageSet';
import { CODE_FORMATS, DECODERS, VARIANTS, type CodeFormat, type DecodeSample, type DecoderName, type DecoderRunOptions, type DecoderRunResult } from './shared';

type Html5QrcodeModule = typeof import('html5-qrcode');

function scanner(lib: Html5QrcodeModule, decoder: DecoderName): Html5Qrcode {
  const { Html5Qrcode, Html5QrcodeSupportedFormats: F } = lib;
  const element = document.createElement('div');
  element.id = `reader-${decoder}`;
  element.style.width = '640px';
  document.body.append(element);
  return new Html5Qrcode(element.id, { formatsToSupport: [F.QR_CODE, F.CODE_128, F.EAN_13], useBarCodeDetectorIfSupported: decoder === 'zxingCpp', verbose: false });
}

async function decode(decoder: DecoderName, reader: Html5Qrcode, image: TestImage): Promise<DecodeSample> {
  const base = { decoder, format: image.format, variant: image.variant, table: image.table, image: image.id };
  const start = performance.now();
  try {
    const result = await reader.scanFileV2(image.file, false);
    const ms = performance.now() - start;
    const ok = result.decodedText === image.expected;
    const by = (result.result.debugData as { decoderName?: string } | undefined)?.decoderName;
    return { ...base, ms, ok, wrong: !ok, ...(ok ? {} : { read: result.decodedText, readFormat: result.result.format?.formatName }), ...(by ? { by } : {}) };
  } catch {
    return { ...base, ms: performance.now() - start, ok: false, wrong: false };
  }
}

/** The part of scanFileV2 that is not decoding, timed alone: the floor under both decoders' times. */
async function loadAndDraw(file: File): Promise<number> {
  const start = performance.now();
  const url = URL.createObjectURL(file);
  const img = new Image();
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('image did not load'));
    img.src = url;
  });
  const c = document.createElement('canvas');
  c.width = img.width + 200;
  c.height = img.height + 200;
  c.getContext('2d')!.drawImage(img, 100, 100);
  const ms = performance.now() - start;
  URL.revokeObjectURL(url);
  return ms;
}

async function run(options: DecoderRunOptions): Promise<DecoderRunResult> {
  // Debian's Chromium has none; if this browser has one, the installer would leave it in place and
  // "zxingCpp" would measure the native detector instead.
  const nativeBarcodeDetector = 'BarcodeDetector' in window;
  if (nativeBarcodeDetector) throw new Error('this browser has a native BarcodeDetector: the polyfill would not be installed');

  const t0 = performance.now();
  const { images, sha256 } = await generateImageSet(options.seed, options.perCell);
  const warmup = await Promise.all(CODE_FORMATS.map((format, k) => generateImage(options.seed + 1, format, VARIANTS[0]!, k)));
  const generateMs = performance.now() - t0;
  console.log(`decoder bench: ${images.length} images generated in ${(generateMs / 1000).toFixed(1)} s`);

  const lib = await import('html5-qrcode');
  const zxingJs = scanner(lib, 'zxingJs');
  const { installZxingBarcodeDetector } = await import('../../src/scan/camera/zxingBarcodeDetector');
  const ponyfill = await import('barcode-detector/ponyfill');
  installZxingBarcodeDetector();
  if ((window as { BarcodeDetector?: unknown }).BarcodeDetector !== ponyfill.BarcodeDetector) throw new Error('installZxingBarcodeDetector() did not install the ZXing-C++ ponyfill');
  const zxingCpp = scanner(lib, 'zxingCpp');
  const readers: Record<DecoderName, Html5Qrcode> = { zxingJs, zxingCpp };

  // First reads (not counted), and a check that the .wasm really runs: if it did not load or
  // compile, html5-qrcode would quietly fall back to zxing-js.
  const firstDecodeMs = {} as Record<DecoderName, number>;
  for (const decoder of DECODERS) {
    const first = await decode(decoder, readers[decoder], warmup[0]!);
    firstDecodeMs[decoder] = first.ms;
    if (!first.ok) throw new Error(`${decoder} could not read the upright warm-up QR`);
    if (decoder === 'zxingCpp' && first.by !== 'BarcodeDetector') throw new Error(`the ZXing-C++ detector did not answer (read by ${first.by}): is the .wasm loading?`);
  }
  for (const image of warmup.slice(1)) for (const decoder of DECODERS) await decode(decoder, readers[decoder], image);

  const samples: DecodeSample[] = [];
  const loadDrawMs: number[] = [];
  for (const [i, image] of images.entries()) {
    // Alternate which decoder goes first, so neither always finds the other's warm caches.
    const order = i % 2 === 0 ? DECODERS : ([...DECODERS].reverse() as DecoderName[]);
    for (const decoder of order) samples.push(await decode(decoder, readers[decoder], image));
    loadDrawMs.push(await loadAndDraw(image.file));
    if ((i + 1) % 100 === 0) console.log(`decoder bench: ${i + 1}/${images.length} images decoded`);
  }
  return {
    userAgent: navigator.userAgent,
    nativeBarcodeDetector,
    zxingWasmVersion: ponyfill.ZXING_WASM_VERSION,
    zxingWasmSha256: ponyfill.ZXING_WASM_SHA256,
    images: images.length,
    imageSetSha256: sha256,
    generateMs,
    firstDecodeMs,
    loadDrawMs,
    samples,
  };
}

/** Some images of the set as data: URLs, to look at (e.g. `preview(seed, [['EAN13', 'tilt15', 0]])`). */
async function preview(seed: number, which: [CodeFormat, string, number][]): Promise<string[]> {
  const urls: string[] = [];
  for (const [format, name, k] of which) {
    const variant = VARIANTS.find((v) => v.name === name);
    if (!variant) throw new Error(`no variant ${name}`);
    const image = await generateImage(seed, format, variant, k);
    urls.push(await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.readAsDataURL(image.file);
    }));
  }
  return urls;
}

declare global {
  interface Window {
    decoderBench?: { run: typeof run; preview: typeof preview };
  }
}

window.decoderBench = { run, preview };
document.documentElement.dataset.benchReady = 'true';
