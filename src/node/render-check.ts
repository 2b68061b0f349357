import type { Browser, Page } from 'playwright-core';
import { enabledChecks, renderViewport, renderWarnings } from '../deck/lint.ts';
import { LecternError } from '../errors.ts';
import type { Deck, DeckWarning, SlideInspection } from '../types.ts';
import { launchChromium } from './chromium.ts';
import { waitForResources } from './print-page.ts';
import { openPrintView, resourceWarnings } from './print-view.ts';
import { inspectSlides } from './slide-inspection.ts';

export interface RenderCheckOptions {
  /** Bounds loading the page, laying it out, and each slide's images and fonts. */
  timeoutMs: number;
  /** URLs the compile already reported missing: not reported again. */
  reported?: ReadonlySet<string>;
  /** Stops the check (its page is closed): a newer version of the deck is on its way. */
  signal?: AbortSignal;
  /** Published URLs (a built site's `assets/x-hash.png`) → the URLs the deck wrote. */
  sourceUrls?: ReadonlyMap<string, string>;
}

/**
 * Renders a deck's page once (print view at the deck's size, every fragment shown), and returns what
 * the audience would see wrong: overflowing slides, characters no font draws, accessibility problems,
 * images and fonts that did not load. Each at its slide's line; checks the deck or slide turned off left out.
 */
export async function checkRenderedDeck(browser: Browser, url: string, deck: Deck, options: RenderCheckOptions): Promise<DeckWarning[]> {
  const checks = enabledChecks(deck);
  if (checks.length === 0) return [];
  let page: Page | undefined;
  try {
    page = await openPrintView(browser, url, {
      fragments: false,
      notes: false,
      timeoutMs: options.timeoutMs,
      viewport: renderViewport(deck.options.revealOptions),
      still: true,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const resources = await page.evaluate(waitForResources, options.timeoutMs);
    const inspections = JSON.parse(await page.evaluate(inspectSlides, { checks })) as SlideInspection[];
    const asWritten = (url: string) => options.sourceUrls?.get(url) ?? url;
    for (const inspection of inspections) inspection.images = inspection.images.map((image) => ({ ...image, src: asWritten(image.src) }));
    return [
      ...resourceWarnings(deck, resources.map((problem) => ({ ...problem, url: asWritten(problem.url) })), options.timeoutMs, options.reported),
      ...renderWarnings(deck, inspections),
    ];
  } catch (error) {
    options.signal?.throwIfAborted();
    if (error instanceof LecternError) throw error;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new LecternError('browser', `could not check the rendered slides: ${reason}`);
  } finally {
    await page?.close().catch(() => {});
  }
}

export interface RenderChecker {
  /** Starts the browser if it does not run; a LecternError('browser') when there is none to start. */
  start(): Promise<void>;
  /** Checks a deck's page; rejects with the signal's reason when aborted, a LecternError when it cannot check. */
  check(url: string, deck: Deck, options: RenderCheckOptions): Promise<DeckWarning[]>;
  /** The browser, started if it does not run (the dev server prints PDFs in it too). */
  browser(): Promise<Browser>;
  /** Closes the browser, if it was started. */
  close(): Promise<void>;
}

/**
 * A Chromium for checks in the background (`lectern dev`): started on the first check, not before, and
 * again if it went away.
 */
export function createRenderChecker(browserPath?: string): RenderChecker {
  let browser: Promise<Browser> | null = null;
  const started = (): Promise<Browser> => {
    if (browser === null) {
      const launching = launchChromium(browserPath).catch((error: unknown) => {
        if (error instanceof LecternError) throw error;
        throw new LecternError('browser', `Chromium did not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      });
      browser = launching;
      launching.then(
        (running) => running.on('disconnected', () => browser === launching && (browser = null)),
        () => browser === launching && (browser = null),
      );
    }
    return browser;
  };
  return {
    async start() {
      await started();
    },
    async check(url, deck, options) {
      return checkRenderedDeck(await started(), url, deck, options);
    },
    browser: started,
    async close() {
      const running = browser;
      browser = null;
      await running?.then((open) => open.close(), () => {});
    },
  };
}
