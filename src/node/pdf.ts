import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { parseRange, selectSlides } from '../deck/range.ts';
import { formatWarning, LecternError } from '../errors.ts';
import type { Deck } from '../types.ts';
import { titleOf } from '../vite/entry.ts';
import { buildSite } from './build.ts';
import { launchChromium } from './chromium.ts';
import { writeFileAtomic } from './files.ts';
import { finishPdf, type Bookmark } from './pdf-document.ts';
import { finishPrintLayout, layoutHandout, waitForResources, type PrintLayout } from './print-page.ts';
import { silentProgress, type Progress } from './progress.ts';
import { serveStatic } from './static-server.ts';

export interface PdfOptions {
  /** Every fragment step on its own page; default: the deck's revealOptions.pdfSeparateFragments (true). */
  fragments?: boolean;
  notes?: boolean;
  handout?: boolean;
  perPage?: 1 | 2 | 3 | 6;
  paper?: 'a4' | 'letter';
  range?: string;
  /** How long one slide's images and fonts may take before they are reported and skipped. */
  timeoutMs?: number;
}

export interface PdfJob {
  deck: string;
  output: string;
}

export interface PdfResult {
  deck: string;
  output: string;
  pages: number;
  warnings: string[];
}

/** The PDF path for a deck: `-o` when given, else the deck's name with .pdf beside it. */
export function defaultOutput(deck: string): string {
  return join(dirname(resolve(deck)), `${basename(deck, '.md')}.pdf`);
}

const PARALLEL_DECKS = 2;

/** `lectern pdf`: exports decks in parallel (a page each) through one Chromium. */
export async function exportPdfs(jobs: PdfJob[], options: PdfOptions, progress: Progress = silentProgress, browserPath?: string): Promise<PdfResult[]> {
  // The browser starts while the first decks compile.
  const browser = launchChromium(browserPath);
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
  const name = relative(process.cwd(), job.deck);
  const warnings: string[] = [];
  const folder = await mkdtemp(join(tmpdir(), 'lectern-pdf-'));
  try {
    progress.update(`${name}: compiling`, 0, 4);
    const site = await buildSite({
      target: job.deck,
      out: join(folder, 'site'),
      allowMissing: true,
      log: () => {},
      transform: (deck) => (options.range ? selectSlides(deck, parseRange(options.range, deck.stacks.flat().length)) : deck),
    });
    const deck = site.decks[0]!;
    for (const warning of site.warnings) warnings.push(formatWarning(warning, (file) => relative(process.cwd(), file), ''));
    // Files the build already reported missing (with their line) need no second report from the browser.
    const reported = site.warnings.filter((w) => w.code === 'missing-asset').map((w) => w.message);
    const slides = deck.stacks.flat();
    const fragments = options.handout ? false : (options.fragments ?? deck.options.revealOptions['pdfSeparateFragments'] !== false);
    const server = await serveStatic(join(folder, 'site'), '/');
    const browser = await browserStarting;
    const page = await browser.newPage();
    try {
      // Functions sent to the page may carry esbuild's __name() helper (tsx keeps names): give it one.
      await page.addInitScript('globalThis.__name = (target) => target;');
      await page.addInitScript(() => document.addEventListener('pdf-ready', () => ((window as unknown as { lecternPdfReady: boolean }).lecternPdfReady = true), true));
      const query = new URLSearchParams({
        view: 'print',
        pdfSeparateFragments: String(fragments),
        pdfMaxPagesPerSlide: '1',
        showNotes: options.notes && !options.handout ? 'separate-page' : 'false',
      });
      progress.update(`${name}: laying out ${slides.length} slides`, 1, 4);
      await page.goto(`${server.url}index.html?${query}`);
      await page.waitForFunction(() => (window as unknown as { lecternPdfReady?: boolean }).lecternPdfReady === true, null, { timeout: 60_000 });
      progress.update(`${name}: waiting for images and fonts`, 2, 4);
      const problems = await page.evaluate(waitForResources, options.timeoutMs ?? 10_000);
      const numberOf = slideNumbers(deck);
      for (const problem of problems) {
        if (problem.reason === 'failed' && reported.some((message) => message.includes(`'${problem.url}'`))) continue;
        const where = problem.key ? `slide ${numberOf.get(problem.key) ?? '?'}` : 'deck';
        warnings.push(`${name}: ${where}: ${problem.url} ${problem.reason === 'timeout' ? `did not load within ${options.timeoutMs ?? 10_000} ms` : 'could not be loaded'}`);
      }
      let layout: PrintLayout = await page.evaluate(finishPrintLayout);
      for (const { key, percent } of layout.scaled) warnings.push(`${name}: slide ${numberOf.get(key) ?? '?'} is taller than the page; scaled to ${percent}% to fit`);
      if (options.handout) layout = await page.evaluate(layoutHandout, { perPage: options.perPage ?? 3, paper: options.paper ?? 'a4' });
      progress.update(`${name}: printing ${layout.pages.length} pages`, 3, 4);
      const printed = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: false });
      progress.update(`${name}: adding outline and metadata`, 3, 4);
      const finished = await finishPdf(printed, { title: titleOf(deck), author: deck.options.author, bookmarks: bookmarksOf(deck, layout) });
      if (finished.pages !== layout.pages.length) {
        warnings.push(`${name}: expected ${layout.pages.length} pages, Chromium printed ${finished.pages}`);
      }
      await writeFileAtomic(job.output, finished.bytes);
      progress.update(`${name}: written`, 4, 4);
      return { deck: job.deck, output: job.output, pages: finished.pages, warnings };
    } finally {
      await page.close();
      await server.close();
    }
  } catch (error) {
    if (error instanceof LecternError) throw error;
    throw new LecternError('export', `${name}: export failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function slideNumbers(deck: Deck): Map<string, number> {
  return new Map(deck.stacks.flat().map((slide, index) => [slide.key, index + 1]));
}

/** One bookmark per slide, on the first page that shows it, titled by its first heading. */
function bookmarksOf(deck: Deck, layout: PrintLayout): Bookmark[] {
  const numberOf = slideNumbers(deck);
  const headings = new Map(deck.stacks.flat().map((slide) => [slide.key, slide.heading]));
  return layout.slidePages.map(({ key, page }) => ({ title: headings.get(key) || `Slide ${numberOf.get(key)}`, page }));
}
