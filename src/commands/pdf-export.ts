import { basename } from 'node:path';
import type { Browser } from 'playwright-core';
import { writeFileAtomic } from '../node/files.ts';
import { refuseInputAsOutput } from '../node/outputs.ts';
import { showPath } from '../node/paths.ts';
import { waitForResources } from '../node/print-page.ts';
import { printPdf, PRINT_CHUNK_PAGES } from '../node/print-pdf.ts';
import type { Deck } from '../types.ts';
import { checkResources, runExports, withDeckPage, type PageSetup } from './export-session.ts';
import type { PdfJob, PdfOptions, PdfResult } from './pdf.ts';
import type { Progress } from './progress.ts';
import { plural } from './reporter.ts';

/** Builds each deck into a temp folder, opens it in one Chromium (two decks at a time) and prints it. */
export async function exportPdfsFromScratch(jobs: PdfJob[], options: PdfOptions, progress: Progress, browserPath?: string): Promise<PdfResult[]> {
  return runExports(jobs, browserPath, (browser, job) => exportPdf(browser, job, options, progress));
}

async function exportPdf(browser: Promise<Browser>, job: PdfJob, options: PdfOptions, progress: Progress): Promise<PdfResult> {
  const name = basename(job.deck);
  progress.update(`${name}: compiling`, 0, 4);
  const setup = (deck: Deck): PageSetup => {
    const fragments = options.handout ? false : (options.fragments ?? deck.options.revealOptions['pdfSeparateFragments'] !== false);
    progress.update(`${name}: laying out ${plural(deck.stacks.flat().length, 'slide')}`, 1, 4);
    const query = { view: 'print', pdfSeparateFragments: String(fragments), pdfMaxPagesPerSlide: '1', showNotes: options.notes && !options.handout ? 'separate-page' : 'false' };
    // More pages than one print pass takes: print them on two pages at once.
    const pages = deck.stacks.flat().reduce((sum, slide) => sum + 1 + (fragments ? slide.fragments : 0) + (options.notes ? 1 : 0), 0);
    return { query, ready: 'print', second: !options.handout && pages > PRINT_CHUNK_PAGES };
  };
  return withDeckPage(browser, job.deck, options, setup, async (opened) => {
    const { deck, page, warnings, slideOf } = opened;
    await refuseInputAsOutput([job.output], opened.inputs, showPath);
    progress.update(`${name}: waiting for images and fonts`, 2, 4);
    await checkResources(opened, options.strict);
    // The second page prints what the first shows: its images and fonts loaded too (the first page reported any that did not).
    const second = opened.second?.then(async (other) => (other === null ? null : (await other.evaluate(waitForResources, opened.timeoutMs), other))) ?? null;
    const printed = await printPdf(page, deck, slideOf, options, (label) => progress.update(`${name}: ${label}`, 3, 4), second);
    await writeFileAtomic(job.output, printed.bytes);
    progress.update(`${name}: written`, 4, 4);
    return { deck: job.deck, output: job.output, pages: printed.pages, warnings: [...warnings, ...printed.warnings] };
  });
}
