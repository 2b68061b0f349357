import { mkdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { imageName, slideSize } from '../deck/export-plan.ts';
import { notesText } from '../deck/notes-text.ts';
import { titleOf } from '../deck/title.ts';
import { LecternError } from '../errors.ts';
import { captureSteps, showStep, stopAnimations, type CaptureStep } from '../node/capture-page.ts';
import { writeFileAtomic } from '../node/files.ts';
import { waitForResources } from '../node/print-page.ts';
import { checkFileOutput, refuseInputAsOutput } from '../node/outputs.ts';
import { showPath } from '../node/paths.ts';
import { buildPptx, type PptxSlide } from '../node/pptx-document.ts';
import type { Deck, DeckWarning } from '../types.ts';
import { checkResources, runExports, withDeckPage, type ExportSettings, type OpenedDeck, type PageSetup } from './export-session.ts';
import { silentProgress, type Progress } from './progress.ts';
import { plural } from './reporter.ts';

/** From this many images on, two pages capture side by side. */
const PARALLEL_FROM = 40;

export interface CaptureOptions extends ExportSettings {
  /** One image per fragment step instead of one per slide (all fragments shown). */
  fragments?: boolean;
  /** Device pixels per CSS pixel: 2 for sharp images on large screens. */
  scale?: 1 | 2;
}

/** One captured image: the slide's number in the whole deck, its step (null: one image per slide). */
interface Shot {
  number: number;
  step: number | null;
  maxSteps: number;
  png: Buffer;
  notes: string;
  heading: string;
}

/**
 * The slides as the audience sees them: the page at the deck's slide size (times `scale`), reveal.js
 * without controls, progress bar or transitions, every step shown in turn and captured.
 */
async function captureDeck(
  browser: Promise<Browser>,
  deckFile: string,
  options: CaptureOptions,
  progress: Progress,
  /** Before any capture, with every image's name known: where checks refuse outputs. */
  plan: (opened: OpenedDeck, shots: Omit<Shot, 'png'>[]) => Promise<void>,
  use: (shot: Shot, index: number, total: number) => Promise<void>,
): Promise<{ deck: Deck; warnings: DeckWarning[] }> {
  const name = basename(deckFile);
  progress.update(`${name}: compiling`, 0, 1);
  const setup = (deck: Deck): PageSetup => ({
    ready: 'slides',
    context: { viewport: slideSize(deck.options.revealOptions), deviceScaleFactor: options.scale ?? 1 },
    query: {
      controls: 'false',
      progress: 'false',
      transition: 'none',
      backgroundTransition: 'none',
      history: 'false',
      hash: 'false',
      fragmentInURL: 'false',
      help: 'false',
      autoSlide: '0',
      autoAnimate: 'false',
    },
  });
  return withDeckPage(browser, deckFile, options, setup, async (opened) => {
    const { deck, page, slideOf, timeoutMs, warnings } = opened;
    progress.update(`${name}: waiting for images and fonts`, 0, 1);
    await checkResources(opened, options.strict);
    const steps: CaptureStep[] = await page.evaluate(captureSteps, options.fragments === true);
    const maxSteps = Math.max(1, ...steps.map((step) => step.step));
    const shots = steps.map((step) => {
      const slide = slideOf(step.key);
      if (slide === null) throw new LecternError('export', `${name}: the page shows a slide the deck does not have`);
      return { number: slide.number, step: options.fragments ? step.step : null, maxSteps, notes: notesText(slide.slide.notesHtml), heading: slide.slide.heading };
    });
    await plan(opened, shots);
    const { width, height } = slideSize(deck.options.revealOptions);
    const clip = { x: 0, y: 0, width, height, scale: options.scale ?? 1 };
    let done = 0;
    /** Captures steps[from..to) in one page, in order: reveal.js has the next slides' backgrounds ready. */
    const captureRange = async (capturing: Page, from: number, to: number) => {
      await capturing.evaluate(stopAnimations);
      // Chromium's own screenshot call, tuned for speed (Playwright's adds waits of its own on each call).
      const cdp = await capturing.context().newCDPSession(capturing);
      for (let index = from; index < to; index++) {
        const step = steps[index]!;
        const problem = await capturing.evaluate(showStep, { h: step.h, v: step.v, f: step.f, timeoutMs });
        if (problem) {
          const slide = slideOf(step.key);
          warnings.push({
            code: problem.reason === 'timeout' ? 'resource-timeout' : 'resource-failed',
            file: deck.file,
            line: slide?.slide.line ?? 1,
            message: `slide ${slide?.number ?? '?'}: background ${problem.url} ${problem.reason === 'timeout' ? `did not load within ${timeoutMs} ms` : 'could not be loaded'}`,
          });
        }
        const { data } = await withTimeout(cdp.send('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true, clip }), timeoutMs, `${name}: the screenshot of slide ${shots[index]!.number}`);
        await use({ ...shots[index]!, png: Buffer.from(data, 'base64') }, index, steps.length);
        progress.update(`${name}: capturing ${plural(steps.length, 'image')}`, ++done, steps.length);
      }
    };
    // Long decks are captured in two pages at once: Chromium's rendering and encoding overlap.
    const half = steps.length >= PARALLEL_FROM ? Math.ceil(steps.length / 2) : steps.length;
    const second = async () => {
      const other = await opened.openPage();
      await other.evaluate(waitForResources, timeoutMs); // already reported from the first page
      await captureRange(other, half, steps.length);
    };
    await Promise.all([captureRange(page, 0, half), ...(half < steps.length ? [second()] : [])]);
    return { deck, warnings };
  });
}

/** A promise that fails with a LecternError after `timeoutMs`. */
async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new LecternError('export', `${what} took longer than ${timeoutMs} ms`)), timeoutMs)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface PngJob {
  deck: string;
  /** The folder the images go to. */
  folder: string;
}

export interface PngResult {
  deck: string;
  files: string[];
  warnings: DeckWarning[];
}

/** The default PNG folder: the deck's own (talk.md → talk-001.png… beside it). */
export function defaultPngFolder(deck: string): string {
  return dirname(resolve(deck));
}

/** `lectern png`: one image per slide (or fragment step) of each deck, written atomically one by one. */
export async function exportPngs(jobs: PngJob[], options: CaptureOptions, progress: Progress = silentProgress, browserPath?: string): Promise<PngResult[]> {
  const decks = jobs.map((job) => job.deck);
  return runExports(jobs, browserPath, async (browser, job) => {
    const deckName = basename(job.deck, '.md');
    const files: string[] = [];
    let names: string[] = [];
    await mkdir(job.folder, { recursive: true });
    const { warnings } = await captureDeck(
      browser,
      job.deck,
      options,
      progress,
      async (opened, shots) => {
        names = shots.map((shot) => join(job.folder, imageName(deckName, shot.number, shot.step, opened.slideCount, shot.maxSteps)));
        await refuseInputAsOutput(names, opened.inputs, (path) => path, 'choose another folder with -o');
        for (const file of names) await checkFileOutput(file, decks, (path) => path);
      },
      async (shot, index) => {
        const file = names[index]!;
        await writeFileAtomic(file, shot.png);
        files.push(file);
      },
    );
    progress.update(`${basename(job.deck)}: written`, 1, 1);
    return { deck: job.deck, files, warnings };
  });
}

export interface PptxJob {
  deck: string;
  output: string;
}

export interface PptxResult {
  deck: string;
  output: string;
  slides: number;
  warnings: DeckWarning[];
}

/** The PowerPoint path for a deck: the deck's name with .pptx beside it. */
export function defaultPptxOutput(deck: string): string {
  return join(dirname(resolve(deck)), `${basename(deck, '.md')}.pptx`);
}

/** `lectern pptx`: one PowerPoint slide per reveal.js slide (or fragment step), the rendered slide full-bleed, with its notes. */
export async function exportPptxs(jobs: PptxJob[], options: CaptureOptions, progress: Progress = silentProgress, browserPath?: string): Promise<PptxResult[]> {
  return runExports(jobs, browserPath, async (browser, job) => {
    const slides: PptxSlide[] = [];
    const { deck, warnings } = await captureDeck(browser, job.deck, options, progress, (opened) => refuseInputAsOutput([job.output], opened.inputs, showPath), async (shot, index) => void (slides[index] = { png: shot.png, notes: shot.notes, altText: `Slide ${shot.number}${shot.heading ? `: ${shot.heading}` : ''}` }));
    progress.update(`${basename(job.deck)}: writing ${slides.length} slides`, 1, 1);
    const { width, height } = slideSize(deck.options.revealOptions);
    const bytes = await buildPptx({ title: titleOf(deck), author: deck.options.author, width, height, slides });
    await writeFileAtomic(job.output, bytes);
    return { deck: job.deck, output: job.output, slides: slides.length, warnings };
  });
}
