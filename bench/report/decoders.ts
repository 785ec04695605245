// The camera-decoder figures (bench/cases/decoders.ts): per decoder × format × variant, the share
// of images read correctly, wrong reads, and the time of html5-qrcode's scanFileV2; the bytes
// each decoder costs. Summarised for latest.json, as table rows, and as a variant matrix.

import { DECODER_IMAGES_PER_CELL, DECODER_SEED, type DecoderResult } from '../cases/decoders';
import { CODE_FORMATS, DECODERS, TABLES, VARIANTS, type DecodeSample, type DecoderName } from '../decoders/shared';
import { median, p95, round } from '../lib/stats';
import type { ChunkSize } from '../lib/bundleSize';
import type { Row } from './table';

export const DECODER_LABEL: Record<DecoderName, string> = {
  zxingJs: 'html5-qrcode built-in (zxing-js)',
  zxingCpp: 'html5-qrcode + ZXing-C++ wasm',
};

export interface DecodeCell {
  images: number;
  read: number;
  /** Correct reads, % of images. */
  ratePct: number;
  wrong: number;
  medianMs: number;
  p95Ms: number;
  /** Median of the reads alone, and of the misses alone. */
  readMedianMs: number | undefined;
  missMedianMs: number | undefined;
}

function cell(samples: DecodeSample[]): DecodeCell {
  const ms = samples.map((s) => s.ms);
  const read = samples.filter((s) => s.ok).length;
  return {
    images: samples.length,
    read,
    ratePct: samples.length ? round((100 * read) / samples.length, 1) : Number.NaN,
    wrong: samples.filter((s) => s.wrong).length,
    medianMs: round(median(ms), 1),
    p95Ms: round(p95(ms), 1),
    readMedianMs: read ? round(median(samples.filter((s) => s.ok).map((s) => s.ms)), 1) : undefined,
    missMedianMs: read < samples.length ? round(median(samples.filter((s) => !s.ok).map((s) => s.ms)), 1) : undefined,
  };
}

const gzipKB = (chunks: ChunkSize[]) => round(chunks.reduce((a, c) => a + c.gzipBytes, 0) / 1024, 1);

export function decoderFigures(r: DecoderResult | undefined) {
  if (!r) return undefined;
  const per = <K extends string>(keys: readonly K[], pick: (s: DecodeSample) => K, samples: DecodeSample[]) =>
    Object.fromEntries(keys.map((k) => [k, cell(samples.filter((s) => pick(s) === k))])) as Record<K, DecodeCell>;
  const byDecoder = <T>(f: (samples: DecodeSample[]) => T) =>
    Object.fromEntries(DECODERS.map((d) => [d, f(r.samples.filter((s) => s.decoder === d))])) as Record<DecoderName, T>;
  const variants = VARIANTS.map((v) => v.name);
  return {
    images: r.images,
    seed: DECODER_SEED,
    imagesPerCell: DECODER_IMAGES_PER_CELL,
    imageSetSha256: r.imageSetSha256,
    browser: r.userAgent,
    overall: byDecoder(cell),
    byFormat: byDecoder((s) => per(CODE_FORMATS, (x) => x.format, s)),
    byVariant: byDecoder((s) => Object.fromEntries(variants.map((v) => [v, per(CODE_FORMATS, (x) => x.format, s.filter((x) => x.variant === v))]))),
    /** 1D codes only, by the table's tone beside the card. */
    linearByTable: byDecoder((s) => per(TABLES, (x) => x.table, s.filter((x) => x.format !== 'QR'))),
    /** Which of html5-qrcode's decoders answered (the ZXing-C++ path falls back to zxing-js on a miss). */
    readBy: byDecoder((s) => s.filter((x) => x.ok).reduce<Record<string, number>>((a, x) => ({ ...a, [x.by ?? '?']: (a[x.by ?? '?'] ?? 0) + 1 }), {})),
    wrongReads: r.samples.filter((s) => s.wrong).map((s) => ({ decoder: s.decoder, image: s.image, read: s.read, format: s.readFormat })),
    /** The first read of each (ZXing-C++: fetching and compiling the .wasm included); not in the figures above. */
    firstDecodeMs: { zxingJs: round(r.firstDecodeMs.zxingJs, 0), zxingCpp: round(r.firstDecodeMs.zxingCpp, 0) },
    /** Object URL → <img> → canvas, timed alone: the part of every scanFileV2 time that is not decoding. */
    loadDrawMs: { median: round(median(r.loadDrawMs), 1), p95: round(p95(r.loadDrawMs), 1) },
    costGzipKB: { html5QrcodeWithZxingJs: gzipKB(r.cost.html5Qrcode), zxingCppJs: gzipKB(r.cost.zxingCppJs), zxingCppWasm: gzipKB([r.cost.zxingCppWasm]) },
    costBytes: { html5QrcodeWithZxingJs: r.cost.html5Qrcode, zxingCppJs: r.cost.zxingCppJs, zxingCppWasm: r.cost.zxingCppWasm },
    network: { requests: r.requests, allLoopback: true, wasm: r.wasmUrl.replace(r.origin, ''), wasmContentType: r.wasmContentType, wasmSha256MatchesPonyfill: true, zxingWasmVersion: r.zxingWasmVersion },
  };
}

export type DecoderFigures = NonNullable<ReturnType<typeof decoderFigures>>;

export function decoderRows(d: DecoderFigures | undefined): { rows: Row[]; wrong: number | undefined } {
  const rows: Row[] = [];
  for (const decoder of DECODERS) {
    const o = d?.overall[decoder];
    rows.push({
      figure: `decoders: ${DECODER_LABEL[decoder]}`,
      value: o?.ratePct,
      unit: '%',
      note: o
        ? `${o.read}/${o.images} read; scanFileV2 median ${o.medianMs} ms, p95 ${o.p95Ms} ms (reads ${o.readMedianMs ?? 'n/a'}, misses ${o.missMedianMs ?? 'n/a'}); first read ${d!.firstDecodeMs[decoder]} ms`
        : 'camera decoders',
    });
    for (const format of CODE_FORMATS) {
      const c = d?.byFormat[decoder][format];
      rows.push({ figure: `  ${format}`, value: c?.ratePct, unit: '%', note: c ? `${c.read}/${c.images}; median ${c.medianMs} ms, p95 ${c.p95Ms} ms` : '' });
    }
  }
  if (d) {
    rows.push({ figure: '  of each time: load + draw the file', value: d.loadDrawMs.median, unit: 'ms', note: `median (p95 ${d.loadDrawMs.p95} ms): not decoding, the same for both` });
    rows.push({ figure: 'decoders: ZXing-C++ .wasm (gzip -9)', value: d.costGzipKB.zxingCppWasm, unit: 'KB', note: `+ ${d.costGzipKB.zxingCppJs} KB JS; html5-qrcode with zxing-js: ${d.costGzipKB.html5QrcodeWithZxingJs} KB JS (lazy camera chunk)` });
  }
  const wrong = d ? DECODERS.reduce((a, k) => a + d.overall[k].wrong, 0) : undefined;
  return { rows, wrong };
}

/** Read / images and median ms for every variant × format, both decoders side by side. */
export function printDecoderMatrix(d: DecoderFigures | undefined): void {
  if (!d) return;
  const cellText = (c: DecodeCell) => `${c.read}/${c.images} ${c.medianMs.toFixed(0).padStart(3)}ms`;
  const header = ['variant', ...CODE_FORMATS.map((f) => `${f}: zxing-js | ZXing-C++`)];
  const body = Object.keys(d.byVariant.zxingJs).map((v) => [v, ...CODE_FORMATS.map((f) => `${cellText(d.byVariant.zxingJs[v]![f])} | ${cellText(d.byVariant.zxingCpp[v]![f])}`)]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((row) => row[c]!.length)));
  const line = (row: string[]) => row.map((cell, c) => cell.padEnd(widths[c]!)).join('   ').trimEnd();
  console.log(`\ncamera decoders: images read correctly / images, median scanFileV2 ms (${d.images} images, seed ${d.seed}; ${d.wrongReads.length} wrong reads)`);
  console.log(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('   ')}`);
  for (const row of body) console.log(line(row));
  const tables = (k: DecoderName) => TABLES.map((t) => `${t} ${d.linearByTable[k][t].read}/${d.linearByTable[k][t].images}`).join(', ');
  console.log(`1D codes by table tone beside the card: zxing-js ${tables('zxingJs')}; ZXing-C++ ${tables('zxingCpp')}`);
}
