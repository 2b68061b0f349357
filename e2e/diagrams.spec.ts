import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { buildSite } from '../src/commands/build.ts';
import { exportPdfs } from '../src/commands/pdf.ts';
import { serveStatic } from '../src/node/static-server.ts';
import { lectern } from './cli-runner.ts';
import { armEvent, atomicSave, dev, openDeck, removeFolder, tempFolder } from './helpers.ts';
import { readPdf } from './pdf-reader.ts';

// Diagrams are drawn when the deck compiles: the pages below run with every request off this machine refused.
const diagramsDeck = `---
title: Diagrams
---
# Flowchart

\`\`\`mermaid
graph LR
  Client[Web client] --> Balancer{Load balancer}
  Balancer -->|even| Alpha[Server alpha]
  Balancer -->|odd| Beta[Server beta]
\`\`\`
<!-- .element: class="fragment" -->

---

## Sequence

\`\`\`mermaid
sequenceDiagram
  Alice->>Bob: Hello Bob
  Bob-->>Alice: Hi Alice
\`\`\`

---

## Class

\`\`\`mermaid
classDiagram
  Animal <|-- Duck
  Animal : +int age
  Duck : +swim()
\`\`\`

---

## Gantt

\`\`\`mermaid
gantt
  title Release plan
  dateFormat YYYY-MM-DD
  section Build
  Write code :a1, 2024-01-01, 10d
  Test code :after a1, 5d
\`\`\`

---

## Broken

\`\`\`mermaid
graph TD
  A --> B
  B -- C ->
\`\`\`

Text after the broken diagram.
`;

const LABELS = [['Web client', 'Load balancer', 'Server alpha', 'Server beta'], ['Alice', 'Bob', 'Hello Bob'], ['Animal', 'Duck', 'swim()'], ['Release plan', 'Write code', 'Test code']];
const BROKEN_LINE = 55; // the diagram's `B -- C ->`, the line Mermaid's parse error names

// Each test starts Chromium with Mermaid for the deck's diagrams (and the build one more): on a busy
// two-core machine that alone can take tens of seconds.
test.describe.configure({ timeout: 180_000 });

let folder: string;
test.beforeEach(async () => {
  folder = await tempFolder({ 'diagrams.md': diagramsDeck });
});
test.afterEach(async () => {
  await removeFolder(folder);
});

/** Refuses every request that is not to this machine, and records it. */
async function offline(page: Page): Promise<string[]> {
  const refused: string[] = [];
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:') return route.continue();
    refused.push(url.href);
    return route.abort();
  });
  return refused;
}

interface Shown {
  width: number;
  height: number;
  text: string;
  fragment: boolean;
}

/** Each slide's diagram as a viewer sees it: its laid-out size in the slide, its text, whether it is a fragment. */
async function diagramsShown(page: Page): Promise<{ diagrams: (Shown | null)[]; errors: string[]; after: string }> {
  return page.evaluate(async () => {
    const slides = Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides section[data-lectern-key]'));
    const diagrams: (Shown | null)[] = [];
    for (const [index, section] of slides.entries()) {
      window.Reveal.slide(index, 0, 1);
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const svg = section.querySelector<SVGSVGElement>('[data-lectern-diagram] > svg');
      if (!svg) {
        diagrams.push(null);
        continue;
      }
      // Sizes in the slide's own pixels (reveal.js scales the slides to the window).
      const scale = (section.closest('.slides') as HTMLElement).getBoundingClientRect().width / Number(window.Reveal.getConfig().width ?? 960);
      const box = svg.getBoundingClientRect();
      diagrams.push({ width: box.width / scale, height: box.height / scale, text: svg.textContent ?? '', fragment: svg.parentElement!.classList.contains('fragment') });
    }
    const errors = Array.from(document.querySelectorAll('.lectern-diagram-error'), (box) => box.textContent ?? '');
    return { diagrams, errors, after: slides[4]?.textContent ?? '' };
  });
}

function expectDiagrams(shown: Awaited<ReturnType<typeof diagramsShown>>): void {
  expect(shown.diagrams).toHaveLength(5);
  for (const [index, labels] of LABELS.entries()) {
    const diagram = shown.diagrams[index]!;
    expect(diagram, `slide ${index + 1}`).not.toBeNull();
    // Drawn at a size that fits a 960×700 slide and can be read.
    expect(diagram.width, `slide ${index + 1}`).toBeGreaterThan(100);
    expect(diagram.width, `slide ${index + 1}`).toBeLessThanOrEqual(960);
    expect(diagram.height, `slide ${index + 1}`).toBeGreaterThan(40);
    expect(diagram.height, `slide ${index + 1}`).toBeLessThanOrEqual(700);
    for (const label of labels) expect(diagram.text, `slide ${index + 1}`).toContain(label);
  }
  expect(shown.diagrams.map((diagram) => diagram?.fragment ?? null)).toEqual([true, false, false, false, null]);
  expect(shown.diagrams[4]).toBeNull();
  expect(shown.errors).toEqual([expect.stringContaining('Parse error on line 4')]);
  expect(shown.after).toContain('Text after the broken diagram.');
}

test('dev server and built site show every diagram as inline SVG, offline; a broken one as an error box', async ({ page }) => {
  const refused = await offline(page);
  const server = await dev(join(folder, 'diagrams.md'));
  try {
    await openDeck(page, server.url);
    expectDiagrams(await diagramsShown(page));
    expect(server.logs).toEqual([expect.stringMatching(new RegExp(`^warn: .*diagrams\\.md:${BROKEN_LINE}: mermaid-error: diagram not drawn: Parse error on line 4`))]);
  } finally {
    await server.close();
  }

  const built = await buildSite({ target: join(folder, 'diagrams.md'), out: join(folder, 'dist') });
  expect(built.warnings).toMatchObject([{ code: 'mermaid-error', line: BROKEN_LINE }]);
  const site = await serveStatic(join(folder, 'dist'), '/talks/');
  try {
    await openDeck(page, site.url);
    expectDiagrams(await diagramsShown(page));
  } finally {
    await site.close();
  }
  expect(refused).toEqual([]);
});

test('editing one diagram redraws it in place; the others stay as they were', async ({ page }) => {
  await offline(page);
  const file = join(folder, 'diagrams.md');
  const server = await dev(file);
  try {
    await openDeck(page, server.url);
    await page.evaluate(() => {
      window.Reveal.slide(1);
      for (const svg of Array.from(document.querySelectorAll('[data-lectern-diagram] > svg'))) (svg as unknown as { kept: boolean }).kept = true;
    });
    const updated = await armEvent(page);
    await atomicSave(file, diagramsDeck.replace('Hello Bob', 'Good morning Bob'));
    await updated();
    const after = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.reveal .slides section[data-lectern-key]'), (section) => {
        const svg = section.querySelector('[data-lectern-diagram] > svg');
        return svg ? { kept: (svg as unknown as { kept?: boolean }).kept === true, text: svg.textContent ?? '' } : null;
      }),
    );
    expect(after[1]).toEqual({ kept: false, text: expect.stringContaining('Good morning Bob') });
    expect(after.filter((diagram, index) => index !== 1 && diagram !== null).every((diagram) => diagram!.kept)).toBe(true);
    expect(await page.evaluate(() => window.Reveal.getIndices().h)).toBe(1);
  } finally {
    await server.close();
  }
});

test('PDF pages carry the diagrams: their labels are in the page text', async () => {
  const output = join(folder, 'diagrams.pdf');
  const [result] = await exportPdfs([{ deck: join(folder, 'diagrams.md'), output }], { fragments: false });
  expect(result!.warnings).toMatchObject([{ code: 'mermaid-error', line: BROKEN_LINE }]);
  const pdf = await readPdf(output);
  expect(pdf.pages).toBe(5);
  for (const [index, labels] of LABELS.entries()) {
    for (const label of labels) expect(pdf.texts[index], `page ${index + 1}`).toContain(label);
  }
  expect(pdf.texts[4]).toContain('Mermaid could not draw this diagram');
});

test('check reports a diagram that does not parse at its line; `mermaid: false` leaves fences as code', async () => {
  // Chromium and Mermaid start for the check: on a busy machine, more than the runner's default 30 s.
  const run = await lectern(['check', 'diagrams.md'], folder, undefined, 150_000);
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(`diagrams.md:${BROKEN_LINE}: mermaid-error: diagram not drawn: Parse error on line 4`);

  const plain = await tempFolder({ 'plain.md': diagramsDeck.replace('title: Diagrams', 'title: Plain\nmermaid: false') });
  try {
    const checked = await lectern(['check', 'plain.md'], plain);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain('0 warnings');
  } finally {
    await removeFolder(plain);
  }
});
