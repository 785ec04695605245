// Camera decoders: html5-qrcode's built-in zxing-js against html5-qrcode fed by ZXing-C++ (the
// barcode-detector ponyfill installed by src/scan/camera/zxingBarcodeDetector.ts), on an image
// set drawn in the page (bench/decoders). The page is served from 127.0.0.1 with the app's own
// Content-Security-Policy (server/app.ts), so the .wasm must load and compile under the rules the
// till runs with. Every request the browser makes is watched: one that leaves loopback fails the
// case, and the .wasm must be among those served here, byte-identical to the one the ponyfill's
// JS was built for (ZXING_WASM_SHA256).

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../server/app';
import { launchChromium } from '../../test/e2e/support/browser';
import { DECODER_PAGE_DIR, buildDecoderPage } from '../lib/benchBundles';
import { sizeOf, type ChunkSize } from '../lib/bundleSize';
import { log } from '../lib/log';
import { startStaticServer } from '../lib/staticServer';
import { median, p95 } from '../lib/stats';
import type { DecoderRunResult } from '../decoders/shared';

/** Images per format × variant (22 variants × 3 formats × 6 = 396 images, each decoded by both). */
export const DECODER_IMAGES_PER_CELL = 6;
export const DECODER_SEED = 20_240_601;

export interface DecoderCost {
  /** html5-qrcode with its zxing-js: loaded in both cases. */
  html5Qrcode: ChunkSize[];
  /** What ZXing-C++ adds: the installer and the ponyfill's JS, and the .wasm. */
  zxingCppJs: ChunkSize[];
  zxingCppWasm: ChunkSize;
}

export interface DecoderResult extends DecoderRunResult {
  cost: DecoderCost;
  origin: string;
  requests: number;
  wasmUrl: string;
  wasmContentType: string | undefined;
}

interface ManifestChunk {
  file: string;
  imports?: string[];
  assets?: string[];
  isEntry?: boolean;
}

/** A dynamic entry's chunk and the chunks it imports, the page's own entry excepted. */
function chunksOf(manifest: Record<string, ManifestChunk>, key: string): ChunkSize[] {
  const seen = new Set<string>();
  const visit = (k: string) => {
    const chunk = manifest[k];
    if (!chunk || chunk.isEntry || seen.has(k)) return;
    seen.add(k);
    for (const i of chunk.imports ?? []) visit(i);
  };
  visit(key);
  if (!seen.size) throw new Error(`${key} is not in the decoder page's build manifest`);
  return [...seen].map((k) => sizeOf(DECODER_PAGE_DIR, manifest[k]!.file));
}

function decoderCost(): DecoderCost {
  const manifest = JSON.parse(readFileSync(join(DECODER_PAGE_DIR, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const key = (suffix: string) => {
    const found = Object.keys(manifest).find((k) => k.endsWith(suffix));
    if (!found) throw new Error(`no ${suffix} in the decoder page's build manifest`);
    return found;
  };
  const installer = key('src/scan/camera/zxingBarcodeDetector.ts');
  const wasm = manifest[installer]!.assets?.find((a) => a.endsWith('.wasm'));
  if (!wasm) throw new Error('the installer chunk has no .wasm asset: it would be fetched from elsewhere');
  return { html5Qrcode: chunksOf(manifest, key('html5-qrcode/esm/index.js')), zxingCppJs: chunksOf(manifest, installer), zxingCppWasm: sizeOf(DECODER_PAGE_DIR, wasm) };
}

const isLoopback = (url: string) => {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  const { hostname } = new URL(url);
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
};

export async function measureDecoders(): Promise<DecoderResult> {
  log('building the camera-decoder bench page (bench/vite.bench.config.ts, mode "decoders")');
  await buildDecoderPage();
  const cost = decoderCost();
  const server = await startStaticServer(DECODER_PAGE_DIR, 0, { 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const requested: string[] = [];
    const offLoopback: string[] = [];
    const wasmResponses: { url: string; status: number; type: string | undefined; body: Buffer }[] = [];
    context.on('request', (request) => {
      requested.push(request.url());
      if (!isLoopback(request.url())) offLoopback.push(request.url());
    });
    context.on('response', async (response) => {
      if (!response.url().endsWith('.wasm')) return;
      wasmResponses.push({ url: response.url(), status: response.status(), type: response.headers()['content-type'], body: await response.body() });
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      // (Warnings are left out: Chromium warns on every getImageData of zxing-js and of the ponyfill.)
      if (message.type() === 'error') log(`  page error: ${message.text()}`);
      else if (message.text().startsWith('decoder bench:')) log(`  ${message.text()}`);
    });
    await page.goto(server.url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.decoderBench !== undefined, undefined, { timeout: 30_000 });
    const run = await page.evaluate((o) => window.decoderBench!.run(o), { seed: DECODER_SEED, perCell: DECODER_IMAGES_PER_CELL });

    if (offLoopback.length) throw new Error(`requests left loopback: ${[...new Set(offLoopback)].join(', ')}`);
    if (pageErrors.length) throw new Error(`page errors: ${pageErrors.join('; ')}`);
    const wasm = wasmResponses[0];
    if (!wasm) throw new Error(`no .wasm was requested from ${server.url} (requests: ${requested.join(', ')})`);
    if (!wasm.url.startsWith(`${server.url}/`)) throw new Error(`the .wasm came from ${wasm.url}, not from ${server.url}`);
    if (wasm.status !== 200) throw new Error(`${wasm.url} answered ${wasm.status}`);
    const sha = createHash('sha256').update(wasm.body).digest('hex');
    if (sha !== run.zxingWasmSha256) throw new Error(`the served .wasm (sha256 ${sha}) is not the one the ponyfill expects (${run.zxingWasmSha256})`);

    const result: DecoderResult = { ...run, cost, origin: server.url, requests: requested.length, wasmUrl: wasm.url, wasmContentType: wasm.type };
    logDecoders(result);
    return result;
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
  }
}

function logDecoders(r: DecoderResult): void {
  log(`decoders: ${r.images} images (sha256 ${r.imageSetSha256.slice(0, 12)}…), ${r.requests} requests, all on loopback; .wasm ${r.wasmUrl.replace(r.origin, '')} (${r.wasmContentType}), sha256 matches zxing-wasm ${r.zxingWasmVersion}`);
  for (const decoder of ['zxingJs', 'zxingCpp'] as const) {
    const s = r.samples.filter((x) => x.decoder === decoder);
    const ok = s.filter((x) => x.ok);
    log(
      `decoders ${decoder}: ${ok.length}/${s.length} read (${((100 * ok.length) / s.length).toFixed(1)} %), ${s.filter((x) => x.wrong).length} wrong; ` +
        `median ${median(s.map((x) => x.ms)).toFixed(1)} ms, p95 ${p95(s.map((x) => x.ms)).toFixed(1)} ms; first read ${r.firstDecodeMs[decoder].toFixed(0)} ms`,
    );
  }
}
