import type { Browser, Page } from 'playwright-core';
import { slideSize } from '../deck/export-plan.ts';
import { LecternError } from '../errors.ts';
import { captureSteps, showStep, usedFontFaces, type UsedFace } from '../node/capture-page.ts';
import { loadDeckPage } from '../node/print-view.ts';
import { serveStatic } from '../node/static-server.ts';
import type { Deck, DeckWarning } from '../types.ts';

export interface PageToLookAt {
  /** The page's path in the site. */
  page: string;
  deck: Deck;
}

export interface LookOptions {
  /** The faces each page uses, for --single-file. */
  fonts: boolean;
  /** A PNG of one slide per page, for og:image. */
  cards: boolean;
  /** Only for these pages (the others' cards are cached); default: every page. */
  cardsFor?: ReadonlySet<string>;
  /** The slide the card shows (1-based, vertical slides counted); default the first. */
  featuredSlide?: number;
  timeoutMs?: number;
}

export interface Looked {
  fonts: Map<string, UsedFace[] | null>;
  cards: Map<string, Buffer>;
  warnings: DeckWarning[];
}

/**
 * What `lectern build` needs a browser for, in one Chromium that started with the build: the faces each
 * page's slides use (a one-file page carries no others) and a social card. Without a Chromium, or when
 * it fails, the build goes on with a warning: the site is the same, less the card and the font pruning.
 */
export async function lookAtPages(site: string, pages: PageToLookAt[], options: LookOptions, browserStarting: Promise<Browser>): Promise<Looked> {
  const looked: Looked = { fonts: new Map(), cards: new Map(), warnings: [] };
  const left = [options.cards ? 'og:image left out' : '', options.fonts ? 'every font face kept' : ''].filter(Boolean).join(', ');
  const warn = (reason: string) => looked.warnings.push({ code: 'no-browser', file: pages[0]!.deck.file, line: 1, message: `${reason}: ${left}` });
  let browser: Browser;
  try {
    browser = await browserStarting;
  } catch (error) {
    warn(error instanceof LecternError ? error.message : `Chromium did not start (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    return looked;
  }
  const timeoutMs = options.timeoutMs ?? 10_000;
  const server = await serveStatic(site, '/');
  try {
    for (const { page: path, deck } of pages) {
      const open = async (viewport: { width: number; height: number }, query: Record<string, string>, use: (page: Page) => Promise<void>) => {
        const context = await browser.newContext({ viewport });
        try {
          const page = await context.newPage();
          page.setDefaultTimeout(timeoutMs);
          await loadDeckPage(page, `${server.url}${path}?${new URLSearchParams(query)}`, { ready: 'slides', timeoutMs, layoutMs: timeoutMs });
          await use(page);
        } finally {
          await context.close().catch(() => {});
        }
      };
      try {
        if (options.fonts) {
          // The print view lays out every slide with all its fragments: every face a slide needs loads.
          await open({ width: 1280, height: 720 }, { view: 'print', pdfSeparateFragments: 'false' }, async (page) => {
            await page.waitForSelector('.reveal .pdf-page', { state: 'attached' });
            looked.fonts.set(path, await page.evaluate(usedFontFaces, timeoutMs));
          });
        }
        if (options.cards && (options.cardsFor?.has(path) ?? true)) {
          const query = { controls: 'false', progress: 'false', transition: 'none', backgroundTransition: 'none', history: 'false', hash: 'false', help: 'false', autoSlide: '0' };
          await open(slideSize(deck.options.revealOptions), query, async (page) => {
            const steps = await page.evaluate(captureSteps, false);
            const step = steps[Math.min(steps.length, options.featuredSlide ?? 1) - 1];
            if (!step) return;
            await page.evaluate(showStep, { h: step.h, v: step.v, f: step.f, timeoutMs });
            await page.evaluate(() => document.fonts.ready.then(() => undefined));
            looked.cards.set(path, await page.screenshot({ type: 'png', animations: 'disabled', caret: 'hide' }));
          });
        }
      } catch (error) {
        warn(`${path}: the browser could not show the page (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
      }
    }
  } finally {
    await server.close();
  }
  return looked;
}
