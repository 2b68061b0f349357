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
export async function printPdf(
  page: Page,
  deck: Deck,
  slideOf: (key: string) => NumberedSlide | null,
  options: PdfLayoutOptions,
  printing: (label: string) => void = () => {},
  /** Another page in the same print view, to print half the chunks on (two renderers, two cores). */
  second: Promise<Page | null> | null = null,
): Promise<PrintedPdf> {
  const warnings: DeckWarning[] = [];
  let layout: PrintLayout = await page.evaluate(finishPrintLayout);
  for (const { key, percent } of layout.scaled) {
    const slide = slideOf(key);
    warnings.push({ code: 'slide-scaled', file: deck.file, line: slide?.slide.line ?? 1, message: `slide ${slide?.number ?? '?'} is taller than the page; scaled to ${percent}% to fit` });
  }
  if (options.handout) layout = await page.evaluate(layoutHandout, { perPage: options.perPage ?? 3, paper: options.paper ?? 'a4' });
  printing(`printing ${layout.pages.length} pages`);
  const helper = second === null || options.handout ? null : second.then(async (other) => {
    // Laid out the same way (same deck, same window): its pages are the first page's.
    if (other === null || (await other.evaluate(finishPrintLayout)).pages.length !== layout.pages.length) return null;
    return other;
  }).catch(() => null);
  const parts = await printInChunks([page, helper], layout.pages.length, (done) => printing(`printing pages ${done + 1}-${layout.pages.length}`));
  printing('adding outline and metadata');
  const finished = await finishPdf(parts, { title: titleOf(deck), author: deck.options.author, bookmarks: bookmarksOf(layout, slideOf) });
  if (finished.pages !== layout.pages.length) {
    warnings.push({ code: 'page-count', file: deck.file, line: 1, message: `expected ${layout.pages.length} pages, Chromium printed ${finished.pages}` });
  }
  return { bytes: finished.bytes, pages: finished.pages, warnings };
}

/**
 * The print view as PDF parts of at most PRINT_CHUNK_PAGES pages, in order, to merge (tags and all) in
 * finishPdf: chunks go to whichever page is free, the second page joining once it is laid out (if ever).
 */
async function printInChunks([first, second]: [Page, Promise<Page | null> | null], pages: number, printing: (done: number) => void): Promise<Uint8Array[]> {
  const print = (page: Page) => page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: false });
  if (pages <= PRINT_CHUNK_PAGES) return [await print(first)];
  const starts = Array.from({ length: Math.ceil(pages / PRINT_CHUNK_PAGES) }, (_, index) => index * PRINT_CHUNK_PAGES);
  const parts: Uint8Array[] = new Array(starts.length);
  let next = 0;
  const worker = async (page: Page | null) => {
    if (page === null) return;
    for (let index = next++; index < starts.length; index = next++) {
      printing(starts[index]!);
      await page.evaluate(showPrintedPages, { start: starts[index]!, end: starts[index]! + PRINT_CHUNK_PAGES });
      parts[index] = await print(page);
    }
  };
  await Promise.all([worker(first), second?.then(worker)]);
  await first.evaluate(showPrintedPages, { start: 0, end: pages });
  return parts;
}

/** One bookmark per slide, on the first page that shows it, titled by its first heading. */
function bookmarksOf(layout: PrintLayout, slideOf: (key: string) => NumberedSlide | null): Bookmark[] {
  return layout.slidePages.map(({ key, page }) => {
    const found = slideOf(key);
    return { title: found?.slide.heading || `Slide ${found?.number ?? '?'}`, page };
  });
}
