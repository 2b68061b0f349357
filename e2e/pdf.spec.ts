import { formatWarning } from '../src/errors.ts';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { generateDeck } from '../bench/generate.ts';
import { exportPdfs, type PdfOptions } from '../src/commands/pdf.ts';
import { PRINT_CHUNK_PAGES } from '../src/node/print-pdf.ts';
import { copyFixture, removeFolder, tempFolder } from './helpers.ts';
import { readPdf } from './pdf-reader.ts';

const notesDeck = `---
title: Notes deck
author: Ada Lovelace
---
# First

- one <!-- .element: class="fragment" -->
- two <!-- .element: class="fragment" -->

Note: Say hello to everyone.

---

## Second

See [the docs](https://example.com/docs).

Note: Point at the link.

---

## Third

![broken](img/missing.png)
`;

let folder: string;
test.beforeEach(async () => {
  folder = await tempFolder({ 'notes.md': notesDeck });
});
test.afterEach(async () => {
  await removeFolder(folder);
});

async function exportOne(deck: string, options: PdfOptions = {}, name = 'out.pdf') {
  const output = join(folder, name);
  const [result] = await exportPdfs([{ deck, output }], options);
  return { result: result!, pdf: await readPdf(output) };
}

test('exports the fixture with one page per fragment step, title, outline and links', async () => {
  const { result, pdf } = await exportOne(await copyFixture(folder));
  expect(pdf.pages).toBe(60); // 20 slides + 40 fragment steps
  expect(pdf.texts[0]).toContain('FROM MARKDOWN FILES TO "LIVE, PRINTABLE" REVEAL.JS TALKS');
  expect(pdf.texts[1]).toBe('WHO IS TALKING');
  expect(pdf.texts[2]).toBe('WHO IS TALKING Trained as a typesetter');
  expect(pdf.outline).toHaveLength(20);
  expect(pdf.outline[1]).toBe('Who is talking');
  expect(pdf.title).toMatch(/^From Markdown files to "live, printable" reveal\.js talks with Lectern/);
  expect(pdf.tagged).toBe(true);
  expect(pdf.links).toContain('https://docs.example.org/lectern/getting-started/');
  expect(new Set(pdf.sizes).size).toBe(1); // every page the same size: no split slides, no stray pages
  expect(pdf.texts.filter((text) => text === '')).toEqual([]);
  expect(result.warnings.map((w) => formatWarning(w)).some((w) => /slide 1: .*img\/forge-logo\.svg/.test(w) || /:31: .*img\/forge-logo\.svg/.test(w))).toBe(true);
});

test('--no-fragments prints one page per slide with every fragment shown', async () => {
  const { result, pdf } = await exportOne(await copyFixture(folder), { fragments: false });
  expect(pdf.pages).toBe(20);
  expect(pdf.texts[1]).toContain('Last 2 years Lectern maintainer');
  // Slides taller than a page are scaled down whole: their bodies are on their pages.
  const scaled = result.warnings.filter((w) => w.code === 'slide-scaled').map((w) => Number(/^slide (\d+) is taller than the page/.exec(w.message)?.[1]));
  expect(scaled).toEqual(expect.arrayContaining([12, 17, 18, 19]));
  expect(pdf.texts[11]).toContain('generate benchmark decks of 20 to 1,000 slides');
  expect(pdf.texts[16]).toContain('giving workshops with the tool itself');
  expect(pdf.texts[17]).toContain('drop the complicated plugin API');
  expect(pdf.texts[18]).toContain('need to move away from the old speaker view');
});

test('--notes puts the notes on a page after the slide and its fragment steps; metadata has the author', async () => {
  const { pdf } = await exportOne(join(folder, 'notes.md'), { notes: true });
  expect(pdf.pages).toBe(7);
  expect(pdf.texts.slice(0, 3)).toEqual(['FIRST', 'FIRST one', 'FIRST one two']);
  expect(pdf.texts[4]).toMatch(/^SECOND See/);
  expect(pdf.texts[6]).toMatch(/^THIRD/);
  expect(pdf.texts[3]).toContain('Say hello to everyone.');
  expect(pdf.texts[5]).toContain('Point at the link.');
  expect(pdf.author).toBe('Ada Lovelace');
  expect(pdf.title).toBe('Notes deck');
  expect(pdf.outline).toEqual(['First', 'Second', 'Third']);
  expect(pdf.links).toContain('https://example.com/docs');
});

test('notes of the last slide, after its fragment steps, end the PDF: no blank page follows', async () => {
  const deck = join(folder, 'last.md');
  await writeFile(deck, '# One\n\n---\n\n## Two\n\n- step <!-- .element: class="fragment" -->\n\nNote: Closing words.\n');
  const { result, pdf } = await exportOne(deck, { notes: true });
  expect(result.warnings).toEqual([]);
  expect(pdf.pages).toBe(4);
  expect(pdf.texts[3]).toContain('Closing words.');
});

test('names the slide and the image that did not load, and still exports', async () => {
  const { result, pdf } = await exportOne(join(folder, 'notes.md'), { fragments: false });
  expect(pdf.pages).toBe(3);
  expect(result.warnings.map((w) => formatWarning(w)).join('\n')).toMatch(/notes\.md:24: missing-asset: missing file 'img\/missing\.png'/);
});

test('--handout lays out slides with their notes, 3 or 6 per A4 or Letter page', async () => {
  const fixture = await copyFixture(folder);
  const three = await exportOne(fixture, { handout: true, perPage: 3, paper: 'a4' }, 'three.pdf');
  expect(three.pdf.pages).toBe(7); // 20 slides, 3 per page
  expect(three.pdf.sizes[0]).toBe('595x842');
  expect(three.pdf.texts[0]).toContain('WHO IS TALKING');
  // A slide's body stays on its heading's sheet (a scaled slide once lost its lower half to the next).
  expect(three.pdf.texts[2]).toContain('WHAT IT DOES');
  expect(three.pdf.texts[2]).toContain('4 commands');
  expect(three.pdf.outline).toHaveLength(20);
  const notes = await exportOne(join(folder, 'notes.md'), { handout: true, perPage: 6, paper: 'letter' }, 'six.pdf');
  expect(notes.pdf.pages).toBe(1);
  expect(notes.pdf.sizes[0]).toBe('612x792');
  expect(notes.pdf.texts[0]).toContain('Say hello to everyone.');
  expect(notes.pdf.texts[0]).toContain('Point at the link.');
});

test('--range exports only the slides named', async () => {
  const { pdf } = await exportOne(await copyFixture(folder), { fragments: false, range: '3-7,10' });
  expect(pdf.pages).toBe(6);
  expect(pdf.outline).toEqual(['Lectern = team effort', 'Lectern in numbers', 'What users said', 'What users said', 'What users said', 'How a deck flows']);
});

test('a failed export leaves the previous PDF in place', async () => {
  const output = join(folder, 'keep.pdf');
  await writeFile(output, 'previous');
  await expect(exportPdfs([{ deck: join(folder, 'notes.md'), output }], { range: '2-9' })).rejects.toThrow(/outside the deck's slides 1-3/);
  expect(await readFile(output, 'utf8')).toBe('previous');
});

test('exports several decks in one call, and a 1,000-slide deck', async () => {
  await writeFile(join(folder, 'big.md'), generateDeck(1000));
  const results = await exportPdfs(
    [
      { deck: join(folder, 'big.md'), output: join(folder, 'big.pdf') },
      { deck: join(folder, 'notes.md'), output: join(folder, 'notes.pdf') },
    ],
    { fragments: false },
  );
  expect(results.map((r) => r.pages)).toEqual([1000, 3]);
  const big = await readPdf(join(folder, 'big.pdf'));
  expect(big.pages).toBe(1000);
  expect(big.texts[499]).toMatch(/^SLIDE 500 /i);
  expect(big.outline).toHaveLength(1000);
  // Printed in chunks of PRINT_CHUNK_PAGES and merged: every page keeps its text, its size and its tags
  // (under one Document element), across the seams.
  const seams = [0, PRINT_CHUNK_PAGES - 1, PRINT_CHUNK_PAGES, 2 * PRINT_CHUNK_PAGES, 999];
  for (const page of seams) expect(big.texts[page]).toMatch(new RegExp(`^SLIDE ${page + 1} `, 'i'));
  expect(new Set(big.sizes).size).toBe(1);
  expect(big.tagged).toBe(true);
  expect(big.structure.filter((roles) => !/^Root Document .*\bcontent\b/.test(roles))).toEqual([]);
});
