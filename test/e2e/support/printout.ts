import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// Reading what the app prints the way a person would: the PDF's paper size, its text, and its
// barcodes decoded from a rendered image by zbarimg (zbar-tools) after pdftoppm (poppler-utils).

const run = promisify(execFile);

/** The command-line tools these helpers call, each with the Debian package that has it. */
export const PRINTOUT_TOOLS = { zbarimg: 'zbar-tools', pdftoppm: 'poppler-utils', pdftotext: 'poppler-utils' };

export const MM_IN_POINTS = 72 / 25.4;

export interface PageSize {
  width: number;
  height: number;
}

/** Each page's MediaBox in points, from the PDF bytes (Chromium writes page objects uncompressed). */
export function pdfPageSizes(pdf: Buffer): PageSize[] {
  const text = pdf.toString('latin1');
  const pages = text.match(/\/Type\s*\/Page\b/g)?.length ?? 0;
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/g)].map((box) => ({
    width: Number(box[3]) - Number(box[1]),
    height: Number(box[4]) - Number(box[2]),
  }));
  if (boxes.length !== pages) throw new Error(`${pages} pages but ${boxes.length} MediaBox entries: the PDF's layout is not the one expected`);
  return boxes;
}

export interface DecodedSymbol {
  /** zbar's name: "CODE-128", "QR-Code", … */
  type: string;
  data: string;
}

function withScratchDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'punchline-print-'));
  return work(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/** Every barcode zbarimg finds in a PNG or other image it reads. */
export function decodeImage(image: Buffer): Promise<DecodedSymbol[]> {
  return withScratchDir(async (dir) => {
    const file = join(dir, 'image.png');
    writeFileSync(file, image);
    return decodeImageFile(file);
  });
}

async function decodeImageFile(file: string): Promise<DecodedSymbol[]> {
  try {
    const { stdout } = await run('zbarimg', ['--quiet', file]);
    return stdout
      .split('\n')
      .filter((line) => line.includes(':'))
      .map((line) => ({ type: line.slice(0, line.indexOf(':')), data: line.slice(line.indexOf(':') + 1) }));
  } catch (error) {
    // zbarimg exits with 4 when the image holds no barcode at all.
    if ((error as { code?: number }).code === 4) return [];
    throw error;
  }
}

/** The barcodes on each page of the PDF, rendered at `dpi` as a printer would. */
export function decodePdfPages(pdf: Buffer, dpi = 300): Promise<DecodedSymbol[][]> {
  return withScratchDir(async (dir) => {
    writeFileSync(join(dir, 'printout.pdf'), pdf);
    await run('pdftoppm', ['-r', String(dpi), '-gray', '-png', join(dir, 'printout.pdf'), join(dir, 'page')]);
    // pdftoppm numbers pages page-1.png … (zero-padded when there are 10 or more).
    const pages = readdirSync(dir)
      .filter((name) => name.startsWith('page-'))
      .sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
    return Promise.all(pages.map((name) => decodeImageFile(join(dir, name))));
  });
}

/** The PDF's text, as pdftotext lays it out. */
export function pdfText(pdf: Buffer): Promise<string> {
  return withScratchDir(async (dir) => {
    writeFileSync(join(dir, 'printout.pdf'), pdf);
    const { stdout } = await run('pdftotext', ['-layout', join(dir, 'printout.pdf'), '-']);
    return stdout;
  });
}
