import { basename, dirname, join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { writeFileAtomic } from '../node/files.ts';
import { printPdf, type PdfLayoutOptions } from '../node/print-pdf.ts';
import type { Deck, DeckWarning } from '../types.ts';
import { checkResources, runExports, withDeckPage, type ExportSettings, type PageSetup } from './export-session.ts';
import { silentProgress, type Progress } from './progress.ts';

export interface PdfOptions extends ExportSettings, PdfLayoutOptions {
  /** Every fragment step on its own page; default: the deck's revealOptions.pdfSeparateFragments (true). */
  fragments?: boolean;
  notes?: boolean;
  /**
   * Print through a running `lectern dev` that serves the deck (its compiled deck and warm browser), when
   * there is one: the CLI's default. Not with --range.
   */
  preview?: boolean;
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
  /** The dev server that printed it, if one did. */
  preview?: string;
}

/** The PDF path for a deck: the deck's name with .pdf beside it. */
export function defaultOutput(deck: string): string {
  return join(dirname(resolve(deck)), `${basename(deck, '.md')}.pdf`);
}

/**
 * `lectern pdf`: each deck through the running preview that serves it (with `preview`), the others
 * exported in parallel (a page each) through one Chromium.
 */
export async function exportPdfs(jobs: PdfJob[], options: PdfOptions, progress: Progress = silentProgress, browserPath?: string): Promise<PdfResult[]> {
  const printed = new Map<PdfJob, PdfResult>();
  if (options.preview) {
    const { printThroughPreview } = await import('./preview-client.ts');
    for (const job of jobs) {
      const result = await printThroughPreview(job, options, progress);
      if (result) printed.set(job, result);
    }
  }
  const rest = jobs.filter((job) => !printed.has(job));
  const fresh = rest.length > 0 ? await runExports(rest, browserPath, (browser, job) => exportPdf(browser, job, options, progress)) : [];
  return jobs.map((job) => printed.get(job) ?? fresh[rest.indexOf(job)]!);
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
    const printed = await printPdf(page, deck, slideOf, options, (label) => progress.update(`${name}: ${label}`, 3, 4));
    await writeFileAtomic(job.output, printed.bytes);
    progress.update(`${name}: written`, 4, 4);
    return { deck: job.deck, output: job.output, pages: printed.pages, warnings: [...warnings, ...printed.warnings] };
  });
}
