import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportPdfs, type PdfOptions } from '../src/commands/pdf.ts';
import { generateDeck } from './generate.ts';

export interface PdfFigures {
  milliseconds: number;
  pages: number;
}

/** One `lectern pdf` run on a deck, browser start included, as a user runs it. */
export async function benchPdf(deck: { copyOf: string } | { slides: number }, options: PdfOptions = {}): Promise<PdfFigures> {
  const folder = await mkdtemp(join(tmpdir(), 'lectern-bench-pdf-'));
  try {
    const file = join(folder, 'deck.md');
    if ('copyOf' in deck) await copyFile(deck.copyOf, file);
    else await writeFile(file, generateDeck(deck.slides));
    const started = performance.now();
    const [result] = await exportPdfs([{ deck: file, output: join(folder, 'deck.pdf') }], options);
    return { milliseconds: performance.now() - started, pages: result!.pages };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
