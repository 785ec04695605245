import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ChunkSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundleReport {
  entry: string;
  /** The entry chunk, modulepreloads and everything they import statically. */
  initial: ChunkSize[];
  initialGzipBytes: number;
  /** Every other JS file in dist/assets: loaded on demand (dynamic import()). */
  lazy: ChunkSize[];
  css: ChunkSize[];
}

export function sizeOf(distDir: string, file: string): ChunkSize {
  const body = readFileSync(join(distDir, file));
  return { file, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
}

/** `import x from "./a.js"`, `import "./a.js"`, `export * from "./a.js"` at the top of a chunk. */
const LEADING_STATIC_IMPORT = /^\s*(?:\/\*[\s\S]*?\*\/\s*|\/\/[^\n]*\n\s*)*(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?(["'`])([^"'`]+)\1\s*;?/;

export function staticImports(code: string): string[] {
  const out: string[] = [];
  let rest = code;
  for (;;) {
    const match = LEADING_STATIC_IMPORT.exec(rest);
    if (!match) return out;
    out.push(match[2]!);
    rest = rest.slice(match[0].length);
  }
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}\\s*=\\s*["']([^"']+)["']`).exec(tag)?.[1];
}

const toFile = (url: string) => url.replace(/^\//, '').split(/[?#]/)[0]!;

/** The chunks `roots` load before running: themselves and everything they import statically. */
export function staticClosure(distDir: string, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(distDir, file), 'utf8');
    for (const spec of staticImports(code)) {
      if (!spec.startsWith('.') && !spec.startsWith('/')) continue; // bare specifiers cannot load in a browser
      queue.push(spec.startsWith('/') ? toFile(spec) : posix.normalize(posix.join(posix.dirname(file), spec)));
    }
  }
  return seen;
}

/** Initial vs lazy JS of a vite build, from dist/index.html and the chunks' static imports. */
export function analyseBundle(distDir: string): BundleReport {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const roots: string[] = [];
  let entry = '';
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    const src = attr(tag, 'src');
    if (src && attr(tag, 'type') === 'module') {
      roots.push(src);
      entry ||= src;
    }
  }
  for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
    const href = attr(tag, 'href');
    if (href && attr(tag, 'rel') === 'modulepreload') roots.push(href);
  }
  if (!entry) throw new Error('dist/index.html has no <script type="module" src>');
  const seen = staticClosure(distDir, roots.map(toFile));
  const initial = [...seen].map((file) => sizeOf(distDir, file));
  const assets = readdirSync(join(distDir, 'assets')).map((f) => `assets/${f}`);
  const lazy = assets.filter((f) => f.endsWith('.js') && !seen.has(f)).map((f) => sizeOf(distDir, f));
  const css = assets.filter((f) => f.endsWith('.css')).map((f) => sizeOf(distDir, f));
  return { entry: toFile(entry), initial, initialGzipBytes: initial.reduce((a, c) => a + c.gzipBytes, 0), lazy, css };
}

/**
 * What a lazily loaded feature costs on first use: the chunk named `chunkName` with the static
 * imports the initial load does not already hold, and the .wasm files named `wasmName`.
 */
export function lazyFeatureSize(distDir: string, bundle: BundleReport, chunkName: string, wasmName: string) {
  const assets = readdirSync(join(distDir, 'assets')).map((f) => `assets/${f}`);
  const chunk = assets.find((f) => f.startsWith(`assets/${chunkName}-`) && f.endsWith('.js'));
  if (!chunk) throw new Error(`no ${chunkName} chunk in ${distDir}/assets`);
  const initial = new Set(bundle.initial.map((c) => c.file));
  const js = [...staticClosure(distDir, [chunk])].filter((f) => !initial.has(f)).map((f) => sizeOf(distDir, f));
  const wasm = assets.filter((f) => f.startsWith(`assets/${wasmName}-`) && f.endsWith('.wasm')).map((f) => sizeOf(distDir, f));
  const gzip = (files: ChunkSize[]) => files.reduce((sum, f) => sum + f.gzipBytes, 0);
  return { js, jsGzipBytes: gzip(js), wasmGzipBytes: gzip(wasm) };
}
