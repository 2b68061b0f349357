import { basename, join, resolve } from 'node:path';
import { cac } from 'cac';
import { closest } from '../deck/suggest.ts';
import { LecternError } from '../errors.ts';
import { wasInterrupted } from '../node/interrupt.ts';
import { createReporter, plural, type Reporter } from './reporter.ts';

const VERSION = '0.1.0';

function parsePort(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new LecternError('usage', `--port must be a number from 0 to 65535, not '${value}'`);
  return port;
}

interface ExportFlags {
  range?: string | number;
  timeout: string | number;
  strict?: boolean;
  browser?: string;
}

interface CaptureFlags extends ExportFlags {
  output?: string;
  fragments?: boolean;
  scale: string | number;
}

/** The options every export (pdf, png, pptx) takes. */
function addExportOptions<C extends { option: (name: string, description: string, config?: { default?: unknown }) => C }>(command: C): C {
  return command
    .option('--range <slides>', 'Only these slides, e.g. 3-7,10 (numbered as shown, vertical slides included)')
    .option('--timeout <ms>', 'How long loading the page, and each slide\'s images and fonts, may take', { default: 10000 })
    .option('--strict', 'Fail when an image or font does not load (default: report it and export the slide as it is)')
    .option('--browser <path>', "Chromium to use (else $LECTERN_CHROMIUM, a Playwright browser, the system's)");
}

function exportSettings(flags: ExportFlags): { range?: string; timeoutMs: number; strict: boolean } {
  const timeoutMs = Number(flags.timeout);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new LecternError('usage', `--timeout must be a number of milliseconds, not '${flags.timeout}'`);
  return { ...(flags.range !== undefined ? { range: String(flags.range) } : {}), timeoutMs, strict: flags.strict === true };
}

/** The command line, parsed with cac; each action gets the reporter the global flags ask for. */
function createCli(reporterFor: (warningsTo?: 'stdout' | 'stderr') => Reporter) {
  const cli = cac('lectern');
  cli.option('--quiet', 'Print only warnings and errors');

  cli
    .command('dev [deck]', 'Preview a deck (or a folder of decks) with live updates')
    .option('--port <port>', 'Port to listen on (default: 5173, or the next free one)')
    .option('--host <host>', 'Address to bind (default: 127.0.0.1)')
    .option('--open', 'Open the browser')
    .option('--no-lint', 'No render checks (overflow, missing glyphs, accessibility) in a background Chromium')
    .action(async (deck: string | undefined, flags: { port?: string; host?: string; open?: boolean; lint?: boolean }) => {
      const { startDevServer } = await import('./dev.ts');
      const reporter = reporterFor();
      const started = performance.now();
      const port = parsePort(flags.port);
      const server = await startDevServer({
        target: deck ?? '.',
        ...(port !== undefined ? { port } : {}),
        ...(flags.host ? { host: flags.host } : {}),
        open: flags.open === true,
        logLevel: 'warn',
        lint: flags.lint !== false,
        report: {
          warnings: (_file, warnings) => reporter.warnings(warnings),
          error: (_file, error) => void reporter.error(error),
          lint: (file, warnings) => (warnings.length > 0 ? reporter.warnings(warnings) : reporter.info(`${reporter.showPath(file)}: no problems in the rendered slides now`)),
          notice: (message) => reporter.notice(message),
        },
      });
      // Printed even with --quiet: it is what the command is for.
      process.stdout.write(`Lectern ready in ${Math.round(performance.now() - started)} ms: ${server.url}\n`);
      // Bounded: a close that waits on something (a request, the watcher) must not keep the server alive.
      const stop = () => {
        setTimeout(() => process.exit(0), 3000).unref();
        void server.close().finally(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  cli
    .command('build [deck]', 'Write a static site for a deck (or a folder of decks)')
    .option('--out <dir>', 'Output folder (default: dist)')
    .option('--base <path>', 'Public base path, e.g. /talks/ (default: relative, works under any path)')
    .option('--allow-missing', 'Warn about missing files instead of failing')
    .option('--single-file', 'One self-contained .html per deck (talk.md → talk.html): styles, scripts, fonts and images inlined')
    .option('--featured-slide <n>', 'The slide og:image shows (default 1; an absolute --base gives crawlers an absolute URL)')
    .action(async (deck: string | undefined, flags: { out?: string; base?: string; allowMissing?: boolean; singleFile?: boolean; featuredSlide?: string | number }) => {
      const { buildSite } = await import('./build.ts');
      const reporter = reporterFor();
      const started = performance.now();
      const result = await buildSite({
        target: deck ?? '.',
        out: flags.out ?? 'dist',
        ...(flags.base ? { base: flags.base } : {}),
        allowMissing: flags.allowMissing === true,
        singleFile: flags.singleFile === true,
        ...(flags.featuredSlide !== undefined ? { featuredSlide: Number(flags.featuredSlide) } : {}),
      });
      reporter.warnings(result.warnings);
      result.sizes.forEach((bytes, index) => reporter.info(`${reporter.showPath(join(result.out, result.pages[index]!))}: ${(bytes / 1024).toFixed(0)} kB`));
      reporter.info(`Built ${plural(result.pages.length, 'page')} and ${plural(result.assets, 'asset')} into ${reporter.showPath(result.out)} in ${Math.round(performance.now() - started)} ms`);
    });

  const pdf = cli
    .command('pdf [...decks]', 'Export decks to PDF with Chromium')
    .option('-o, --output <file>', 'Output file (one deck only; default: the deck name with .pdf beside it)')
    .option('--fragments', "One page per fragment step (default: the deck's pdfSeparateFragments, true)")
    .option('--no-fragments', 'One page per slide, all fragments shown')
    .option('--notes', 'Speaker notes on a page after each slide')
    .option('--handout', 'Slides with their notes, several per page')
    .option('--per-page <n>', 'Slides per handout page: 1, 2, 3 or 6', { default: 3 })
    .option('--paper <size>', 'Handout paper: a4 or letter', { default: 'a4' })
    .option('--no-preview', 'Export from scratch even when `lectern dev` serves the deck (by default it prints through it)');
  addExportOptions(pdf)
    .action(async (decks: string[], flags: ExportFlags & { output?: string; notes?: boolean; handout?: boolean; perPage: string | number; paper: string; preview?: boolean }) => {
      if (decks.length === 0) throw new LecternError('usage', 'missing deck — usage: lectern pdf <deck.md…> [-o out.pdf]');
      const { exportPdfs, defaultOutput } = await import('./pdf.ts');
      const { checkFileOutput } = await import('../node/outputs.ts');
      const { createProgress } = await import('./progress.ts');
      const reporter = reporterFor();
      if (flags.output && decks.length > 1) throw new LecternError('usage', '-o names one file: give one deck, or leave -o out to write each PDF beside its deck');
      const perPage = Number(flags.perPage);
      if (![1, 2, 3, 6].includes(perPage)) throw new LecternError('usage', `--per-page must be 1, 2, 3 or 6, not '${flags.perPage}'`);
      const paper = String(flags.paper).toLowerCase();
      if (paper !== 'a4' && paper !== 'letter') throw new LecternError('usage', `--paper must be a4 or letter, not '${flags.paper}'`);
      const settings = exportSettings(flags);
      const { findProjectRoot } = await import('../node/files.ts');
      for (const deck of decks) await findProjectRoot(deck); // no such deck: say so before starting a browser
      const jobs = decks.map((deck) => ({ deck, output: flags.output ?? defaultOutput(deck) }));
      // Before any work: no output may replace a deck, and each must be writable.
      for (const job of jobs) await checkFileOutput(job.output, decks, reporter.showPath);
      // cac turns a declared --no-fragments into a default of true; the deck's own setting must win instead.
      const fragments = process.argv.includes('--no-fragments') ? false : process.argv.includes('--fragments') ? true : undefined;
      const started = performance.now();
      const progress = createProgress();
      const results = await exportPdfs(
        jobs,
        {
          ...(fragments !== undefined ? { fragments } : {}),
          notes: flags.notes === true,
          handout: flags.handout === true,
          perPage: perPage as 1 | 2 | 3 | 6,
          paper,
          preview: flags.preview !== false,
          ...settings,
        },
        progress,
        flags.browser,
      );
      for (const result of results) {
        reporter.warnings(result.warnings);
        progress.done(`${reporter.showPath(result.output)}: ${plural(result.pages, 'page')}${result.preview ? ` (printed by the running preview at ${result.preview})` : ''}`);
      }
      reporter.info(`Exported ${plural(results.length, 'PDF')} in ${Math.round(performance.now() - started)} ms`);
    });

  cli
    .command('check [deck]', 'Compile a deck (or every deck of a folder) and list its problems')
    .option('--render', 'Also render the slides in Chromium: overflow, characters no font has, accessibility')
    .option('--timeout <ms>', 'With --render: how long loading the page, and each slide\'s images and fonts, may take', { default: 10000 })
    .option('--browser <path>', "With --render: Chromium to use (else $LECTERN_CHROMIUM, a Playwright browser, the system's)")
    .action(async (deck: string | undefined, flags: { render?: boolean; timeout: string | number; browser?: string }) => {
      if (deck === undefined) throw new LecternError('usage', 'missing deck — usage: lectern check <deck.md | folder>');
      const timeoutMs = Number(flags.timeout);
      if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new LecternError('usage', `--timeout must be a number of milliseconds, not '${flags.timeout}'`);
      const { checkDecks } = await import('./check.ts');
      const problems = await checkDecks(deck, reporterFor('stdout'), { render: flags.render === true, timeoutMs, ...(flags.browser ? { browser: flags.browser } : {}) });
      if (problems > 0) process.exitCode = 1;
    });
  // One command per output format, as `lectern pdf` is: each takes only the options that make sense for it.
  for (const format of ['png', 'pptx'] as const) {
    const command = cli
      .command(`${format} [...decks]`, format === 'png' ? 'Export each slide (or fragment step) as a PNG image' : 'Export decks to PowerPoint: each slide as a full-bleed image, with its notes')
      .option('-o, --output <path>', format === 'png' ? "Folder for the images (default: the deck's folder; talk.md → talk-001.png…)" : 'Output file (one deck only; default: the deck name with .pptx beside it)')
      .option('--fragments', format === 'png' ? 'One image per fragment step (talk-001-1.png…), not one per slide' : 'One PowerPoint slide per fragment step, not one per slide')
      .option('--scale <n>', 'Pixels per CSS pixel: 1 (the slide size, 960×700 by default) or 2', { default: 1 });
    addExportOptions(command).action(async (decks: string[], flags: CaptureFlags) => {
      if (decks.length === 0) throw new LecternError('usage', `missing deck — usage: lectern ${format} <deck.md…> [-o ${format === 'png' ? 'folder' : 'out.pptx'}]`);
      const { checkFileOutput, checkImageFolder } = await import('../node/outputs.ts');
      const { createProgress } = await import('./progress.ts');
      const images = await import('./images.ts');
      const reporter = reporterFor();
      const scale = Number(flags.scale);
      if (scale !== 1 && scale !== 2) throw new LecternError('usage', `--scale must be 1 or 2, not '${flags.scale}'`);
      const options = { ...exportSettings(flags), fragments: flags.fragments === true, scale: scale as 1 | 2 };
      const { findProjectRoot } = await import('../node/files.ts');
      for (const deck of decks) await findProjectRoot(deck); // no such deck: say so before starting a browser
      const started = performance.now();
      const progress = createProgress();
      if (format === 'png') {
        const jobs = decks.map((deck) => ({ deck, folder: resolve(flags.output ?? images.defaultPngFolder(deck)) }));
        for (const job of jobs) await checkImageFolder(job.folder, decks, reporter.showPath);
        const names = new Set<string>();
        for (const job of jobs) {
          const key = join(job.folder, basename(job.deck, '.md'));
          if (names.has(key)) throw new LecternError('usage', `two decks named ${basename(job.deck)} would write the same images into ${reporter.showPath(job.folder)}`);
          names.add(key);
        }
        const results = await images.exportPngs(jobs, options, progress, flags.browser);
        for (const result of results) {
          reporter.warnings(result.warnings);
          progress.done(`${reporter.showPath(result.files[0] ?? result.deck)}${result.files.length > 1 ? ` … ${basename(result.files.at(-1)!)}` : ''}: ${plural(result.files.length, 'image')}`);
        }
        reporter.info(`Exported ${plural(results.reduce((sum, result) => sum + result.files.length, 0), 'image')} in ${Math.round(performance.now() - started)} ms`);
      } else {
        if (flags.output && decks.length > 1) throw new LecternError('usage', '-o names one file: give one deck, or leave -o out to write each .pptx beside its deck');
        const jobs = decks.map((deck) => ({ deck, output: resolve(flags.output ?? images.defaultPptxOutput(deck)) }));
        for (const job of jobs) await checkFileOutput(job.output, decks, reporter.showPath);
        const results = await images.exportPptxs(jobs, options, progress, flags.browser);
        for (const result of results) {
          reporter.warnings(result.warnings);
          progress.done(`${reporter.showPath(result.output)}: ${plural(result.slides, 'slide')}`);
        }
        reporter.info(`Exported ${plural(results.length, 'PowerPoint file')} in ${Math.round(performance.now() - started)} ms`);
      }
    });
  }


  cli.command('new [dir]', 'Start a talk project: a package.json, a deck and an image').action(async (dir: string | undefined) => {
    const { scaffoldTalk } = await import('./new.ts');
    const reporter = reporterFor();
    const created = await scaffoldTalk(dir ?? 'my-talk');
    reporter.info(created.message);
  });

  cli.help();
  cli.version(VERSION);
  return cli;
}

/** A cac error (unknown option, missing argument) as one line naming the mistake. */
function usageError(error: Error, cli: ReturnType<typeof createCli>): LecternError {
  const unknown = /Unknown option `([^`]+)`/.exec(error.message);
  if (unknown) {
    const flag = unknown[1]!;
    const known = [...(cli.matchedCommand?.options ?? []), ...cli.globalCommand.options].flatMap((option) => option.rawName.split(/[ ,]+/).filter((part) => part.startsWith('-')));
    const suggestion = closest(flag, known);
    return new LecternError('usage', `unknown option ${flag}${suggestion ? `, did you mean ${suggestion}?` : ''} (see lectern ${cli.matchedCommandName ?? ''} --help)`.replace('  ', ' '));
  }
  const missing = /missing required args for command `([^`]+)`/.exec(error.message);
  if (missing) return new LecternError('usage', `missing argument — usage: lectern ${missing[1]}`);
  return new LecternError('usage', error.message);
}

async function main(): Promise<void> {
  const quiet = process.argv.includes('--quiet');
  const reporterFor = (warningsTo?: 'stdout' | 'stderr') => createReporter({ quiet, ...(warningsTo ? { warningsTo } : {}) });
  const cli = createCli(reporterFor);
  try {
    try {
      cli.parse(process.argv, { run: false });
    } catch (error) {
      throw error instanceof Error && error.name === 'CACError' ? usageError(error, cli) : error;
    }
    if (!cli.matchedCommand) {
      if (cli.args.length > 0) {
        const names = cli.commands.map((command) => command.name).filter(Boolean);
        const suggestion = closest(String(cli.args[0]), names);
        throw new LecternError('usage', `unknown command '${cli.args[0]}'${suggestion ? `, did you mean '${suggestion}'?` : ''} (see lectern --help)`);
      }
      if (!cli.options['help'] && !cli.options['version']) cli.outputHelp();
      return;
    }
    try {
      await cli.runMatchedCommand();
    } catch (error) {
      throw error instanceof Error && error.name === 'CACError' ? usageError(error, cli) : error;
    }
  } catch (error) {
    // Interrupted: the work failed because its cleanups ran (its browser closed); the signal ends the process.
    if (wasInterrupted()) return;
    process.exit(reporterFor().error(error));
  }
}

await main();
