import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { buildSite } from '../src/commands/build.ts';
import { formatError, LecternError } from '../src/errors.ts';
import { copyFixture, dev, openDeck, removeFolder, tempFolder } from './helpers.ts';
import { serveStatic } from '../src/node/static-server.ts';

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const assetDeck = `---
title: Assets deck
css: style.css
scripts: extra.js
---
# Images

![logo](img/logo.png)

<img srcset="img/logo.png 1x, img/logo-2x.png 2x" alt="srcset">

---

<!-- .slide: data-background-image="img/bg.png" style="border-image: url(img/bg.png)" -->

## Background

\`\`\`html
<img src="img/not-a-real-file.png">
\`\`\`

Point <!-- .element: class="fragment" -->
`;

async function assetFolder(): Promise<string> {
  const folder = await tempFolder({ 'assets.md': assetDeck, 'style.css': '.reveal h1 { background: url(img/bg.png); }', 'extra.js': 'window.extraLoaded = true;' });
  await mkdir(join(folder, 'img'));
  for (const name of ['logo.png', 'logo-2x.png', 'bg.png']) await writeFile(join(folder, 'img', name), PNG_1X1);
  return folder;
}

async function shown(page: Page) {
  return page.evaluate(() => ({
    slides: window.Reveal.getTotalSlides(),
    horizontal: window.Reveal.getHorizontalSlides().length,
    fragments: document.querySelectorAll('.reveal .slides .fragment').length,
    headings: Array.from(document.querySelectorAll('.reveal .slides section > h1, .reveal .slides section > h2')).map((h) => h.textContent),
  }));
}

test('a built folder shows the same slides and fragments as the dev server, under a base path, with no 404', async ({ page }) => {
  const folder = await assetFolder();
  await copyFixture(folder, 'talk.md');
  const out = join(folder, 'dist');
  try {
    const result = await buildSite({ target: folder, out, base: '/talks/', allowMissing: true });
    expect(result.pages.sort()).toEqual(['assets.html', 'talk.html']);
    expect(result.warnings.filter((w) => w.code === 'missing-asset').length).toBe(14);

    const server = await dev(folder);
    const viaDev: Record<string, unknown> = {};
    for (const name of ['talk', 'assets']) {
      await openDeck(page, new URL(`${name}.html`, server.url).href);
      viaDev[name] = await shown(page);
    }
    await server.close();

    const site = await serveStatic(out, '/talks/');
    try {
      await page.goto(site.url);
      await expect(page.locator('a', { hasText: 'Assets deck' })).toBeVisible();
      for (const name of ['talk', 'assets']) {
        await openDeck(page, `${site.url}${name}.html`);
        expect(await shown(page)).toEqual(viaDev[name]);
      }
      expect(await page.evaluate(() => (window as unknown as { extraLoaded?: boolean }).extraLoaded)).toBe(true);
      const logo = page.locator('img[alt="logo"]');
      expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
      expect(await page.locator('pre code').textContent()).toContain('img/not-a-real-file.png');
      // Only the fixture's own missing images (kept by --allow-missing) may 404.
      const missing = new Set(result.warnings.filter((w) => w.code === 'missing-asset').map((w) => w.message.split("'")[1]));
      expect(site.notFound.filter((path) => !missing.has(path.replace('/talks/', '')))).toEqual([]);
    } finally {
      await site.close();
    }
    // Section attributes are rewritten like element ones, CSS url() included.
    const builtPage = await readFile(join(out, 'assets.html'), 'utf8');
    expect(builtPage).toMatch(/data-background-image="assets\/bg-[0-9a-f]{8}\.png" style="border-image: url\(assets\/bg-[0-9a-f]{8}\.png\)"/);
    const files = await readdir(join(out, 'assets'));
    expect(files.filter((f) => f.endsWith('.png'))).toHaveLength(3);
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
  } finally {
    await removeFolder(folder);
  }
});

test('a missing image fails the build with file:line and leaves the previous site intact', async () => {
  const folder = await tempFolder({ 'deck.md': '# Title\n\n---\n\n## Two\n\n![gone](img/gone.png)\n' });
  const out = join(folder, 'dist');
  await mkdir(out);
  await writeFile(join(out, 'index.html'), 'previous site');
  await writeFile(join(out, '.lectern-build'), ''); // a site Lectern built before
  try {
    const error = await buildSite({ target: join(folder, 'deck.md'), out }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LecternError);
    expect(formatError(error)).toMatch(/deck\.md:7: missing-asset: missing file 'img\/gone\.png'/);
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('previous site');
    expect((await readdir(folder)).filter((name) => name.includes('lectern-'))).toEqual([]);
  } finally {
    await removeFolder(folder);
  }
});

test('refuses assets outside the project folder', async () => {
  const folder = await tempFolder({ 'deck.md': '# Title\n\n![secret](../../etc/passwd.png)\n' });
  try {
    const error = await buildSite({ target: join(folder, 'deck.md'), out: join(folder, 'dist') }).catch((e: unknown) => e);
    expect(formatError(error)).toMatch(/deck\.md:3: outside-project: '\.\.\/\.\.\/etc\/passwd\.png' is outside the project folder/);
  } finally {
    await removeFolder(folder);
  }
});
