import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { removeFolder, tempFolder } from './helpers.ts';
import { readPdf } from './pdf-reader.ts';
import { run as runCli, startDev } from './cli-runner.ts';

/**
 * A separator that backtracks without end (issue 11): `(a+)+$` against a line of 40 `a` and a `b`
 * takes 2^40 steps. Every command must stop it, say so with file:line, and cut the deck with the
 * default separator instead. Each run is bounded: an unguarded one would take hours.
 */
const deck = (two = 'Two') => `---\ntitle: Trap\nseparator: '(a+)+$'\n---\n# One\n\n${'a'.repeat(40)}b\n\n---\n\n## ${two}\n`;
const WARNING = /sep\.md:3: separator-timeout: separator takes too long on this deck \(stopped after \d+ ms[^\n]*using the default separator '\\r\?\\n---\\r\?\\n'/;

let folder: string;
test.beforeEach(async () => {
  folder = await tempFolder({ 'sep.md': deck() });
});
test.afterEach(async () => {
  await removeFolder(folder);
});

test('check stops the separator, names its line, and counts the slides cut by the default one', async () => {
  const run = await runCli(['check', 'sep.md'], folder);
  expect(run.timedOut).toBe(false);
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(WARNING);
  expect(run.stdout).toContain('sep.md: 2 horizontal slides, 2 in all');
});

test('build and pdf finish with the warning and the deck cut by the default separator', async () => {
  const built = await runCli(['build', 'sep.md', '--out', 'site'], folder);
  expect(built.timedOut).toBe(false);
  expect(built.code).toBe(0);
  expect(built.stderr).toMatch(WARNING);
  expect((await readFile(join(folder, 'site', 'index.html'), 'utf8')).match(/<section data-lectern-key/g)).toHaveLength(2);

  const printed = await runCli(['pdf', 'sep.md', '-o', 'sep.pdf', '--no-fragments'], folder, { timeoutMs: 90_000 });
  expect(printed.timedOut).toBe(false);
  expect(printed.code).toBe(0);
  expect(printed.stderr).toMatch(WARNING);
  const pdf = await readPdf(join(folder, 'sep.pdf'));
  expect(pdf.pages).toBe(2);
  expect(pdf.texts[1]).toMatch(/two/i); // the theme sets headings in capitals
});

test('dev shows the deck, keeps answering while a save is checked, and stops on SIGTERM', async ({ page }) => {
  const server = await startDev(['sep.md', '--port', '0'], folder);
  try {
    await page.goto(server.url);
    await page.waitForSelector('.reveal.ready');
    expect(await page.evaluate(() => window.Reveal.getTotalSlides())).toBe(2);
    expect(server.output().stderr).toMatch(WARNING);

    await writeFile(join(folder, 'sep.md'), deck('Two, edited'));
    // Asked while the separator is being stopped: answered (bounded), the main thread is not stuck in it.
    const answer = await page.request.get(`${server.url}@vite/client`, { timeout: 5_000 });
    expect(answer.status()).toBe(200);
    await expect(page.locator('.reveal .slides h2')).toHaveText('Two, edited', { timeout: 20_000 });

    await writeFile(join(folder, 'sep.md'), deck('Two, again'));
    expect(await server.stop('SIGTERM', 10_000)).toBe(true);
  } finally {
    await server.stop('SIGKILL');
  }
});
