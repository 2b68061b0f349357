import { basename, dirname, join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { titleOf } from '../deck/title.ts';
import { writeFileAtomic } from '../node/files.ts';
import { finishPdf, type Bookmark } from '../node/pdf-document.ts';
import { finishPrintLayout, layoutHandout, showPrintedPages, type PrintLayout } from '../node/print-page.ts';
import type { Deck, DeckWarning } from '../types.ts';
import { checkResources, runExports, withDeckPage, type ExportSettings, type OpenedDeck, type PageSetup } from './export-session.ts';
import { silentProgress, type Progress } from './progress.ts';

export interface PdfOptions extends ExportSettings {
  /** Every fragment step on its own page; default: the deck's revealOptions.pdfSeparateFragments (true). */
  fragments?: boolean;
  notes?: boolean;
  handout?: boolean;
  perPage?: 1 | 2 | 3 | 6;
  paper?: 'a4' | 'letter';
}

export interface PdfJob {
  deck: string;
  output: string;
}

export interface PdfResult {
  deck: string;
  output: string;
  pages: number;
  warnings: DeckWarning[];
}

/** The PDF path for a deck: the deck's name with .pdf beside it. */
export function defaultOutput(deck: string): string {
  return join(dirname(resolve(deck)), `${basename(deck, '.md')}.pdf`);
}

/** `lectern pdf`: exports decks in parallel (a page each) through one Chromium. */
export async function exportPdfs(jobs: PdfJob[], options: PdfOptions, progress: Progress = silentProgress, browserPath?: string): Promise<PdfResult[]> {
  return runExports(jobs, browserPath, (browser, job) => exportPdf(browser, job, options, progress));
}

async function exportPdf(browser: Promise<Browser>, job: PdfJob, options: PdfOptions, progress: Progress): Promise<PdfResult> {
  const name = basename(job.deck);
  progress.update(`${name}: compiling`, 0, 4);
  const setup = (deck: Deck): PageSetup => {
    const fragments = options.handout ? false : (options.fragments ?? deck.options.revealOptions['pdfSeparateFragments'] !== false);
    progress.update(`${name}: laying out ${deck.stacks.flat().length} slides`, 1, 4);
    const query = { view: 'print', pdfSeparateFragments: String(fragments), pdfMaxPagesPerSlide: '1', showNotes: options.notes && !options.handout ? 'separate-page' : 'false' };
    return { query, ready: 'print' };
  };
  return withDeckPage(browser, job.deck, options, setup, async (opened) => {
    const { deck, page, warnings, slideOf } = opened;
    progress.update(`${name}: waiting for images and fonts`, 2, 4);
    await checkResources(opened, options.strict);
    let layout: PrintLayout = await page.evaluate(finishPrintLayout);
    for (const { key, percent } of layout.scaled) {
      const slide = slideOf(key);
      warnings.push({ code: 'slide-scaled', file: deck.file, line: slide?.slide.line ?? 1, message: `slide ${slide?.number ?? '?'} is taller than the page; scaled to ${percent}% to fit` });
    }
    if (options.handout) layout = await page.evaluate(layoutHandout, { perPage: options.perPage ?? 3, paper: options.paper ?? 'a4' });
    progress.update(`${name}: printing ${layout.pages.length} pages`, 3, 4);
    const printed = await printInChunks(page, layout.pages.length, (done) => progress.update(`${name}: printing pages ${done + 1}-${layout.pages.length}`, 3, 4));
    progress.update(`${name}: adding outline and metadata`, 3, 4);
    const finished = await finishPdf(printed, { title: titleOf(deck), author: deck.options.author, bookmarks: bookmarksOf(deck, layout, slideOf) });
    if (finished.pages !== layout.pages.length) {
      warnings.push({ code: 'page-count', file: deck.file, line: 1, message: `expected ${layout.pages.length} pages, Chromium printed ${finished.pages}` });
    }
    await writeFileAtomic(job.output, finished.bytes);
    progress.update(`${name}: written`, 4, 4);
    return { deck: job.deck, output: job.output, pages: finished.pages, warnings };
  });
}

/**
 * Pages per print call. Chromium's print time grows with the square of the pages laid out: 1,450 pages
 * took 13.9 s in one call, against 4 × 0.6 s in chunks of this size.
 */
export const PRINT_CHUNK_PAGES = 250;

/** The page's print view as PDF parts of at most PRINT_CHUNK_PAGES pages, to merge (tags and all) in finishPdf. */
async function printInChunks(page: Page, pages: number, printing: (done: number) => void): Promise<Uint8Array[]> {
  const print = () => page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: false });
  if (pages <= PRINT_CHUNK_PAGES) return [await print()];
  const parts: Uint8Array[] = [];
  for (let start = 0; start < pages; start += PRINT_CHUNK_PAGES) {
    printing(start);
    await page.evaluate(showPrintedPages, { start, end: start + PRINT_CHUNK_PAGES });
    parts.push(await print());
  }
  await page.evaluate(showPrintedPages, { start: 0, end: pages });
  return parts;
}

/** One bookmark per slide, on the first page that shows it, titled by its first heading. */
function bookmarksOf(deck: Deck, layout: PrintLayout, slideOf: OpenedDeck['slideOf']): Bookmark[] {
  return layout.slidePages.map(({ key, page }) => {
    const found = slideOf(key);
    return { title: found?.slide.heading || `Slide ${found?.number ?? '?'}`, page };
  });
}
