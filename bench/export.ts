import { copyFile, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite } from '../src/commands/build.ts';
import { exportPngs, exportPptxs } from '../src/commands/images.ts';
import { generateDeck } from './generate.ts';

export interface ExportFigures {
  milliseconds: number;
  /** Images written, or PowerPoint slides. */
  count: number;
}

async function withDeck<T>(deck: { copyOf: string } | { slides: number }, run: (file: string, folder: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), 'lectern-bench-export-'));
  try {
    const file = join(folder, 'deck.md');
    if ('copyOf' in deck) await copyFile(deck.copyOf, file);
    else await writeFile(file, generateDeck(deck.slides));
    return await run(file, folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** One `lectern png` run (one image per slide), browser start included, as a user runs it. */
export function benchPng(deck: { copyOf: string } | { slides: number }): Promise<ExportFigures> {
  return withDeck(deck, async (file, folder) => {
    const started = performance.now();
    const [result] = await exportPngs([{ deck: file, folder }], {});
    return { milliseconds: performance.now() - started, count: result!.files.length };
  });
}

/** One `lectern pptx` run (one slide per slide), browser start included. */
export function benchPptx(deck: { copyOf: string } | { slides: number }): Promise<ExportFigures> {
  return withDeck(deck, async (file, folder) => {
    const started = performance.now();
    const [result] = await exportPptxs([{ deck: file, output: join(folder, 'deck.pptx') }], {});
    return { milliseconds: performance.now() - started, count: result!.slides };
  });
}

/** The size of `lectern build --single-file` for a deck, and how long it took. */
export function benchSingleFile(deck: { copyOf: string } | { slides: number }): Promise<{ bytes: number; milliseconds: number }> {
  return withDeck(deck, async (file, folder) => {
    const started = performance.now();
    const result = await buildSite({ target: file, out: join(folder, 'single'), singleFile: true, allowMissing: true });
    const milliseconds = performance.now() - started;
    return { bytes: (await stat(join(result.out, result.pages[0]!))).size, milliseconds };
  });
}
