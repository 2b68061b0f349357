import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { startDevServer } from '../src/commands/dev.ts';
import { generateDeck } from './generate.ts';
import { median } from './stats.ts';

const CLI = resolve(import.meta.dirname, '../bin/lectern.js');

/** `lectern check --render deck.md`, as a user runs it: one warm-up run, then the median of `runs`. */
export async function benchCheckRender(slides: number, runs: number): Promise<{ median: number; warnings: number }> {
  const folder = await mkdtemp(join(tmpdir(), 'lectern-bench-check-'));
  try {
    await writeFile(join(folder, 'deck.md'), generateDeck(slides));
    const times: number[] = [];
    let warnings = 0;
    for (let run = 0; run <= runs; run++) {
      const started = performance.now();
      const output = await runCli(['check', 'deck.md', '--render'], folder);
      if (run > 0) times.push(performance.now() - started);
      warnings = output.split('\n').filter((line) => /^deck\.md:\d+:/.test(line)).length;
    }
    return { median: median(times), warnings };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function runCli(args: string[], cwd: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    const timer = setTimeout(() => child.kill(), 120_000);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      // 1: the deck has problems (the generated deck's links say "link"); anything else is a failure.
      if (code === 0 || code === 1) resolvePromise(output);
      else reject(new Error(`lectern ${args.join(' ')} exited with ${code}`));
    });
  });
}

/**
 * `lectern dev` with its background checks warm (browser started, deck checked once): from a save to
 * the problems listed in the page, 500 ms of quiet time after the save included.
 */
export async function benchDevCheck(browser: Browser, slides: number, saves: number): Promise<{ median: number; max: number }> {
  const folder = await mkdtemp(join(tmpdir(), 'lectern-bench-lint-'));
  const file = join(folder, 'deck.md');
  const source = generateDeck(slides);
  await writeFile(file, source);
  const server = await startDevServer({ target: file, logLevel: 'silent', port: 0 });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  try {
    const listed = () =>
      page.evaluate(
        () =>
          new Promise<number>((resolveEvent, reject) => {
            const timer = setTimeout(() => reject(new Error('no render check result within 60 s')), 60_000);
            document.addEventListener('lectern:lint', () => (clearTimeout(timer), resolveEvent(Date.now())), { once: true });
          }),
      );
    await page.goto(server.url);
    await page.waitForSelector('.reveal.ready');
    // The browser has started and checked the deck once (the generated deck's "link" links are problems).
    await page.waitForSelector('#lectern-lint', { timeout: 60_000 });
    const times: number[] = [];
    for (let save = 1; save <= saves; save++) {
      const next = listed();
      await page.waitForFunction(() => true); // the listener is in place
      const written = Date.now();
      await writeFile(file, source.replace('## Slide 2\n', `## Slide 2 (edit ${save})\n`));
      times.push((await next) - written);
    }
    return { median: median(times), max: Math.max(...times) };
  } finally {
    await page.close();
    await server.close();
    await rm(folder, { recursive: true, force: true });
  }
}
