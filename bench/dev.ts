import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { startDevServer } from '../src/commands/dev.ts';
import { armEvent } from '../e2e/helpers.ts';
import { generateDeck } from './generate.ts';
import { withCustomSeparators } from './separators.ts';
import { median } from './stats.ts';

const CLI = resolve(import.meta.dirname, '../bin/lectern.js');

async function tempDeck(slides: number, customSeparators = false): Promise<{ folder: string; file: string; source: string }> {
  const folder = await mkdtemp(join(tmpdir(), 'lectern-bench-'));
  const file = join(folder, 'deck.md');
  const source = customSeparators ? withCustomSeparators(generateDeck(slides)) : generateDeck(slides);
  await writeFile(file, source);
  return { folder, file, source };
}

/** From running `lectern dev deck.md` to the first slide shown in an already open browser. */
export async function benchColdStart(browser: Browser, slides: number, { lint = true }: { lint?: boolean } = {}): Promise<number> {
  const { folder, file } = await tempDeck(slides);
  const page = await browser.newPage();
  // A tab already open and idle, as the author's is: a new tab's renderer takes ~0.3 s of CPU to start.
  await page.bringToFront();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'dev', file, '--port', '0', ...(lint ? [] : ['--no-lint'])], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error('dev server did not start in 30 s')), 30_000);
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /(http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolveUrl(match[1]!);
        }
      });
      child.on('exit', (code) => reject(new Error(`lectern dev exited with ${code}`)));
    });
    await page.goto(url);
    await page.waitForSelector('.reveal.ready section.present', { state: 'visible' });
    return performance.now() - started;
  } finally {
    child.kill();
    await page.close();
    await rm(folder, { recursive: true, force: true });
  }
}

export interface LatencyResult {
  median: number;
  max: number;
  kept: boolean;
}

/**
/**
 * Save-to-painted latency when editing the slide that is shown (slide `target`, on its second fragment).
 * With `spacedMs`, saves come that far apart, so render checks (on unless `lint: false`) run between them;
 * `customSeparators`: the deck sets its own separators, which are checked in a worker on every save.
 */
export async function benchSaveLatency(browser: Browser, slides: number, target: number, { saves = 15, lint = true, spacedMs = 0, customSeparators = false }: { saves?: number; lint?: boolean; spacedMs?: number; customSeparators?: boolean } = {}): Promise<LatencyResult> {
  const { folder, file, source } = await tempDeck(slides, customSeparators);
  const server = await startDevServer({ target: file, logLevel: 'silent', port: 0, lint });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on('console', (m) => process.env['BENCH_DEBUG'] && console.log('page:', m.text()));
  page.on('pageerror', (e) => process.env['BENCH_DEBUG'] && console.log('pageerror:', e.message));
  try {
    await page.goto(server.url);
    await page.bringToFront(); // animation frames only run in the page in front
    await page.waitForSelector('.reveal.ready');
    const position = await page.evaluate((heading) => {
      const section = Array.from(document.querySelectorAll<HTMLElement>('section[data-lectern-key]')).find((s) => s.querySelector('h2')?.textContent === heading)!;
      const { h, v } = window.Reveal.getIndices(section);
      window.Reveal.slide(h, v, 1);
      return window.Reveal.getIndices();
    }, `Slide ${target}`);
    const latencies: number[] = [];
    let kept = true;
    for (let save = 1; save <= saves; save++) {
      if (spacedMs > 0) await new Promise((resolve) => setTimeout(resolve, spacedMs));
      const painted = await armEvent(page);
      const written = Date.now();
      await writeFile(file, source.replace(`## Slide ${target}\n`, `## Slide ${target} (edit ${save})\n`));
      latencies.push((await painted()) - written);
      const now = await page.evaluate(() => ({ ...window.Reveal.getIndices(), heading: window.Reveal.getCurrentSlide()?.querySelector('h2')?.textContent }));
      kept &&= now.h === position.h && now.v === position.v && now.f === position.f && now.heading === `Slide ${target} (edit ${save})`;
    }
    return { median: median(latencies), max: Math.max(...latencies), kept };
  } finally {
    await page.close();
    await server.close();
    await rm(folder, { recursive: true, force: true });
  }
}
