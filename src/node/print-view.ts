import type { Browser, Page } from 'playwright-core';
import { slideFinder } from '../deck/slide-index.ts';
import type { Deck, DeckWarning } from '../types.ts';
import { stopStalledLoading, type ResourceProblem } from './print-page.ts';

export interface PrintViewOptions {
  /** Every fragment step on a page of its own (PDF), or one page per slide with every fragment shown. */
  fragments: boolean;
  /** Speaker notes on a page after each slide. */
  notes: boolean;
  /** Bounds loading the page. */
  timeoutMs: number;
  /** Bounds reveal.js's print layout, which grows with the deck (default: timeoutMs). */
  layoutMs?: number;
  /** The window's size (reveal.js sizes slides given as percentages by it); Playwright's default otherwise. */
  viewport?: { width: number; height: number };
  /** No CSS transitions or animations: every slide as it looks at rest (the checks measure it). */
  still?: boolean;
  /** Closes the page, whenever it comes (waits on the page then fail). */
  signal?: AbortSignal;
  /** A blank page made ahead of time (the dev server keeps one for its next export), instead of a new one. */
  blank?: Page;
}

/**
 * A new page with a deck's page (served on 127.0.0.1) in reveal.js's print view, once laid out: every
 * slide at the deck's size, one under the other. `lectern pdf` prints it, `lectern check --render` and
 * `lectern dev` inspect it. The caller closes the page.
 */
export async function openPrintView(browser: Browser, url: string, options: PrintViewOptions): Promise<Page> {
  options.signal?.throwIfAborted();
  const page = options.blank ?? (await browser.newPage(options.viewport ? { viewport: options.viewport } : {}));
  options.signal?.addEventListener('abort', () => void page.close().catch(() => {}), { once: true });
  try {
    options.signal?.throwIfAborted();
    page.setDefaultTimeout(options.timeoutMs);
    if (options.still) {
      await page.addInitScript(() => {
        const still = new CSSStyleSheet();
        still.replaceSync('*, *::before, *::after { transition: none !important; animation: none !important; }');
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, still];
      });
    }
    const target = new URL(url);
    target.searchParams.set('view', 'print');
    target.searchParams.set('pdfSeparateFragments', String(options.fragments));
    target.searchParams.set('pdfMaxPagesPerSlide', '1');
    target.searchParams.set('showNotes', options.notes ? 'separate-page' : 'false');
    await loadDeckPage(page, target.href, { ready: 'print', timeoutMs: options.timeoutMs, layoutMs: options.layoutMs ?? options.timeoutMs });
    return page;
  } catch (error) {
    await page.close().catch(() => {});
    throw error;
  }
}

export interface DeckPageLoad {
  /** What ready means: reveal.js's print layout done ('print'), or the deck mounted ('slides'). */
  ready: 'print' | 'slides';
  /** Bounds the navigation and the page's own loading. */
  timeoutMs: number;
  /** Bounds reveal.js's layout, which grows with the deck. */
  layoutMs: number;
}

/**
 * Loads a deck's page into `page` (its other init scripts already added) and waits until reveal.js is
 * ready. Every export and render check opens its pages through here.
 */
export async function loadDeckPage(page: Page, url: string, { ready, timeoutMs, layoutMs }: DeckPageLoad): Promise<void> {
  // Functions sent to the page may carry esbuild's __name() helper (tsx keeps names): give it one.
  await page.addInitScript('globalThis.__name = (target) => target;');
  if (ready === 'print') await page.addInitScript(() => document.addEventListener('pdf-ready', () => ((window as unknown as { lecternPdfReady: boolean }).lecternPdfReady = true), true));
  // Not 'load': a stalled image would hold it; callers wait for images, each with the timeout.
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  // reveal.js lays out the print view once the page has loaded: a stalled image would hold it for good.
  const loaded = await page.waitForFunction(() => document.readyState === 'complete', null, { timeout: timeoutMs, polling: 50 }).then(() => true, () => false);
  if (!loaded) await page.evaluate(stopStalledLoading);
  // Polled by timer, not by animation frame: a frame of a 2,000-page print view takes seconds to paint.
  const polling = { timeout: layoutMs, polling: 50 };
  if (ready === 'print') await page.waitForFunction(() => (window as unknown as { lecternPdfReady?: boolean }).lecternPdfReady === true, null, polling);
  else await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady() === true, null, polling);
}

/**
 * Images and fonts that did not load, as warnings at their slide. `reported` holds the URLs the compile
 * already reported missing, with their line: they need no second report from the browser.
 */
export function resourceWarnings(deck: Deck, problems: readonly ResourceProblem[], timeoutMs: number, reported: ReadonlySet<string> = new Set()): DeckWarning[] {
  const find = slideFinder(deck);
  const warnings: DeckWarning[] = [];
  for (const problem of problems) {
    if (problem.reason === 'failed' && reported.has(problem.url)) continue;
    const found = problem.key ? find(problem.key) : null;
    warnings.push({
      code: problem.reason === 'timeout' ? 'resource-timeout' : 'resource-failed',
      file: deck.file,
      line: found?.slide.line ?? 1,
      message: `${found ? `slide ${found.number}` : 'deck'}: ${problem.url} ${problem.reason === 'timeout' ? `did not load within ${timeoutMs} ms` : 'could not be loaded'}`,
    });
  }
  return warnings;
}

/** The URLs a compile reported missing (`missing file 'x'`), which the browser will fail to load too. */
export function missingUrls(warnings: readonly DeckWarning[]): Set<string> {
  return new Set(warnings.filter((warning) => warning.code === 'missing-asset').map((warning) => warning.message.split("'")[1] ?? ''));
}
