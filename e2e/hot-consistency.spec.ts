import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { dev, indices, openDeck, removeFolder, tempFolder } from './helpers.ts';

/**
 * Hot updates stay consistent under any save pattern (issue 11): a deck read mid-write never becomes
 * the base of a diff, and a page handed a patch it cannot apply loads the whole deck again.
 */
let folder: string;
test.afterEach(async () => {
  await removeFolder(folder);
});

/** Every uncaught page error, and Lectern's console warnings, from now on. */
function watchPage(page: Page): { errors: string[]; warnings: string[] } {
  const seen = { errors: [] as string[], warnings: [] as string[] };
  page.on('pageerror', (error) => seen.errors.push(`${error.name}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') seen.errors.push(message.text());
    if (message.type() === 'warning' && message.text().startsWith('lectern:')) seen.warnings.push(message.text());
  });
  return seen;
}

/** Writes over the file in place (truncate, then chunks, no rename), as some editors and sync tools do. */
async function writeInPlace(file: string, content: string, chunkBytes: number, pauseMs: number): Promise<void> {
  const bytes = Buffer.from(content);
  const handle = await open(file, 'w');
  try {
    for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
      await handle.write(bytes, offset, Math.min(chunkBytes, bytes.length - offset));
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  } finally {
    await handle.close();
  }
}

/** A deck of `slides` slides of about 100 kB each; `version` is in the first heading and in every fifth slide. */
function bigDeck(slides: number, version: string): string {
  const filler = 'lorem ipsum dolor sit amet '.repeat(3700);
  const parts = [`# Deck ${version}\n`];
  for (let i = 1; i < slides; i++) parts.push(`## Slide ${i}${i % 5 === 0 ? ` ${version}` : ''}\n\n${filler}\n`);
  return parts.join('\n---\n\n');
}

test('a 20 MB deck written in place while the page is open: the page ends on the new deck, no TypeError', async ({ page }) => {
  test.setTimeout(240_000);
  folder = await tempFolder({ 'big.md': bigDeck(200, 'A') });
  const file = join(folder, 'big.md');
  const server = await dev(file);
  try {
    const seen = watchPage(page);
    await openDeck(page, server.url);
    await expect(page.locator('.reveal .slides h1').first()).toHaveText('Deck A', { timeout: 60_000 });
    // One slide more and a fifth of them edited: a patch with new slides and moved ones.
    await writeInPlace(file, bigDeck(201, 'B'), 1 << 20, 5);
    await expect(page.locator('.reveal .slides h1').first()).toHaveText('Deck B', { timeout: 120_000 });
    await expect.poll(() => page.evaluate(() => window.Reveal.getTotalSlides()), { timeout: 60_000 }).toBe(201);
    expect(await page.locator('.reveal .slides h2', { hasText: 'Slide 200 B' }).count()).toBe(1);
    expect(seen.errors).toEqual([]);
  } finally {
    await server.close();
  }
});

test('a hundred writes in place, ten milliseconds apart: the page ends on the last one, no TypeError', async ({ page }) => {
  const version = (n: number) => `# Saves\n\n---\n\n${Array.from({ length: 1 + (n % 7) }, (_, i) => `## Slide ${i} of save ${n}\n\ntext ${'x'.repeat(n * 50)}\n`).join('\n---\n\n')}`;
  folder = await tempFolder({ 'saves.md': version(0) });
  const file = join(folder, 'saves.md');
  const server = await dev(file);
  try {
    const seen = watchPage(page);
    await openDeck(page, server.url);
    for (let n = 1; n <= 100; n++) await writeInPlace(file, version(n), 1024, 0).then(() => new Promise((resolve) => setTimeout(resolve, 10)));
    await expect(page.locator('.reveal .slides h2').last()).toHaveText(`Slide ${100 % 7} of save 100`, { timeout: 30_000 });
    expect(await page.evaluate(() => window.Reveal.getTotalSlides())).toBe(1 + 1 + (100 % 7));
    expect(seen.errors).toEqual([]);
  } finally {
    await server.close();
  }
});

test('a patch the page cannot apply: the whole deck is loaded again, on the same slide, and the page says so once', async ({ page }) => {
  folder = await tempFolder({ 'talk.md': '# One\n\n---\n\n## Two\n\n---\n\n## Three\n' });
  const server = await dev(join(folder, 'talk.md'));
  try {
    const seen = watchPage(page);
    await openDeck(page, server.url);
    await page.evaluate(() => window.Reveal.slide(2));
    await page.evaluate(() => ((window as unknown as { beforeReload: boolean }).beforeReload = true));
    // An update computed against slides this page never had: it names a key that is neither shown nor sent.
    server.server.ws.send({ type: 'custom', event: 'lectern:update', data: { id: 'talk.md', update: { kind: 'slides', stacks: [['no-such-slide']], added: {}, renamed: {} } } });
    await page.waitForFunction(() => !(window as unknown as { beforeReload?: boolean }).beforeReload && document.querySelector('.reveal.ready') !== null, null, { timeout: 15_000 });
    await expect(page.locator('#lectern-error')).toContainText('could not apply a live update');
    await expect(page.locator('#lectern-error')).toContainText('reloaded the whole deck');
    expect((await indices(page)).h).toBe(2);
    expect(await page.evaluate(() => window.Reveal.getTotalSlides())).toBe(3);
    expect(seen.warnings).toHaveLength(1);
    expect(seen.errors).toEqual([]);
    // The next good update clears the note, as it clears any banner.
    await writeFile(join(folder, 'talk.md'), '# One\n\n---\n\n## Two\n\n---\n\n## Three, edited\n');
    await expect(page.locator('.reveal .slides h2').last()).toHaveText('Three, edited');
    await expect(page.locator('#lectern-error')).toHaveCount(0);
  } finally {
    await server.close();
  }
});
