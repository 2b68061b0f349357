import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import JSZip from 'jszip';
import { exportPngs, exportPptxs } from '../src/commands/images.ts';
import { LecternError } from '../src/errors.ts';
import { generateDeck } from '../bench/generate.ts';
import { removeFolder, tempFolder } from './helpers.ts';

const deck = `---
title: Image deck
author: Ada Lovelace
revealOptions:
  width: 1280
  height: 720
---
# Cover

Note: Welcome, and thanks for coming.

---

## Steps

- one <!-- .element: class="fragment" -->
- two <!-- .element: class="fragment" -->

Note: Two points, one at a time.

----

## Below

<!-- .slide: data-background-color="#123456" -->
`;

/** Width and height from a PNG's header. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = Buffer.from(bytes);
  expect(view.subarray(1, 4).toString()).toBe('PNG');
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
}

let folder: string;
test.beforeEach(async () => {
  folder = await tempFolder({ 'image-deck.md': deck });
});
test.afterEach(async () => {
  await removeFolder(folder);
});

/** The colour of a PNG's pixel near its top-left corner, as a browser decodes it. */
async function cornerColour(page: Page, file: string): Promise<number[]> {
  const url = `data:image/png;base64,${(await readFile(file)).toString('base64')}`;
  return page.evaluate(async (source) => {
    const image = new Image();
    image.src = source;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    return Array.from(context.getImageData(5, 5, 1, 1).data.slice(0, 3));
  }, url);
}

test('png: one image per slide at the deck size, named by slide, every fragment shown', async ({ page }) => {
  const [result] = await exportPngs([{ deck: join(folder, 'image-deck.md'), folder }], {});
  const names = (await readdir(folder)).filter((name) => name.endsWith('.png')).sort();
  expect(names).toEqual(['image-deck-001.png', 'image-deck-002.png', 'image-deck-003.png']);
  expect(result!.files.map((file) => file.slice(folder.length + 1))).toEqual(names);
  for (const name of names) expect(pngSize(await readFile(join(folder, name)))).toEqual({ width: 1280, height: 720 });
  // The vertical slide's background colour fills the image, as on screen.
  const below = await cornerColour(page, join(folder, 'image-deck-003.png'));
  [0x12, 0x34, 0x56].forEach((channel, index) => expect(Math.abs(below[index]! - channel)).toBeLessThanOrEqual(3));
  expect(await cornerColour(page, join(folder, 'image-deck-002.png'))).not.toEqual(below);
});

test('png --fragments --scale 2 --range: one image per step, twice the pixels, only the slides asked for', async () => {
  const out = join(folder, 'shots');
  await mkdir(out);
  const [result] = await exportPngs([{ deck: join(folder, 'image-deck.md'), folder: out }], { fragments: true, scale: 2, range: '2-3' });
  const names = (await readdir(out)).sort();
  expect(names).toEqual(['image-deck-002-1.png', 'image-deck-002-2.png', 'image-deck-002-3.png', 'image-deck-003-1.png']);
  expect(result!.files).toHaveLength(4);
  for (const name of names) expect(pngSize(await readFile(join(out, name)))).toEqual({ width: 2560, height: 1440 });
  // Each step shows one more fragment: the images differ.
  const steps = await Promise.all(names.slice(0, 3).map((name) => readFile(join(out, name))));
  expect(new Set(steps.map((bytes) => bytes.toString('base64'))).size).toBe(3);
});

test('png never replaces a file the deck uses', async () => {
  await writeFile(join(folder, 'uses-image.md'), '# One\n\n![me](uses-image-001.png)\n');
  const image = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  await writeFile(join(folder, 'uses-image-001.png'), image);
  const error = await exportPngs([{ deck: join(folder, 'uses-image.md'), folder }], {}).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LecternError);
  expect((error as LecternError).message).toMatch(/uses-image-001\.png is a file the deck uses/);
  expect(await readFile(join(folder, 'uses-image-001.png'))).toEqual(image);
});

test('pptx: one slide per step, the rendered slide full-bleed, notes in the notes pane, title and author', async () => {
  const output = join(folder, 'image-deck.pptx');
  const [result] = await exportPptxs([{ deck: join(folder, 'image-deck.md'), output }], { fragments: true });
  expect(result!.slides).toBe(5); // cover, 3 steps, the vertical slide
  const zip = await JSZip.loadAsync(await readFile(output));
  const slides = Object.keys(zip.files).filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name));
  expect(slides).toHaveLength(5);

  // The presentation has the deck's aspect ratio (1280×720, 16:9), every slide one picture that fills it.
  const presentation = await zip.file('ppt/presentation.xml')!.async('string');
  const [, cx, cy] = /<p:sldSz cx="(\d+)" cy="(\d+)"/.exec(presentation)!;
  expect(Number(cx) / Number(cy)).toBeCloseTo(1280 / 720, 3);
  for (let number = 1; number <= 5; number++) {
    const xml = await zip.file(`ppt/slides/slide${number}.xml`)!.async('string');
    expect(xml.match(/<p:pic>/g)).toHaveLength(1);
    expect(xml).toMatch(new RegExp(`<a:off x="0" y="0"/>\\s*<a:ext cx="${cx}" cy="${cy}"/>`));
  }
  const media = Object.keys(zip.files).filter((name) => name.startsWith('ppt/media/') && name.endsWith('.png'));
  expect(media).toHaveLength(5);
  for (const name of media) expect(pngSize(await zip.file(name)!.async('uint8array'))).toEqual({ width: 1280, height: 720 });

  const notes = await Promise.all([1, 2, 5].map(async (number) => (await zip.file(`ppt/notesSlides/notesSlide${number}.xml`)!.async('string')).match(/<a:t>([^<]*)<\/a:t>/g)?.join(' ') ?? ''));
  expect(notes[0]).toContain('Welcome, and thanks for coming.');
  expect(await zip.file('ppt/slides/slide2.xml')!.async('string')).toContain('descr="Slide 2: Steps"');
  expect(notes[1]).toContain('Two points, one at a time.');
  expect(notes[2]).not.toContain('Two points');

  const core = await zip.file('docProps/core.xml')!.async('string');
  expect(core).toContain('<dc:title>Image deck</dc:title>');
  expect(core).toContain('<dc:creator>Ada Lovelace</dc:creator>');
});

test('pptx of a long deck (captured in two pages at once) keeps every slide in order with its own notes', async () => {
  await writeFile(join(folder, 'long.md'), generateDeck(14));
  const output = join(folder, 'long.pptx');
  const [result] = await exportPptxs([{ deck: join(folder, 'long.md'), output }], { fragments: true });
  const zip = await JSZip.loadAsync(await readFile(output));
  const count = Object.keys(zip.files).filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name)).length;
  expect(count).toBe(result!.slides);
  expect(count).toBeGreaterThanOrEqual(40);
  // Each slide's notes name its slide, and the alt text its heading: in order across both halves.
  const seen: number[] = [];
  for (let number = 1; number <= count; number++) {
    const slide = await zip.file(`ppt/slides/slide${number}.xml`)!.async('string');
    const heading = Number(/descr="Slide (\d+): Slide \1"/.exec(slide)?.[1]);
    const notes = await zip.file(`ppt/notesSlides/notesSlide${number}.xml`)!.async('string');
    expect(notes).toContain(`speaker notes for slide ${heading}.`);
    seen.push(heading);
  }
  expect(seen).toEqual([...seen].sort((a, b) => a - b));
  expect(new Set(seen).size).toBe(14);
});
