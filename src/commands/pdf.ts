import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parseRange, selectSlides } from '../deck/range.ts';
import { slideFinder } from '../deck/slide-index.ts';
import { titleOf } from '../deck/title.ts';
import { LecternError } from '../errors.ts';
import { launchChromium } from '../node/chromium.ts';
import { writeFileAtomic } from '../node/files.ts';
import { withCleanup } from '../node/interrupt.ts';
import { finishPdf, type Bookmark } from '../node/pdf-document.ts';
import { finishPrintLayout, layoutHandout, waitForResources, type PrintLayout } from '../node/print-page.ts';
import { missingUrls, openPrintView, resourceWarnings } from '../node/print-view.ts';
import { serveStatic } from '../node/static-server.ts';
import type { Deck, DeckWarning } from '../types.ts';
import { buildSite } from './build.ts';
import { silentProgress, type Progress } from './progress.ts';

export interface PdfOptions {
  /** Every fragment step on its own page; default: the deck's revealOptions.pdfSeparateFragments (true). */
  fragments?: boolean;
  notes?: boolean;
  handout?: boolean;
  perPage?: 1 | 2 | 3 | 6;
  paper?: 'a4' | 'letter';
  range?: string;
  /** Bounds every wait: loading the page, laying it out, each slide's images and fonts. */
  timeoutMs?: number;
  /** Fail when an image or font does not load, instead of printing the slide as it is. */
  strict?: boolean;
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

const PARALLEL_DECKS = 2;
const DEFAULT_TIMEOUT_MS = 10_000;

/** `lectern pdf`: exports decks in parallel (a page each) through one Chromium. */
export async function exportPdfs(jobs: PdfJob[], options: PdfOptions, progress: Progress = silentProgress, browserPath?: string): Promise<PdfResult[]> {
  // The browser starts while the first decks compile.
  const browser = launchChromium(browserPath);
  browser.catch(() => {}); // reported where it is awaited
  try {
    const results: PdfResult[] = [];
    const queue = [...jobs];
    const worker = async () => {
      for (let job = queue.shift(); job; job = queue.shift()) results.push(await exportPdf(browser, job, options, progress));
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_DECKS, jobs.length) }, worker));
    return jobs.map((job) => results.find((result) => result.deck === job.deck)!);
  } finally {
    await browser.then((started) => started.close(), () => {});
  }
}

async function exportPdf(browserStarting: Promise<Browser>, job: PdfJob, options: PdfOptions, progress: Progress): Promise<PdfResult> {
  const name = basename(job.deck);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const folder = await mkdtemp(join(tmpdir(), 'lectern-pdf-'));
  return withCleanup(
    () => rm(folder, { recursive: true, force: true }),
    async () => {
      progress.update(`${name}: compiling`, 0, 4);
      const site = await buildSite({
        target: job.deck,
        out: join(folder, 'site'),
        allowMissing: true,
        scratch: true,
        transform: (deck) => (options.range ? selectSlides(deck, rangeOf(options.range, deck)) : deck),
      });
      const deck = site.decks[0]!;
      const warnings: DeckWarning[] = [...site.warnings];
      const slides = deck.stacks.flat();
      const fragments = options.handout ? false : (options.fragments ?? deck.options.revealOptions['pdfSeparateFragments'] !== false);
      const server = await serveStatic(join(folder, 'site'), '/');
      let page: Page | undefined;
      try {
        progress.update(`${name}: laying out ${slides.length} slides`, 1, 4);
        page = await openPrintView(await browserStarting, `${server.url}index.html`, { fragments, notes: options.notes === true && !options.handout, timeoutMs });
        progress.update(`${name}: waiting for images and fonts`, 2, 4);
        // Files the build already reported missing (with their line) need no second report from the browser.
        warnings.push(...resourceWarnings(deck, await page.evaluate(waitForResources, timeoutMs), timeoutMs, missingUrls(site.warnings)));
        const unloaded = warnings.filter((w) => w.code === 'resource-timeout' || w.code === 'resource-failed');
        if (options.strict && unloaded.length > 0) {
          throw new LecternError('export', `${name}: ${unloaded.length} image${unloaded.length === 1 ? '' : 's'} or font${unloaded.length === 1 ? '' : 's'} did not load (--strict)`, undefined, unloaded);
        }
        const slideOf = slideFinder(deck);
        let layout: PrintLayout = await page.evaluate(finishPrintLayout);
        for (const { key, percent } of layout.scaled) {
          const slide = slideOf(key);
          warnings.push({ code: 'slide-scaled', file: deck.file, line: slide?.slide.line ?? 1, message: `slide ${slide?.number ?? '?'} is taller than the page; scaled to ${percent}% to fit` });
        }
        if (options.handout) layout = await page.evaluate(layoutHandout, { perPage: options.perPage ?? 3, paper: options.paper ?? 'a4' });
        progress.update(`${name}: printing ${layout.pages.length} pages`, 3, 4);
        const printed = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: false });
        progress.update(`${name}: adding outline and metadata`, 3, 4);
        const finished = await finishPdf(printed, { title: titleOf(deck), author: deck.options.author, bookmarks: bookmarksOf(deck, layout) });
        if (finished.pages !== layout.pages.length) {
          warnings.push({ code: 'page-count', file: deck.file, line: 1, message: `expected ${layout.pages.length} pages, Chromium printed ${finished.pages}` });
        }
        await writeFileAtomic(job.output, finished.bytes);
        progress.update(`${name}: written`, 4, 4);
        return { deck: job.deck, output: job.output, pages: finished.pages, warnings };
      } catch (error) {
        if (error instanceof LecternError) throw error;
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new LecternError('export', `${name}: export failed: ${reason}`);
      } finally {
        await page?.close().catch(() => {});
        await server.close();
      }
    },
  );
}

function rangeOf(range: string, deck: Deck): Set<number> {
  try {
    return parseRange(range, deck.stacks.flat().length);
  } catch (error) {
    throw new LecternError('usage', `--range: ${(error as Error).message}`);
  }
}

/** One bookmark per slide, on the first page that shows it, titled by its first heading. */
function bookmarksOf(deck: Deck, layout: PrintLayout): Bookmark[] {
  const slideOf = slideFinder(deck);
  return layout.slidePages.map(({ key, page }) => {
    const found = slideOf(key);
    return { title: found?.slide.heading || `Slide ${found?.number ?? '?'}`, page };
  });
}
