import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { armEvent, atomicSave, copyFixture, dev, indices, openDeck, removeFolder, tempFolder, type RunningDev } from './helpers.ts';

let folder: string;
let deckFile: string;
let server: RunningDev;
let original: string;

test.beforeEach(async () => {
  folder = await tempFolder({ 'other.md': '---\ntitle: Other deck\n---\n# One\n\n---\n\n# Two\n' });
  deckFile = await copyFixture(folder);
  original = await readFile(deckFile, 'utf8');
  server = await dev(folder);
});

test.afterEach(async () => {
  await server.close();
  await removeFolder(folder);
});

const deckUrl = () => new URL('talk.html', server.url).href;

test('shows the fixture as reveal.js does: 9 horizontal slides, 20 in all, 40 fragments', async ({ page }) => {
  await openDeck(page, deckUrl());
  expect(await page.locator('.reveal .slides > section').count()).toBe(9);
  expect(await page.evaluate(() => window.Reveal.getTotalSlides())).toBe(20);
  expect(await page.locator('.reveal .slides .fragment').count()).toBe(40);
  await expect(page.locator('.reveal')).toHaveClass(/ready/);
  await expect(page).toHaveTitle(/^From Markdown files to "live, printable" reveal\.js talks/);
  await expect(page.locator('section.present h2').first()).toContainText('From Markdown files to "live, printable" reveal.js talks');
});

test('reports missing images in the terminal with file and line', async ({ page }) => {
  await openDeck(page, deckUrl());
  expect(server.logs.some((line) => /talk\.md:31: missing-asset: missing file 'img\/forge-logo\.svg'/.test(line))).toBe(true);
});

test('lists the decks of a folder on the index page', async ({ page }) => {
  await page.goto(server.url);
  await expect(page.locator('a', { hasText: 'Other deck' })).toHaveAttribute('href', '/other.html');
  await expect(page.locator('a', { hasText: 'From Markdown files to' })).toHaveAttribute('href', '/talk.html');
  await page.locator('a', { hasText: 'Other deck' }).click();
  await page.waitForSelector('.reveal.ready');
  expect(await page.evaluate(() => window.Reveal.getTotalSlides())).toBe(2);
});

test('patches an edited slide in place, without reloading, on the same slide and fragment', async ({ page }) => {
  await openDeck(page, deckUrl());
  await page.evaluate(() => {
    (window as unknown as { marker: number }).marker = 42;
    window.Reveal.slide(1, 0, 2);
  });
  const updated = await armEvent(page);
  await writeFile(deckFile, original.replace('## Who is talking', '## Who is talking, edited'));
  await updated();
  await expect(page.locator('section.present h2')).toHaveText('Who is talking, edited');
  expect(await indices(page)).toEqual({ h: 1, v: 0, f: 2 });
  expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(42);
  expect(await page.locator('.reveal .slides .fragment.visible').count()).toBe(3);
});

test('slides edited around the current one show their fragments as reveal.js shows them on past and later slides', async ({ page }) => {
  await openDeck(page, deckUrl());
  await page.evaluate(() => window.Reveal.slide(3, 0, 1)); // "Lectern in numbers", its second fragment
  const updated = await armEvent(page);
  const fragment = (id: string) => `<div class="fragment" id="${id}">added</div>\n\n`;
  await writeFile(
    deckFile,
    original
      .replace('## Who is talking\n', `## Who is talking\n\n${fragment('past-added')}`)
      .replace('## Lectern in numbers', '## Lectern in numbers, edited')
      .replace('## What users said\n', `## What users said\n\n${fragment('below-added')}`)
      .replace('## Why Lectern\n', `## Why Lectern\n\n${fragment('later-added')}`),
  );
  await updated();
  await expect(page.locator('section.present h2').first()).toHaveText('Lectern in numbers, edited');
  expect(await indices(page)).toEqual({ h: 3, v: 0, f: 1 });
  const shown = () =>
    page.evaluate(() => ({
      added: ['past-added', 'below-added', 'later-added'].map((id) => document.getElementById(id)?.classList.contains('visible')),
      current: document.querySelectorAll('section.present section.present .fragment.visible').length,
    }));
  expect(await shown()).toEqual({ added: [true, false, false], current: 2 });
  // reveal.js itself, arriving at the same place, shows the same.
  await page.evaluate(() => window.Reveal.slide(3, 0, 1));
  expect(await shown()).toEqual({ added: [true, false, false], current: 2 });
});

test('follows the current slide by content when slides are added or removed above', async ({ page }) => {
  await openDeck(page, deckUrl());
  await page.evaluate(() => window.Reveal.slide(3, 2, 0)); // "Lectern in numbers" stack, second "What users said" slide
  const current = await page.locator('section.present section.present').innerText();
  let updated = await armEvent(page);
  await writeFile(deckFile, original.replace('===\n\n## Who is talking', '===\n\n## New slide\n\n===\n\n## Who is talking'));
  await updated();
  expect(await indices(page)).toMatchObject({ h: 4, v: 2 });
  expect(await page.locator('section.present section.present').innerText()).toBe(current);

  updated = await armEvent(page);
  await writeFile(deckFile, original.replace(/===\n\n## Lectern = team effort[\s\S]*?=== \n/, '=== \n'));
  await updated();
  expect(await indices(page)).toMatchObject({ h: 2, v: 2 });
  expect(await page.locator('section.present section.present').innerText()).toBe(current);
});

test('updates speaker notes on a notes-only edit', async ({ page }) => {
  const withNotes = (text: string) => original.replace('\n===\n\n## Lectern = team effort', `\nNote: ${text}\n===\n\n## Lectern = team effort`);
  await writeFile(deckFile, withNotes('first version'));
  await openDeck(page, deckUrl());
  await page.evaluate(() => window.Reveal.slide(1));
  const updated = await armEvent(page);
  await expect(page.locator('section.present aside.notes')).toHaveText('first version');
  await writeFile(deckFile, withNotes('second version'));
  await updated();
  await expect(page.locator('section.present aside.notes')).toHaveText('second version');
  expect(await indices(page)).toMatchObject({ h: 1, v: 0 });
});

test('a broken save shows file:line over the last good deck; the next good save clears it', async ({ page }) => {
  await openDeck(page, deckUrl());
  await page.evaluate(() => window.Reveal.slide(2));
  const errored = await armEvent(page, 'lectern:error');
  await writeFile(deckFile, original.replace('theme: solarized', 'theme: [solarized'));
  await errored();
  await expect(page.locator('#lectern-error')).toContainText(/talk\.md:\d+:\d+: invalid front matter/);
  await expect(page.locator('section.present h2')).toHaveText('Lectern = team effort');
  await page.keyboard.press('ArrowRight');
  expect((await indices(page)).h).toBe(3);

  const updated = await armEvent(page);
  await writeFile(deckFile, original.replace('## Why Lectern', '## Why Lectern!'));
  await updated();
  await expect(page.locator('#lectern-error')).toHaveCount(0);
  expect((await indices(page)).h).toBe(3);
});

test('handles atomic saves, and a deck deleted then recreated', async ({ page }) => {
  await openDeck(page, deckUrl());
  await page.evaluate(() => window.Reveal.slide(1));
  let updated = await armEvent(page);
  await atomicSave(deckFile, original.replace('## Who is talking', '## Who is talking (atomic)'));
  await updated();
  await expect(page.locator('section.present h2')).toHaveText('Who is talking (atomic)');

  const errored = await armEvent(page, 'lectern:error');
  await rm(deckFile);
  await errored();
  await expect(page.locator('#lectern-error')).toContainText('deleted');
  await expect(page.locator('section.present h2')).toHaveText('Who is talking (atomic)');

  updated = await armEvent(page);
  await writeFile(deckFile, original.replace('## Who is talking', '## Who is talking (recreated)'));
  await updated();
  await expect(page.locator('section.present h2')).toHaveText('Who is talking (recreated)');
  await expect(page.locator('#lectern-error')).toHaveCount(0);
});

test('an options change reloads the page and restores the position without the URL hash', async ({ page }) => {
  const noHash = original.replace('history: true', 'history: false\n  hash: false');
  await writeFile(deckFile, noHash);
  await openDeck(page, deckUrl());
  await page.evaluate(() => window.Reveal.slide(3, 1, 0));
  const reloaded = page.waitForEvent('load');
  await writeFile(deckFile, noHash.replace('transition: none', 'transition: fade'));
  await reloaded;
  await page.waitForSelector('.reveal.ready');
  await expect.poll(() => indices(page)).toMatchObject({ h: 3, v: 1 });
  expect(await page.evaluate(() => window.Reveal.getConfig().transition)).toBe('fade');
  expect(new URL(page.url()).hash).toBe('');
});

test('a malformed URL gets an error answer and the server keeps serving', async ({ page }) => {
  for (const path of ['%E0%A4%A.html', '@lectern/styles/reveal/%E0%A4%A.css', '@lectern/styles/reveal/..%2F..%2Fpackage.json']) {
    expect((await page.request.get(new URL(path, server.url).href)).status()).toBeGreaterThanOrEqual(400);
  }
  await openDeck(page, deckUrl());
  expect(await page.evaluate(() => window.Reveal.getTotalSlides())).toBe(20);
});

test('never writes to the deck file', async ({ page }) => {
  await openDeck(page, deckUrl());
  await page.evaluate(() => window.Reveal.slide(4));
  expect(await readFile(deckFile, 'utf8')).toBe(original);
  expect(await readFile(join(folder, 'other.md'), 'utf8')).toContain('Other deck');
});

test('the speaker view shows notes, timer and next slide, and follows a notes edit', async ({ page }) => {
  const withNotes = (text: string) => original.replace('\n===\n\n## Lectern = team effort', `\nNote: ${text}\n===\n\n## Lectern = team effort`);
  await writeFile(deckFile, withNotes('Mention the typesetting years.'));
  await openDeck(page, deckUrl());
  await page.evaluate(() => window.Reveal.slide(1));
  const [speaker] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
  const notes = speaker.locator('.speaker-controls-notes .value');
  await expect(notes).toHaveText('Mention the typesetting years.');
  await expect(speaker.locator('#current-slide iframe')).toHaveCount(1);
  await expect(speaker.locator('#upcoming-slide iframe')).toHaveCount(1);
  await expect(speaker.locator('.speaker-controls-time .clock')).toBeVisible();

  await page.bringToFront();
  const updated = await armEvent(page);
  await writeFile(deckFile, withNotes('Mention the typesetting years, briefly.'));
  await updated();
  await expect(notes).toHaveText('Mention the typesetting years, briefly.');
  await page.evaluate(() => window.Reveal.slide(2)); // a slide without notes
  await expect(speaker.locator('.speaker-controls-notes')).toHaveClass(/hidden/);
});

test('slide attributes change in place: set, changed and taken back', async ({ page }) => {
  const withBackground = (value: string | null) =>
    original.replace('## Lectern = team effort', value === null ? '## Lectern = team effort' : `<!-- .slide: data-background-color="${value}" class="team" -->\n\n## Lectern = team effort`);
  await openDeck(page, deckUrl());
  await page.evaluate(() => window.Reveal.slide(2));
  const current = page.locator('section.present');
  for (const value of ['#ff0000', '#0000ff', null]) {
    const updated = await armEvent(page);
    await writeFile(deckFile, withBackground(value));
    await updated();
    if (value === null) {
      await expect(current).not.toHaveAttribute('data-background-color');
      await expect(current).not.toHaveClass(/team/);
    } else {
      await expect(current).toHaveAttribute('data-background-color', value);
      await expect(current).toHaveClass(/team/);
      await expect(current).toHaveClass(/present/);
      // reveal.js fades backgrounds in: wait for the end of the transition.
      await expect
        .poll(() => page.evaluate(() => getComputedStyle(document.querySelector('.backgrounds .slide-background.present')!).backgroundColor))
        .toBe(value === '#ff0000' ? 'rgb(255, 0, 0)' : 'rgb(0, 0, 255)');
    }
    expect((await indices(page)).h).toBe(2);
  }
});

test('a deck opened while broken shows the error over its last good version', async ({ page }) => {
  await openDeck(page, deckUrl()); // compiles once
  const broken = Buffer.concat([Buffer.from(original.slice(0, 400)), Buffer.from([0xe9]), Buffer.from(original.slice(400))]);
  await writeFile(deckFile, broken);
  await expect.poll(() => server.logs.some((line) => line.includes('not UTF-8'))).toBe(true);
  await openDeck(page, deckUrl());
  await expect(page.locator('#lectern-error')).toContainText(/talk\.md:\d+: deck is not UTF-8 text/);
  expect(await page.evaluate(() => window.Reveal.getTotalSlides())).toBe(20);
});

test('a deck that never compiled shows its error, then the deck once fixed', async ({ page }) => {
  const fresh = join(folder, 'fresh.md');
  await writeFile(fresh, '---\ntitle: [oops\n---\n# Fresh\n');
  await page.goto(new URL('fresh.html', server.url).href);
  await expect(page.locator('#lectern-error')).toContainText(/fresh\.md:\d+:\d+: invalid front matter/);
  const reloaded = page.waitForEvent('load');
  await writeFile(fresh, '---\ntitle: Fresh\n---\n# Fresh\n');
  await reloaded;
  await page.waitForSelector('.reveal.ready');
  await expect(page.locator('#lectern-error')).toHaveCount(0);
  await expect(page.locator('section.present h1')).toHaveText('Fresh');
});

test('applies the theme, the highlight theme and the deck\'s css; a css edit shows without a reload', async ({ page }) => {
  const failed: string[] = [];
  page.on('response', (response) => response.status() >= 400 && failed.push(`${response.status()} ${response.url()}`));
  page.on('requestfailed', (request) => !request.url().startsWith('https://fonts.') && failed.push(request.url()));
  await writeFile(join(folder, 'custom.css'), '.reveal h1 { color: rgb(1, 2, 3); }\n');
  await writeFile(
    join(folder, 'styled.md'),
    '---\ntheme: moon\nhighlightTheme: github-dark\ncss: custom.css\n---\n# Styled\n\n```js\nconst answer = 42;\n```\n',
  );
  await openDeck(page, new URL('styled.html', server.url).href);
  const colors = () =>
    page.evaluate(() => ({
      background: getComputedStyle(document.querySelector('.reveal-viewport')!).backgroundColor,
      keyword: getComputedStyle(document.querySelector('code .hljs-keyword')!).color,
      heading: getComputedStyle(document.querySelector('h1')!).color,
    }));
  // moon's #002b36, github-dark's keyword #ff7b72, and the deck's own rule.
  expect(await colors()).toEqual({ background: 'rgb(0, 43, 54)', keyword: 'rgb(255, 123, 114)', heading: 'rgb(1, 2, 3)' });
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 7));
  await writeFile(join(folder, 'custom.css'), '.reveal h1 { color: rgb(4, 5, 6); }\n');
  await expect.poll(async () => (await colors()).heading, { timeout: 10_000 }).toBe('rgb(4, 5, 6)');
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(7);
  expect(failed).toEqual([]);
});
