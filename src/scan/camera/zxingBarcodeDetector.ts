import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
import zxingWasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

// html5-qrcode decodes with the browser's BarcodeDetector when one exists and with zxing-js
// otherwise. Most tablets' browsers have none, and zxing-js misses rotated 1D cards (see
// docs/scanning.md), so where the browser lacks one we install ZXing-C++ compiled to
// WebAssembly under that name. Its .wasm is bundled and precached: by default the library would
// fetch it from a CDN, which the till must never do.

let installed = false;

export function installZxingBarcodeDetector(): void {
  if (installed) return;
  installed = true;
  prepareZXingModule({
    overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? zxingWasmUrl : prefix + path) },
  });
  if (!('BarcodeDetector' in globalThis)) {
    (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector = BarcodeDetector;
  }
}
