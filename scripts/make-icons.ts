/**
 * Generates the PWA icons with no dependencies: a tiny PNG encoder (node:zlib deflate + CRC32,
 * RGBA, filter 0) and a 4x4-supersampled rasteriser over simple shapes.
 *
 * Design ("stamp card"): deep teal background, a ring of five white stamp outlines and one
 * filled white stamp in the middle.
 *
 *   npx tsx scripts/make-icons.ts
 *
 * Writes public/icons/{icon-192,icon-512,maskable-512,apple-touch-icon-180}.png and
 * public/favicon.svg.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const TEAL = { r: 0x0f, g: 0x76, b: 0x6e } as const;
const WHITE = { r: 0xff, g: 0xff, b: 0xff } as const;
const SUPERSAMPLE = 4;
const STAMPS = 5;

// ---------------------------------------------------------------------------------------------
// PNG encoding

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Encodes 8-bit RGBA pixels (row-major, width*height*4 bytes) as a PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error('pixel buffer has the wrong size');
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type 0 (None)
    raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Geometry (unit square: 0..1 on both axes, centre at 0.5, 0.5)

interface Design {
  /** Corner radius of the background square; 0 = full-bleed square (maskable, Apple). */
  cornerRadius: number;
  /** Radius of the circle that encloses all the white content. */
  contentRadius: number;
}

interface Circle {
  cx: number;
  cy: number;
  r: number;
  /** Outline width; undefined = filled. */
  stroke?: number;
}

/** The stamp-card motif scaled to `R`: five outlined stamps on a ring, one filled in the middle. */
function motif(R: number): Circle[] {
  const ringRadius = 0.72 * R;
  const stampRadius = 0.26 * R; // outer edge of each outline: 0.72R + 0.26R = 0.98R <= R
  const circles: Circle[] = [];
  for (let i = 0; i < STAMPS; i++) {
    const angle = -Math.PI / 2 + (i * 2 * Math.PI) / STAMPS; // first stamp at the top
    circles.push({
      cx: 0.5 + ringRadius * Math.cos(angle),
      cy: 0.5 + ringRadius * Math.sin(angle),
      r: stampRadius - 0.05 * R, // centre line of the stroke
      stroke: 0.1 * R,
    });
  }
  circles.push({ cx: 0.5, cy: 0.5, r: 0.3 * R });
  return circles;
}

function insideRoundedSquare(x: number, y: number, radius: number): boolean {
  if (x < 0 || x > 1 || y < 0 || y > 1) return false;
  if (radius <= 0) return true;
  const dx = Math.max(radius - x, x - (1 - radius), 0);
  const dy = Math.max(radius - y, y - (1 - radius), 0);
  return dx * dx + dy * dy <= radius * radius;
}

function insideCircle(x: number, y: number, c: Circle): boolean {
  const d = Math.hypot(x - c.cx, y - c.cy);
  return c.stroke === undefined ? d <= c.r : Math.abs(d - c.r) <= c.stroke / 2;
}

/** Rasterises the design at `size`x`size`, averaging SUPERSAMPLE^2 samples per pixel. */
function render(size: number, design: Design): Uint8Array {
  const circles = motif(design.contentRadius);
  const pixels = new Uint8Array(size * size * 4);
  const n = SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Accumulate premultiplied colour, then un-premultiply.
      let a = 0;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          if (!insideRoundedSquare(x, y, design.cornerRadius)) continue;
          const colour = circles.some((c) => insideCircle(x, y, c)) ? WHITE : TEAL;
          a += 1;
          r += colour.r;
          g += colour.g;
          b += colour.b;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        pixels[i] = Math.round(r / a);
        pixels[i + 1] = Math.round(g / a);
        pixels[i + 2] = Math.round(b / a);
        pixels[i + 3] = Math.round((255 * a) / (n * n));
      }
    }
  }
  return pixels;
}

// "any" icons: rounded square, content fills most of it.
const STANDARD: Design = { cornerRadius: 0.22, contentRadius: 0.36 };
// Maskable: full-bleed background; all content inside the central 80% safe zone (a circle of
// radius 0.4), with a margin so circle and squircle masks leave it untouched.
const MASKABLE: Design = { cornerRadius: 0, contentRadius: 0.3 };
// iOS masks the touch icon itself and shows transparent corners as black: full bleed.
const APPLE: Design = { cornerRadius: 0, contentRadius: 0.34 };

function faviconSvg(design: Design): string {
  const s = 100; // viewBox units
  const f = (v: number): string => String(Math.round(v * s * 100) / 100);
  const circles = motif(design.contentRadius)
    .map((c) =>
      c.stroke === undefined
        ? `  <circle cx="${f(c.cx)}" cy="${f(c.cy)}" r="${f(c.r)}" fill="#fff"/>`
        : `  <circle cx="${f(c.cx)}" cy="${f(c.cy)}" r="${f(c.r)}" fill="none" stroke="#fff" stroke-width="${f(c.stroke)}"/>`,
    )
    .join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${s} ${s}">`,
    `  <rect width="${s}" height="${s}" rx="${f(design.cornerRadius)}" fill="#0f766e"/>`,
    circles,
    '</svg>',
    '',
  ].join('\n');
}

function main(): void {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const iconsDir = join(repoRoot, 'public', 'icons');
  mkdirSync(iconsDir, { recursive: true });

  const outputs: Array<[file: string, size: number, design: Design]> = [
    ['icon-192.png', 192, STANDARD],
    ['icon-512.png', 512, STANDARD],
    ['maskable-512.png', 512, MASKABLE],
    ['apple-touch-icon-180.png', 180, APPLE],
  ];
  for (const [file, size, design] of outputs) {
    const path = join(iconsDir, file);
    writeFileSync(path, encodePng(size, size, render(size, design)));
    console.log(`wrote ${relative(repoRoot, path)} (${size}x${size})`);
  }
  const favicon = join(repoRoot, 'public', 'favicon.svg');
  writeFileSync(favicon, faviconSvg(STANDARD));
  console.log(`wrote ${relative(repoRoot, favicon)}`);
}

main();
