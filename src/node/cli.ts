import { relative } from 'node:path';
import { cac } from 'cac';
import { formatError, LecternError } from '../errors.ts';

const cli = cac('lectern');

function parsePort(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new LecternError('usage', `--port must be a number from 0 to 65535, not '${value}'`);
  return port;
}

cli
  .command('dev [deck]', 'Preview a deck (or a folder of decks) with live updates')
  .option('--port <port>', 'Port to listen on (default: 5173, or the next free one)')
  .option('--host <host>', 'Address to bind (default: 127.0.0.1)')
  .option('--open', 'Open the browser')
  .action(async (deck: string | undefined, flags: { port?: string; host?: string; open?: boolean }) => {
    const { startDevServer } = await import('./dev.ts');
    const started = performance.now();
    const port = parsePort(flags.port);
    const server = await startDevServer({
      target: deck ?? '.',
      ...(port !== undefined ? { port } : {}),
      ...(flags.host ? { host: flags.host } : {}),
      open: flags.open === true,
      logLevel: 'warn',
    });
    console.log(`Lectern ready in ${Math.round(performance.now() - started)} ms: ${server.url}`);
  });

cli
  .command('build [deck]', 'Write a static site for a deck (or a folder of decks)')
  .option('--out <dir>', 'Output folder', { default: 'dist' })
  .option('--base <path>', 'Public base path, e.g. /talks/ (default: relative, works under any path)')
  .option('--allow-missing', 'Warn about missing images instead of failing')
  .action(async (deck: string | undefined, flags: { out: string; base?: string; allowMissing?: boolean }) => {
    const { buildSite } = await import('./build.ts');
    const started = performance.now();
    const result = await buildSite({
      target: deck ?? '.',
      out: flags.out,
      ...(flags.base ? { base: flags.base } : {}),
      allowMissing: flags.allowMissing === true,
    });
    console.log(`Built ${result.pages.length} page${result.pages.length === 1 ? '' : 's'} and ${result.assets} assets into ${flags.out} in ${Math.round(performance.now() - started)} ms`);
  });

cli
  .command('pdf <...decks>', 'Export decks to PDF with Chromium')
  .option('-o, --output <file>', 'Output file (one deck only; default: the deck name with .pdf beside it)')
  .option('--fragments', 'One page per fragment step (default: the deck\'s pdfSeparateFragments, true)')
  .option('--no-fragments', 'One page per slide, all fragments shown')
  .option('--notes', 'Speaker notes on a page after each slide')
  .option('--handout', 'Slides with their notes, several per page')
  .option('--per-page <n>', 'Slides per handout page: 1, 2, 3 or 6', { default: 3 })
  .option('--paper <size>', 'Handout paper: a4 or letter', { default: 'a4' })
  .option('--range <slides>', 'Only these slides, e.g. 3-7,10 (numbered as shown, vertical slides included)')
  .option('--timeout <ms>', 'How long a slide\'s images and fonts may take', { default: 10000 })
  .option('--browser <path>', 'Chromium to use (else $LECTERN_CHROMIUM, a Playwright browser, the system\'s)')
  .action(async (decks: string[], flags: { output?: string; notes?: boolean; handout?: boolean; perPage: string | number; paper: string; range?: string | number; timeout: string | number; browser?: string }) => {
    const { exportPdfs, defaultOutput } = await import('./pdf.ts');
    const { createProgress } = await import('./progress.ts');
    if (flags.output && decks.length > 1) throw new LecternError('usage', '-o names one file: give one deck, or leave -o out to write each PDF beside its deck');
    const perPage = Number(flags.perPage);
    if (![1, 2, 3, 6].includes(perPage)) throw new LecternError('usage', `--per-page must be 1, 2, 3 or 6, not '${flags.perPage}'`);
    const paper = String(flags.paper).toLowerCase();
    if (paper !== 'a4' && paper !== 'letter') throw new LecternError('usage', `--paper must be a4 or letter, not '${flags.paper}'`);
    const timeoutMs = Number(flags.timeout);
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new LecternError('usage', `--timeout must be a number of milliseconds, not '${flags.timeout}'`);
    // cac turns a declared --no-fragments into a default of true; the deck's own setting must win instead.
    const fragments = process.argv.includes('--no-fragments') ? false : process.argv.includes('--fragments') ? true : undefined;
    const started = performance.now();
    const progress = createProgress();
    const results = await exportPdfs(
      decks.map((deck) => ({ deck, output: flags.output ?? defaultOutput(deck) })),
      {
        ...(fragments !== undefined ? { fragments } : {}),
        notes: flags.notes === true,
        handout: flags.handout === true,
        perPage: perPage as 1 | 2 | 3 | 6,
        paper,
        ...(flags.range !== undefined ? { range: String(flags.range) } : {}),
        timeoutMs,
      },
      progress,
      flags.browser,
    );
    for (const result of results) {
      for (const warning of result.warnings) console.warn(`warning: ${warning}`);
      progress.done(`${result.output}: ${result.pages} pages`);
    }
    console.log(`Exported ${results.length} PDF${results.length === 1 ? '' : 's'} in ${Math.round(performance.now() - started)} ms`);
  });

cli.command('check <deck>', 'Compile a deck and list its warnings').action(async (deck: string) => {
  const { checkDeck } = await import('./check.ts');
  const problems = await checkDeck(deck);
  if (problems > 0) process.exitCode = 1;
});

cli.help();
cli.version('0.1.0');

async function main(): Promise<void> {
  try {
    cli.parse(process.argv, { run: false });
    if (!cli.matchedCommand) {
      if (cli.args.length > 0) throw new LecternError('usage', `unknown command '${cli.args[0]}' (see lectern --help)`);
      if (!cli.options['help'] && !cli.options['version']) cli.outputHelp();
      return;
    }
    await cli.runMatchedCommand();
  } catch (error) {
    console.error(`lectern: ${formatError(error, (file) => relative(process.cwd(), file) || file)}`);
    if (!(error instanceof LecternError)) console.error(error instanceof Error ? error.stack : error);
    process.exit(error instanceof LecternError && error.code === 'usage' ? 2 : 1);
  }
}

await main();
