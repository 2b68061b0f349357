import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { buildSite } from '../src/commands/build.ts';
import { exportPdfs } from '../src/commands/pdf.ts';
import { serveStatic } from '../src/node/static-server.ts';
import { dev, openDeck, removeFolder, tempFolder } from './helpers.ts';
import { readPdfFonts } from './pdf-reader.ts';

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** A small talk with what travels badly: a theme with web fonts, an image, notes, fragments, a vertical stack. */
const talk = `---
title: Travelling talk
author: Grace Hopper
theme: solarized
scripts: extra.js
---
# Travelling talk

![logo](img/logo.png)

Note: Welcome everyone to the travelling talk.

---

## Fragments

- first <!-- .element: class="fragment" -->
- *second* <!-- .element: class="fragment" -->
- **third** <!-- .element: class="fragment" -->

Note: Three points, one at a time.

----

## Below

Vertical slide.

---

## Last

Thank you.
`;

async function talkFolder(): Promise<string> {
  const folder = await tempFolder({ 'talk.md': talk, 'extra.js': 'window.extraLoaded = true;' });
  await mkdir(join(folder, 'img'));
  await writeFile(join(folder, 'img', 'logo.png'), PNG_1X1);
  return folder;
}

/**
 * Blocks every request that would leave the machine (the tests' servers are on 127.0.0.1), and records
 * each URL the page asked for, file:// included.
 */
async function offline(context: BrowserContext): Promise<{ requested: string[]; blocked: string[] }> {
  const seen = { requested: [] as string[], blocked: [] as string[] };
  context.on('request', (request) => seen.requested.push(request.url()));
  await context.route('**', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'file:' || url.protocol === 'data:' || url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue();
    seen.blocked.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  return seen;
}

async function counts(page: Page) {
  return page.evaluate(() => ({
    slides: window.Reveal.getTotalSlides(),
    horizontal: window.Reveal.getHorizontalSlides().length,
    fragments: document.querySelectorAll('.reveal .slides .fragment').length,
    logo: (document.querySelector('img[alt="logo"]') as HTMLImageElement | null)?.naturalWidth ?? 0,
    extra: (window as unknown as { extraLoaded?: boolean }).extraLoaded === true,
  }));
}

/** The theme's faces once every font has settled: 'Lato 400 normal: loaded'… */
async function loadedFaces(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    await document.fonts.ready;
    return Array.from(document.fonts)
      .filter((face) => face.status !== 'unloaded')
      .map((face) => `${face.family.replace(/"/g, '')} ${face.weight} ${face.style}: ${face.status}`)
      .sort();
  });
}

/** Each expected face loaded, and no face failed or still loading. */
function expectFonts(faces: string[], expected: string[]): void {
  expect(faces).toEqual(expect.arrayContaining(expected.map((face) => `${face}: loaded`)));
  expect(faces.filter((face) => !face.endsWith(': loaded'))).toEqual([]);
}

/** Opens the speaker view (S), and returns the notes it shows once connected. */
async function speakerNotes(page: Page): Promise<Page> {
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
  await popup.waitForLoadState();
  await expect(popup.locator('#connection-status')).toBeHidden();
  return popup;
}

let folder: string;
test.beforeEach(async () => {
  folder = await talkFolder();
});
test.afterEach(async () => {
  await removeFolder(folder);
});

test('a built site opens from file:// as over HTTP, its speaker view too, with nothing fetched from the web', async ({ page, context }) => {
  const seen = await offline(context);
  const out = join(folder, 'dist');
  await buildSite({ target: join(folder, 'talk.md'), out });
  const html = await readFile(join(out, 'index.html'), 'utf8');
  expect(html).not.toMatch(/type="module"|crossorigin/);

  const site = await serveStatic(out, '/');
  let overHttp;
  try {
    await openDeck(page, site.url);
    overHttp = await counts(page);
  } finally {
    await site.close();
  }
  expect(overHttp).toEqual({ slides: 4, horizontal: 3, fragments: 3, logo: 1, extra: true });

  await openDeck(page, pathToFileURL(join(out, 'index.html')).href);
  expect(await counts(page)).toEqual(overHttp);
  expectFonts(await loadedFaces(page), ['League Gothic 400 normal', 'Lato 400 normal']);
  // The social card: the first slide as og:image, beside the page.
  expect(html).toContain('<meta property="og:image" content="card.png">');
  expect(html).toContain('<meta property="og:title" content="Travelling talk">');
  expect((await readFile(join(out, 'card.png'))).subarray(16, 24)).toEqual(Buffer.from([0, 0, 3, 0xc0, 0, 0, 2, 0xbc])); // 960×700

  const speaker = await speakerNotes(page);
  await expect(speaker.locator('.speaker-controls-notes .value')).toHaveText('Welcome everyone to the travelling talk.');
  await page.keyboard.press('ArrowRight');
  await expect(speaker.locator('.speaker-controls-notes .value')).toHaveText('Three points, one at a time.');
  await expect(speaker.frameLocator('#current-slide iframe').locator('section.present:not(.stack) > h2')).toHaveText('Fragments');
  expect(seen.blocked).toEqual([]);
  expect(seen.requested.filter((url) => !url.startsWith('file:') && !url.startsWith('data:') && !url.includes('127.0.0.1'))).toEqual([]);
});

test('--single-file writes one self-contained page that works alone, speaker view included', async ({ page, context }) => {
  const seen = await offline(context);
  const out = join(folder, 'single');
  const result = await buildSite({ target: join(folder, 'talk.md'), out, singleFile: true });
  expect((await readdir(out)).filter((name) => !name.startsWith('.'))).toEqual(['talk.html']);
  const bytes = (await stat(join(out, 'talk.html'))).size;
  expect(result.sizes).toEqual([bytes]);
  const html = await readFile(join(out, 'talk.html'), 'utf8');
  // Only the faces the slides use, as woff2: no woff copy, no subset for scripts the talk does not use.
  expect(html).not.toMatch(/font\/woff[;)]|\.woff[)"]|cyrillic|vietnamese/);
  expect(html.match(/font\/woff2;base64/g)?.length).toBeGreaterThan(0);

  await openDeck(page, pathToFileURL(join(out, 'talk.html')).href);
  expect(await counts(page)).toEqual({ slides: 4, horizontal: 3, fragments: 3, logo: 1, extra: true });
  await page.evaluate(() => window.Reveal.slide(1, 0, 2)); // the fragments slide, all shown: italic and bold too
  expectFonts(await loadedFaces(page), ['League Gothic 400 normal', 'Lato 400 italic', 'Lato 400 normal', 'Lato 700 normal']);
  const speaker = await speakerNotes(page);
  await expect(speaker.locator('.speaker-controls-notes .value')).toHaveText('Three points, one at a time.');
  // The page itself and the speaker view's two previews of it: nothing else, not even a file beside it.
  const self = pathToFileURL(join(out, 'talk.html')).href;
  expect(seen.requested.filter((url) => !url.startsWith('data:') && !url.startsWith(self))).toEqual([]);
  expect(seen.requested.filter((url) => url.startsWith(`${self}?receiver`))).toHaveLength(2);
});

test('built-in theme fonts load with the network blocked in dev, in a built site and in the PDF', async ({ page, context }) => {
  const seen = await offline(context);
  const expected = ['League Gothic 400 normal', 'Lato 400 normal'];

  const server = await dev(join(folder, 'talk.md'));
  try {
    await openDeck(page, server.url);
    expectFonts(await loadedFaces(page), expected);
  } finally {
    await server.close();
  }

  const out = join(folder, 'dist');
  await buildSite({ target: join(folder, 'talk.md'), out, socialCard: false });
  const site = await serveStatic(out, '/');
  try {
    await openDeck(page, site.url);
    expectFonts(await loadedFaces(page), expected);
    expect(site.notFound).toEqual([]);
  } finally {
    await site.close();
  }
  expect(seen.blocked).toEqual([]);

  // Chromium prints from the same build: the faces must be in the PDF, embedded.
  const [result] = await exportPdfs([{ deck: join(folder, 'talk.md'), output: join(folder, 'talk.pdf') }], { fragments: false });
  expect(result!.warnings.filter((w) => w.code.startsWith('resource'))).toEqual([]);
  const fonts = await readPdfFonts(join(folder, 'talk.pdf'));
  expect(fonts.some((font) => /\+Lato-Regular$/.test(font.name) && font.embedded)).toBe(true);
  expect(fonts.some((font) => /\+LeagueGothic/.test(font.name) && font.embedded)).toBe(true);
});

test('a font or image that fails to load is reported with its slide in dev and in the PDF', async ({ page, context }) => {
  await offline(context);
  await writeFile(join(folder, 'style.css'), "@font-face { font-family: Vanished; src: url(fonts/vanished.woff2) format('woff2'); }\n.vanished { font-family: Vanished, serif; }\n");
  const deck = `---\ntitle: Broken\ncss: style.css\n---\n# One\n\n---\n\n## Two\n\n<p class="vanished">Set in a font that is gone</p>\n\n---\n\n## Three\n\n![remote](https://example.invalid/figure.png)\n`;
  await writeFile(join(folder, 'broken.md'), deck);

  const server = await dev(join(folder, 'broken.md'));
  try {
    await openDeck(page, server.url);
    await page.evaluate(() => window.Reveal.slide(1));
    await expect.poll(() => server.logs.join('\n')).toMatch(/broken\.md:9: resource-failed: slide 2: font 'Vanished' 400 normal could not be loaded/);
    await page.evaluate(() => window.Reveal.slide(2));
    await expect.poll(() => server.logs.join('\n')).toMatch(/broken\.md:15: resource-failed: slide 3: https:\/\/example\.invalid\/figure\.png could not be loaded/);
  } finally {
    await server.close();
  }

  // The PDF's own Chromium is not behind the test's network block: the slide with the remote image goes.
  await writeFile(join(folder, 'broken.md'), deck.slice(0, deck.indexOf('\n---\n\n## Three')));
  const [result] = await exportPdfs([{ deck: join(folder, 'broken.md'), output: join(folder, 'broken.pdf') }], { timeoutMs: 5000 });
  const messages = result!.warnings.filter((w) => w.code === 'resource-failed').map((w) => `${w.line}: ${w.message}`);
  expect(messages).toContain("9: slide 2: font 'Vanished' 400 normal could not be loaded");
});

/** Runs `use` with LECTERN_CHROMIUM naming no browser: anything that starts one fails. */
async function withoutChromium<R>(use: () => Promise<R>): Promise<R> {
  const saved = process.env['LECTERN_CHROMIUM'];
  process.env['LECTERN_CHROMIUM'] = join(folder, 'no-such-chromium');
  try {
    return await use();
  } finally {
    if (saved === undefined) delete process.env['LECTERN_CHROMIUM'];
    else process.env['LECTERN_CHROMIUM'] = saved;
  }
}

test('a social card is made once per version of the site: a rebuild reuses it without a browser, an edit makes a new one', async () => {
  // A talk no other run built: its card cannot be cached yet.
  const unique = `\n---\n\n## Run ${randomBytes(6).toString('hex')}\n`;
  await writeFile(join(folder, 'talk.md'), talk + unique);
  const first = await buildSite({ target: join(folder, 'talk.md'), out: join(folder, 'one') });
  expect(first.warnings.filter((w) => w.code === 'no-browser')).toEqual([]);
  const card = await readFile(join(folder, 'one', 'card.png'));
  // The same files again: the card comes from the cache, no browser needed.
  const again = await withoutChromium(() => buildSite({ target: join(folder, 'talk.md'), out: join(folder, 'two') }));
  expect(again.warnings.filter((w) => w.code === 'no-browser')).toEqual([]);
  expect(await readFile(join(folder, 'two', 'card.png'))).toEqual(card);
  expect(await readFile(join(folder, 'two', 'index.html'), 'utf8')).toContain('<meta property="og:image" content="card.png">');
  // The first slide edited: the cached card no longer fits, and a new one needs the browser.
  await writeFile(join(folder, 'talk.md'), talk.replace('# Travelling talk', '# Travelling talk, edited') + unique);
  const edited = await withoutChromium(() => buildSite({ target: join(folder, 'talk.md'), out: join(folder, 'three') }));
  expect(edited.warnings.filter((w) => w.code === 'no-browser')).toHaveLength(1);
  expect(await readdir(join(folder, 'three'))).not.toContain('card.png');
});

test('without a Chromium the build still succeeds, with a warning and no social card', async () => {
  await writeFile(join(folder, 'talk.md'), `${talk}\n---\n\n## Run ${randomBytes(6).toString('hex')}\n`); // no cached card
  const saved = process.env['LECTERN_CHROMIUM'];
  process.env['LECTERN_CHROMIUM'] = join(folder, 'no-such-chromium');
  try {
    const out = join(folder, 'dist');
    const result = await buildSite({ target: join(folder, 'talk.md'), out });
    expect(result.warnings.filter((w) => w.code === 'no-browser').map((w) => w.message)).toEqual([expect.stringMatching(/no browser at .*no-such-chromium: og:image left out/)]);
    const html = await readFile(join(out, 'index.html'), 'utf8');
    expect(html).toContain('<meta property="og:title" content="Travelling talk">');
    expect(html).not.toContain('og:image');
    expect(await readdir(out)).not.toContain('card.png');
  } finally {
    if (saved === undefined) delete process.env['LECTERN_CHROMIUM'];
    else process.env['LECTERN_CHROMIUM'] = saved;
  }
});
