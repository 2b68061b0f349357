import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startDevServer } from '../src/commands/dev.ts';
import { compileDeckFile } from '../src/node/compile.ts';
import { createMermaidRenderer } from '../src/node/mermaid.ts';
import { armEvent } from '../e2e/helpers.ts';
import { median } from './stats.ts';

/** A deck of `count` slides, each with a diagram of its own: flowcharts and sequence diagrams in turn. */
export function generateDiagramDeck(count: number, edit = ''): string {
  const parts = ['---\ntitle: Diagrams\ntheme: white\nrevealOptions:\n  transition: none\n---\n'];
  for (let i = 1; i <= count; i++) {
    if (i > 1) parts.push('\n---\n');
    parts.push(`\n## Diagram ${i}\n\n`);
    parts.push(
      i % 2
        ? `\`\`\`mermaid\ngraph LR\n  A${i}[Request ${i}${i === 1 ? edit : ''}] --> B${i}{Cached?}\n  B${i} -->|yes| C${i}[Answer]\n  B${i} -->|no| D${i}[Compute] --> C${i}\n\`\`\`\n`
        : `\`\`\`mermaid\nsequenceDiagram\n  Client->>Server: request ${i}\n  Server-->>Client: answer ${i}\n\`\`\`\n`,
    );
  }
  return parts.join('');
}

export interface DiagramCompileFigures {
  /** Chromium and Mermaid started, the deck's diagrams drawn: what the first compile of a deck costs. */
  first: number;
  /** Renderer up, every diagram new (its text changed): drawing the 20. */
  redrawn: number;
  /** Renderer up, diagrams as last drawn: a compile after a save that touched no diagram. */
  warm: number;
}

/** Compile times of a `count`-diagram deck through compileDeckFile, as dev, build and check run it. */
export async function benchDiagramCompile(count: number, runs = 7): Promise<DiagramCompileFigures> {
  const folder = await mkdtemp(join(tmpdir(), 'lectern-bench-diagrams-'));
  const file = join(folder, 'deck.md');
  const diagrams = createMermaidRenderer();
  try {
    const compile = async (source: string) => {
      await writeFile(file, source);
      const started = performance.now();
      const { warnings } = await compileDeckFile(file, { root: folder, diagrams });
      if (warnings.length > 0) throw new Error(`bench deck has warnings: ${warnings[0]!.message}`);
      return performance.now() - started;
    };
    const first = await compile(generateDiagramDeck(count));
    const redrawn: number[] = [];
    const warm: number[] = [];
    for (let run = 0; run < runs; run++) {
      // Every diagram's text changes (a comment line), so none comes from the cache.
      redrawn.push(await compile(generateDiagramDeck(count).replaceAll('```mermaid\n', `\`\`\`mermaid\n%% run ${run}\n`)));
      warm.push(await compile(generateDiagramDeck(count).replaceAll('```mermaid\n', `\`\`\`mermaid\n%% run ${run}\n`)));
    }
    return { first, redrawn: median(redrawn), warm: median(warm) };
  } finally {
    await diagrams.close();
    await rm(folder, { recursive: true, force: true });
  }
}

/** Save-to-painted latency when one diagram of a `count`-diagram deck is edited, with its slide shown. */
export async function benchDiagramSave(browser: Browser, count: number, saves = 15): Promise<{ median: number; max: number }> {
  const folder = await mkdtemp(join(tmpdir(), 'lectern-bench-diagrams-'));
  const file = join(folder, 'deck.md');
  await writeFile(file, generateDiagramDeck(count));
  const server = await startDevServer({ target: file, logLevel: 'silent', port: 0 });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  try {
    // The first visit waits for Chromium and Mermaid to start and draw the deck.
    await page.goto(server.url, { timeout: 120_000 });
    await page.bringToFront(); // animation frames only run in the page in front
    await page.waitForSelector('.reveal.ready');
    const latencies: number[] = [];
    for (let save = 1; save <= saves; save++) {
      const painted = await armEvent(page);
      const written = Date.now();
      await writeFile(file, generateDiagramDeck(count, ` edit ${save}`));
      latencies.push((await painted()) - written);
      const shown = await page.evaluate(() => document.querySelector('section.present [data-lectern-diagram] svg')?.textContent ?? '');
      if (!shown.includes(`edit ${save}`)) throw new Error(`save ${save}: the edited diagram is not shown`);
    }
    return { median: median(latencies), max: Math.max(...latencies) };
  } finally {
    await page.close();
    await server.close();
    await rm(folder, { recursive: true, force: true });
  }
}
