import type { Page } from 'playwright-core';
import type { NumberedSlide } from '../deck/slide-index.ts';
import { titleOf } from '../deck/title.ts';
import type { Deck, DeckWarning } from '../types.ts';
import { finishPdf, type Bookmark } from './pdf-document.ts';
import { finishPrintLayout, layoutHandout, showPrintedPages, type PrintLayout } from './print-page.ts';

export interface PdfLayoutOptions {
  handout?: boolean;
  perPage?: 1 | 2 | 3 | 6;
  paper?: 'a4' | 'letter';
}

export interface PrintedPdf {
  bytes: Uint8Array;
  pages: number;
  /** Slides scaled to fit their page, a page count Chromium did not keep. */
  warnings: DeckWarning[];
}

/**
 * Pages per print call. Chromium's print time grows with the square of the pages laid out: 1,450 pages
 * took 13.9 s in one call, against 6 × 0.6 s in chunks of this size.
 */
export const PRINT_CHUNK_PAGES = 250;

/**
 * Prints a page that shows a deck in reveal.js's print view (laid out, its images and fonts waited for)
 * as Lectern's PDF: notes after the last fragment page, tall slides scaled to fit, handout sheets if
 * asked, tagged, with title, author and one bookmark per slide. `lectern pdf` and the dev server's
 * export both print through here. `slideOf` numbers slides as the author knows them (before --range).
 */
export async function printPdf(page: Page, deck: Deck, slideOf: (key: string) => NumberedSlide | null, options: PdfLayoutOptions, printing: (label: string) => void = () => {}): Promise<PrintedPdf> {
  const warnings: DeckWarning[] = [];
  let layout: PrintLayout = await page.evaluate(finishPrintLayout);
  for (const { key, percent } of layout.scaled) {
    const slide = slideOf(key);
    warnings.push({ code: 'slide-scaled', file: deck.file, line: slide?.slide.line ?? 1, message: `slide ${slide?.number ?? '?'} is taller than the page; scaled to ${percent}% to fit` });
  }
  if (options.handout) layout = await page.evaluate(layoutHandout, { perPage: options.perPage ?? 3, paper: options.paper ?? 'a4' });
  printing(`printing ${layout.pages.length} pages`);
  const parts = await printInChunks(page, layout.pages.length, (done) => printing(`printing pages ${done + 1}-${layout.pages.length}`));
  printing('adding outline and metadata');
  const finished = await finishPdf(parts, { title: titleOf(deck), author: deck.options.author, bookmarks: bookmarksOf(layout, slideOf) });
  if (finished.pages !== layout.pages.length) {
    warnings.push({ code: 'page-count', file: deck.file, line: 1, message: `expected ${layout.pages.length} pages, Chromium printed ${finished.pages}` });
  }
  return { bytes: finished.bytes, pages: finished.pages, warnings };
}

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
function bookmarksOf(layout: PrintLayout, slideOf: (key: string) => NumberedSlide | null): Bookmark[] {
  return layout.slidePages.map(({ key, page }) => {
    const found = slideOf(key);
    return { title: found?.slide.heading || `Slide ${found?.number ?? '?'}`, page };
  });
}
