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
    console.error(`lectern: ${formatError(error)}`);
    if (!(error instanceof LecternError)) console.error(error instanceof Error ? error.stack : error);
    process.exit(error instanceof LecternError && error.code === 'usage' ? 2 : 1);
  }
}

await main();
