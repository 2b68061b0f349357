import { basename, dirname, join, resolve } from 'node:path';
import type { PdfLayoutOptions } from '../node/print-pdf.ts';
import type { DeckWarning } from '../types.ts';
import type { ExportSettings } from './export-session.ts';
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
 * exported in parallel (a page each) through one Chromium. Each way loads only its own code: printing
 * through the preview needs neither Vite nor Playwright (loading them takes a second of CPU).
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
  const fresh = rest.length > 0 ? await (await import('./pdf-export.ts')).exportPdfsFromScratch(rest, options, progress, browserPath) : [];
  return jobs.map((job) => printed.get(job) ?? fresh[rest.indexOf(job)]!);
}
