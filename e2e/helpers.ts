import { cp, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startDevServer, type DevServer } from '../src/commands/dev.ts';
import { formatError, formatWarning } from '../src/errors.ts';

/** The fixture talk: 9 stacks, 20 slides, 40 fragment steps, 14 missing images, tall slides (e2e/fixtures/talk.md). */
export const FIXTURE = new URL('./fixtures/talk.md', import.meta.url).pathname;

/** A temp folder with the given files; decks are always copies, never the originals. */
export async function tempFolder(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'lectern-e2e-'));
  for (const [name, content] of Object.entries(files)) await writeFile(join(folder, name), content);
  return folder;
}

export async function copyFixture(folder: string, name = 'talk.md'): Promise<string> {
  const file = join(folder, name);
  await cp(FIXTURE, file);
  return file;
}

export interface RunningDev extends DevServer {
  logs: string[];
}

/**
 * A dev server in this process, its warnings and errors in `logs`. Render checks are off unless asked
 * for: each would start a background Chromium beside the test's own (e2e/lint.spec.ts tests them).
 */
export async function dev(target: string, { lint = false }: { lint?: boolean } = {}): Promise<RunningDev> {
  const logs: string[] = [];
  const server = await startDevServer({
    target,
    logLevel: 'silent',
    port: 0,
    lint,
    report: {
      warnings: (_file, warnings) => logs.push(...warnings.map((warning) => `warn: ${formatWarning(warning)}`)),
      error: (_file, error) => logs.push(`error: ${formatError(error)}`),
    },
  });
  return { ...server, logs };
}

export async function removeFolder(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true });
}

/** Saves like editors that write a temp file and rename it over the deck. */
export async function atomicSave(file: string, content: string): Promise<void> {
  const temporary = `${file}.tmp-${process.pid}`;
  await writeFile(temporary, content);
  await rename(temporary, file);
}

export async function openDeck(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.bringToFront(); // animation frames only run in the page in front
  await page.waitForSelector('.reveal.ready');
}

/**
 * Starts listening in the page for the next `lectern:updated` (or `lectern:error`) event, and returns a
 * function that waits for it: the listener is in place before the caller touches the deck file.
 * For updates, the time is taken after the update has been painted (two animation frames).
 */
export async function armEvent(page: Page, name: 'lectern:updated' | 'lectern:error' = 'lectern:updated'): Promise<() => Promise<number>> {
  await page.evaluate((eventName) => {
    const slot = window as unknown as { lecternEvent?: number | null };
    slot.lecternEvent = null;
    document.addEventListener(
      eventName,
      () => requestAnimationFrame(() => requestAnimationFrame(() => (slot.lecternEvent = Date.now()))),
      { once: true },
    );
  }, name);
  return async () => {
    const handle = await page.waitForFunction(() => (window as unknown as { lecternEvent?: number | null }).lecternEvent ?? null, null, { timeout: 15_000 });
    return (await handle.jsonValue()) as number;
  };
}

export async function indices(page: Page): Promise<{ h: number; v: number; f: number | undefined }> {
  return page.evaluate(() => window.Reveal.getIndices());
}
