import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { parseRange, selectSlides } from '../deck/range.ts';
import { LecternError } from '../errors.ts';
import { launchChromium } from '../node/chromium.ts';
import { createMermaidRenderer } from '../node/mermaid.ts';
import { withCleanup, withTempFolder } from '../node/interrupt.ts';
import { waitForResources } from '../node/print-page.ts';
import { loadDeckPage } from '../node/print-view.ts';
import { serveStatic } from '../node/static-server.ts';
import { slideFinder, type NumberedSlide } from '../deck/slide-index.ts';
import type { Deck, DeckWarning } from '../types.ts';
import { buildSite } from './build.ts';

/**
 * What every export (pdf, png, pptx) shares: the deck built into a temp folder (with --range applied),
 * served on 127.0.0.1, opened in one Chromium; images and fonts waited for and reported by slide.
 */
export interface ExportSettings {
  range?: string;
  /** Bounds every wait: loading the page, laying it out, each slide's images and fonts. */
  timeoutMs?: number;
  /** Fail when an image or font does not load, instead of exporting the slide as it is. */
  strict?: boolean;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
const PARALLEL_DECKS = 2;

/** Runs `exportOne` for every job, two decks at a time, through one Chromium started while the first decks compile. */
export async function runExports<J extends { deck: string }, R>(jobs: J[], browserPath: string | undefined, exportOne: (browser: Promise<Browser>, job: J) => Promise<R>): Promise<R[]> {
  const browser = launchChromium(browserPath);
  browser.catch(() => {}); // reported where it is awaited
  // Closed when the export ends, and when it is interrupted (with the decks' temp folders).
  return withCleanup(
    () => browser.then((started) => started.close(), () => {}),
    async () => {
      const results = new Map<J, R>();
      const queue = [...jobs];
      const worker = async () => {
        for (let job = queue.shift(); job; job = queue.shift()) results.set(job, await exportOne(browser, job));
      };
      await Promise.all(Array.from({ length: Math.min(PARALLEL_DECKS, jobs.length) }, worker));
      return jobs.map((job) => results.get(job)!);
    },
  );
}

/**
 * How long reveal.js may take to lay a deck out: --timeout bounds what the network can hold up, but the
 * layout is work that grows with the deck (1,000 slides take seconds, more on a busy machine).
 */
export function layoutTimeout(timeoutMs: number, slides: number): number {
  return timeoutMs + 100 * slides;
}

export interface PageSetup {
  /** The page's query: reveal.js reads its options from it (view=print, controls=false…). */
  query: Record<string, string>;
  /** When the page is ready: reveal.js's print layout done, or the deck mounted. */
  ready: 'print' | 'slides';
  /** Viewport and pixel ratio of the page (a browser context of its own). */
  context?: BrowserContextOptions;
  /** Also open a second page on the deck at once, beside the first (large decks print on both). */
  second?: boolean;
}

export interface OpenedDeck {
  name: string;
  /** The deck as published: --range applied. */
  deck: Deck;
  page: Page;
  /** Another page on the same deck, ready as the first (closed with it): to capture in parallel. */
  openPage: () => Promise<Page>;
  /** The second page the setup asked for, opening since the first did; null when it did not ask, or it failed. */
  second: Promise<Page | null> | null;
  /** The build's warnings, then what the browser found. */
  warnings: DeckWarning[];
  /** Files the deck reads (the deck, its images, stylesheets, scripts): an export must never replace one. */
  inputs: string[];
  /** A slide and its number in the whole deck (as --range numbers it), by key. */
  slideOf: (key: string) => NumberedSlide | null;
  /** How many slides the whole deck has (before --range). */
  slideCount: number;
  timeoutMs: number;
}

/**
 * Builds a deck into a temp folder, serves it and opens it in a page of its own, as `setup` asks for the
 * compiled deck; runs `use` on it, then closes everything. Failures other than Lectern's own are reported as `deck: export failed: reason`.
 */
export async function withDeckPage<R>(browserStarting: Promise<Browser>, deckFile: string, settings: ExportSettings, setup: (deck: Deck) => PageSetup, use: (opened: OpenedDeck) => Promise<R>): Promise<R> {
  const name = basename(deckFile);
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Named first, made inside withTempFolder: an interrupt at any moment finds it registered.
  const folder = join(tmpdir(), `lectern-export-${randomBytes(6).toString('hex')}`);
  return withTempFolder(
    folder,
    async () => {
      await mkdir(folder, { mode: 0o700 });
      let original: Deck | undefined;
      // Diagrams are drawn in the export's browser, on a page of their own.
      const diagrams = createMermaidRenderer({ browser: () => browserStarting });
      const site = await buildSite({
        target: deckFile,
        out: join(folder, 'site'),
        allowMissing: true,
        scratch: true,
        diagrams,
        transform: (deck) => {
          original = deck;
          return settings.range ? selectSlides(deck, rangeOf(settings.range, deck)) : deck;
        },
      }).finally(() => diagrams.close());
      const deck = site.decks[0]!;
      const options = setup(deck);
      const server = await serveStatic(join(folder, 'site'), '/');
      let context: Awaited<ReturnType<Browser['newContext']>> | undefined;
      try {
        const browser = await browserStarting;
        context = await browser.newContext(options.context ?? {});
        const openPage = async (): Promise<Page> => {
          const page = await context!.newPage();
          page.setDefaultTimeout(timeoutMs);
          await loadDeckPage(page, `${server.url}index.html?${new URLSearchParams(options.query)}`, { ready: options.ready, timeoutMs, layoutMs: layoutTimeout(timeoutMs, deck.stacks.flat().length) });
          return page;
        };
        // Opened together: their loads and layouts run in two renderers, on two cores.
        const second = options.second ? openPage().catch(() => null) : null;
        const page = await openPage();
        return await use({ name, deck, page, openPage, second, warnings: [...site.warnings], inputs: site.inputs, slideOf: slideFinder(original ?? deck), slideCount: (original ?? deck).stacks.flat().length, timeoutMs });
      } catch (error) {
        if (error instanceof LecternError) throw error;
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new LecternError('export', `${name}: export failed: ${reason}`);
      } finally {
        await context?.close().catch(() => {});
        await server.close();
      }
    },
  );
}

/**
 * Waits for every image and font of the page; adds what did not load to the warnings, by slide (files the
 * build already reported missing, with their line, are not reported twice). With --strict, fails instead.
 */
export async function checkResources(opened: OpenedDeck, strict: boolean | undefined): Promise<void> {
  const { deck, page, warnings, slideOf, timeoutMs, name } = opened;
  const reported = new Set(warnings.filter((w) => w.code === 'missing-asset').map((w) => w.message.split("'")[1]));
  for (const problem of await page.evaluate(waitForResources, timeoutMs)) {
    if (problem.reason === 'failed' && reported.has(problem.url)) continue;
    const slide = problem.key ? slideOf(problem.key) : null;
    // The line that names the file, else the slide's first line.
    const named = slide?.slide.assets.find((asset) => asset.url === problem.url);
    warnings.push({
      code: problem.reason === 'timeout' ? 'resource-timeout' : 'resource-failed',
      file: deck.file,
      line: named?.line ?? slide?.slide.line ?? 1,
      message: `${slide ? `slide ${slide.number}` : 'deck'}: ${problem.url} ${problem.reason === 'timeout' ? `did not load within ${timeoutMs} ms` : 'could not be loaded'}`,
    });
  }
  const unloaded = warnings.filter((w) => w.code === 'resource-timeout' || w.code === 'resource-failed');
  if (strict && unloaded.length > 0) {
    throw new LecternError('export', `${name}: ${unloaded.length} image${unloaded.length === 1 ? '' : 's'} or font${unloaded.length === 1 ? '' : 's'} did not load (--strict)`, undefined, unloaded);
  }
}

function rangeOf(range: string, deck: Deck): Set<number> {
  try {
    return parseRange(range, deck.stacks.flat().length);
  } catch (error) {
    throw new LecternError('usage', `--range: ${(error as Error).message}`);
  }
}
