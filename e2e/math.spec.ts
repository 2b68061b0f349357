import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { buildSite } from '../src/commands/build.ts';
import { exportPdfs } from '../src/commands/pdf.ts';
import { serveStatic } from '../src/node/static-server.ts';
import { dev, openDeck, removeFolder, tempFolder } from './helpers.ts';
import { readPdf } from './pdf-reader.ts';

// KaTeX math is rendered when the deck compiles, so it needs no CDN: these run with no network at all.
const mathDeck = `---
title: Math deck
revealOptions:
  katex: {}
---
# Euler

$$e^{i\\pi} + 1 = 0$$

---

## Inline

The root $\\sqrt{2}$ is irrational. <!-- .element: class="fragment" -->

Note: Mention that $\\pi$ is transcendental.
`;

let folder: string;
test.beforeEach(async () => {
  folder = await tempFolder({ 'math.md': mathDeck });
});
test.afterEach(async () => {
  await removeFolder(folder);
});

/** What a viewer sees of the math: rendered formulas, and whether KaTeX's own font is in use. */
async function mathShown(page: Page) {
  return page.evaluate(async () => {
    await document.fonts.ready;
    return {
      formulas: document.querySelectorAll('.reveal .slides .katex').length,
      display: document.querySelectorAll('.reveal .slides .katex-display').length,
      notes: window.Reveal.getSlideNotes(window.Reveal.getSlide(1)) ?? '',
      font: document.fonts.check('20px KaTeX_Main'),
      mathHidden: getComputedStyle(document.querySelector('.katex-mathml')!).position === 'absolute',
    };
  });
}

test('dev and built site show KaTeX math with its stylesheet and fonts, offline', async ({ page }) => {
  const failed: string[] = [];
  page.on('response', (response) => response.status() >= 400 && failed.push(`${response.status()} ${response.url()}`));
  const server = await dev(join(folder, 'math.md'));
  try {
    await openDeck(page, server.url);
    const shown = await mathShown(page);
    expect(shown).toMatchObject({ formulas: 3, display: 1, font: true, mathHidden: true });
    expect(shown.notes).toContain('class="katex"');
  } finally {
    await server.close();
  }

  await buildSite({ target: join(folder, 'math.md'), out: join(folder, 'dist') });
  const site = await serveStatic(join(folder, 'dist'), '/talks/');
  try {
    await openDeck(page, site.url); // a one-deck site is its index.html
    expect(await mathShown(page)).toMatchObject({ formulas: 3, display: 1, font: true, mathHidden: true });
    expect(site.notFound).toEqual([]);
  } finally {
    await site.close();
  }
  expect(failed).toEqual([]);
});

test('PDF pages carry the rendered math, the notes page too', async () => {
  const output = join(folder, 'math.pdf');
  const [result] = await exportPdfs([{ deck: join(folder, 'math.md'), output }], { notes: true });
  expect(result!.warnings).toEqual([]);
  const pdf = await readPdf(output);
  expect(pdf.pages).toBe(4); // Euler; Inline and its fragment step; the notes page
  // KaTeX draws with its own glyphs (π is text, the root sign a vector path); the TeX source is not shown.
  expect(pdf.texts[0]).toMatch(/π/);
  expect(pdf.texts.join(' ')).not.toMatch(/\\pi|\\sqrt/);
  expect(pdf.texts[2]).toContain('The root is irrational.');
  expect(pdf.texts[2]).toMatch(/\b2\b/); // the radicand, placed by KaTeX, comes out of order
  expect(pdf.texts.some((text) => text.includes('transcendental') && text.includes('π'))).toBe(true);
});

// MathJax decks (mathjax2, mathjax3, mathjax4, and reveal-md's `math`) render with the installed MathJax
// when the deck compiles: no CDN, no plugin in the page.
const mathJaxDeck = (engine: string) => `---
title: MathJax deck
revealOptions:
  ${engine}: {}
---
# Euler

$$e^{i\\pi} + 1 = 0$$

---

## Macros

$\\def\\RR{\\mathbb{R}} x \\in \\RR$ and $\\sqrt{2}$

---

## Later

$\\RR^2$ still works
`;

/** What a viewer sees: MathJax's SVG formulas, their drawn size, and any TeX left as text. */
async function mathJaxShown(page: Page) {
  return page.evaluate(() => {
    const containers = Array.from(document.querySelectorAll('.reveal .slides mjx-container'));
    const sizes = containers.map((container) => container.querySelector('svg')!.getBoundingClientRect());
    return {
      formulas: containers.length,
      display: containers.filter((container) => container.getAttribute('display') === 'true').length,
      drawn: sizes.every((box) => box.width > 5 && box.height > 5),
      // The hidden MathML beside each formula does not show.
      mathHidden: containers.every((container) => getComputedStyle(container.querySelector('mjx-assistive-mml')!).position === 'absolute'),
      tex: document.querySelector('.reveal .slides')!.textContent!.includes('\\RR'),
      scripts: Array.from(document.scripts, (script) => script.src).filter((src) => !src.startsWith(location.origin) && src !== ''),
    };
  });
}

for (const engine of ['mathjax2', 'mathjax3', 'mathjax4', 'math']) {
  test(`${engine}: dev and built site show MathJax math with the network blocked`, async ({ page }) => {
    test.setTimeout(120_000);
    const refused: string[] = [];
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1') return route.continue();
      refused.push(url.href);
      return route.abort();
    });
    await writeFile(join(folder, 'mathjax.md'), mathJaxDeck(engine));
    const server = await dev(join(folder, 'mathjax.md'));
    try {
      await openDeck(page, server.url);
      expect(await mathJaxShown(page)).toEqual({ formulas: 4, display: 1, drawn: true, mathHidden: true, tex: false, scripts: [] });
      expect(server.logs).toEqual([]);
    } finally {
      await server.close();
    }
    await buildSite({ target: join(folder, 'mathjax.md'), out: join(folder, 'dist') });
    const site = await serveStatic(join(folder, 'dist'), '/talks/');
    try {
      await openDeck(page, site.url);
      expect(await mathJaxShown(page)).toEqual({ formulas: 4, display: 1, drawn: true, mathHidden: true, tex: false, scripts: [] });
    } finally {
      await site.close();
    }
    expect(refused).toEqual([]);
  });
}

test('MathJax math in a PDF: drawn as vector glyphs, no TeX left, macros from earlier slides included', async () => {
  await writeFile(join(folder, 'mathjax.md'), mathJaxDeck('mathjax3'));
  const output = join(folder, 'mathjax.pdf');
  const [result] = await exportPdfs([{ deck: join(folder, 'mathjax.md'), output }], {});
  expect(result!.warnings).toEqual([]);
  const pdf = await readPdf(output);
  expect(pdf.pages).toBe(3);
  // MathJax's SVG output draws glyphs as paths: no formula text, and no TeX left as written either.
  expect(pdf.texts).toEqual(['EULER', 'MACROS and', 'LATER still works']);
});
