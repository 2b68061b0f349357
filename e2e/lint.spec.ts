import { spawn } from 'node:child_process';
import { copyFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { CLI, lectern, userEnv } from './cli-runner.ts';
import { armEvent, atomicSave, openDeck, removeFolder, tempFolder } from './helpers.ts';

/**
 * `lectern check --render`: decks written to trip each render check, the same decks fixed, and the
 * checks silenced, read from what the command prints.
 */

const require = createRequire(import.meta.url);
/** KaTeX's AMS font has U+E00C (a private-use code point no system font draws): the "fixed" deck loads it. */
const SYMBOL_FONT = require.resolve('katex/dist/fonts/KaTeX_AMS-Regular.woff2');
const SYMBOL = '\uE00C';

const codeLines = (count: number) => Array.from({ length: count }, (_, i) => `line_${i + 1} = ${i + 1}`).join('\n');
const items = (count: number) => Array.from({ length: count }, (_, i) => `- item ${i + 1}`).join('\n');

/** One slide per check, each written to trip it (`fixed`: written not to). */
function deck(fixed: boolean, frontMatter = ''): string {
  return `---
title: ${fixed ? 'Fixed' : 'Problems'}
theme: white
css: symbols.css
${frontMatter}---
# Render checks

---

## Too tall

${items(fixed ? 8 : 14)}

---

## Long code

\`\`\`python
${codeLines(fixed ? 10 : 30)}
\`\`\`

---

## Symbols

Subset${fixed ? ` <span class="symbols">${SYMBOL}</span>` : ` ${SYMBOL}`} of a set

---

## Images

${fixed ? '![A bar chart of talks per year](chart.png)' : '![](chart.png) ![chart.png](chart.png)'}

---

## Links

The report is ${fixed ? '[the 2024 report](https://example.com/report)' : '[click here](https://example.com/report)'}.

---

## Grey text

<p style="color: ${fixed ? '#767676' : '#777777'}; font-size: 20px">Small grey text</p>

<p style="color: ${fixed ? '#949494' : '#999999'}">Large grey text</p>

---

<!-- .slide: data-background-color="#222222" -->
## Dark slide

<p style="color: ${fixed ? '#bbbbbb' : '#444444'}; font-size: 20px">Dim text on a dark slide</p>

---

# Top

${fixed ? '##' : '###'} Skipped a level
`;
}

/** A tiny solid PNG, so images load and take their place. */
function png(width: number, height: number): Buffer {
  const crc = (bytes: Buffer) => {
    let c = ~0;
    for (const byte of bytes) {
      c ^= byte;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const check = Buffer.alloc(4);
    check.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, check]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.concat(Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x80)])));
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'binary'), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** The 1-based line of the first line holding `text`. */
const lineOf = (source: string, text: string) => source.split('\n').findIndex((line) => line.includes(text)) + 1;

let folder: string;
test.beforeEach(async () => {
  folder = await tempFolder({
    'symbols.css': "@font-face { font-family: Symbols; src: url(./symbols.woff2); }\n.reveal .symbols { font-family: Symbols; }\n",
  });
  await copyFile(SYMBOL_FONT, join(folder, 'symbols.woff2'));
  await writeFile(join(folder, 'chart.png'), png(60, 40));
});
test.afterEach(async () => {
  await removeFolder(folder);
});

test('check --render reports each problem of the rendered slides at its slide, and exits 1', async () => {
  const source = deck(false);
  await writeFile(join(folder, 'talk.md'), source);
  const run = await lectern(['check', 'talk.md', '--render'], folder, undefined, 90_000);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(1);
  const at = (heading: string) => `talk.md:${lineOf(source, heading)}`;
  const lines = run.stdout.trim().split('\n');
  expect(lines.filter((line) => /^talk\.md:\d+:/.test(line)).map((line) => line.split(': ')[1])).toEqual([
    'overflow', 'overflow', 'missing-glyph', 'image-alt', 'image-alt', 'link-text', 'contrast', 'contrast', 'heading-level',
  ]);
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${at('## Too tall')}: overflow: slide 2: content is \\d+ px \\(\\d+%\\) taller than the 960×700 slide$`)));
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${at('## Long code')}: overflow: slide 3: code block 'line_1 = 1 line_2 = 2 .*' cuts off \\d+ px of its \\d+ px height \\(\\d+%\\): the audience sees it only if you scroll$`)));
  expect(lines).toContain(`${at('## Symbols')}: missing-glyph: slide 4: no available font draws '${SYMBOL}' U+E00C: it shows as empty boxes; add a font that has it (css:) or use other characters`);
  expect(lines).toContain(`${at('## Images')}: image-alt: slide 5: image 'chart.png' has no alt text: say what it shows in ![…](chart.png) (role="presentation" marks decoration)`);
  expect(lines).toContain(`${at('## Images')}: image-alt: slide 5: image 'chart.png' has its file name 'chart.png' as alt text: say what it shows instead`);
  expect(lines).toContain(`${at('## Links')}: link-text: slide 6: link text 'click here' does not say where it goes (https://example.com/report): name the destination`);
  // #777 on white is 4.48:1: below 4.5:1 for small text; #999 is 2.85:1, below even large text's 3:1.
  expect(lines).toContain(`${at('## Grey text')}: contrast: slide 7: text 'Large grey text' is #999999 on #ffffff: contrast 2.84:1, below WCAG AA's 3:1 (and 1 more run of text on this slide)`);
  // Against the slide's own background, not the theme's white.
  expect(lines).toContain(`${at('data-background-color')}: contrast: slide 8: text 'Dim text on a dark slide' is #444444 on #222222: contrast 1.63:1, below WCAG AA's 4.5:1`);
  expect(lines).toContain(`${at('# Top')}: heading-level: slide 9: heading 'Skipped a level' is an h3 after an h1: heading levels skip h2`);
  expect(lines.at(-1)).toBe('talk.md: 9 horizontal slides, 9 in all, 0 fragment steps, 9 warnings (9 in the rendered slides)');
});

test('check --render is quiet about the same deck fixed, and exits 0', async () => {
  await writeFile(join(folder, 'talk.md'), deck(true));
  const run = await lectern(['check', 'talk.md', '--render'], folder, undefined, 90_000);
  expect(run.stderr).toBe('');
  expect(run.stdout.trim()).toBe('talk.md: 9 horizontal slides, 9 in all, 0 fragment steps, 0 warnings (0 in the rendered slides)');
  expect(run.code).toBe(0);
});

test('checks are silenced per deck (lint: in front matter) and per slide (data-lint-ignore)', async () => {
  const source = deck(false, 'lint:\n  overflow: false\n  contrast: false\n').replace('## Links', '<!-- .slide: data-lint-ignore="link-text image-alt" -->\n## Links').replace('## Images', '<!-- .slide: data-lint-ignore="image-alt" -->\n## Images');
  await writeFile(join(folder, 'talk.md'), source);
  const run = await lectern(['check', 'talk.md', '--render'], folder, undefined, 90_000);
  expect(run.code).toBe(1);
  const codes = run.stdout.trim().split('\n').filter((line) => /^talk\.md:\d+:/.test(line)).map((line) => line.split(': ')[1]);
  expect(codes).toEqual(['missing-glyph', 'heading-level']);
});

test('without --render, check does not start a browser and reports no render problems', async () => {
  await writeFile(join(folder, 'talk.md'), deck(false));
  const run = await lectern(['check', 'talk.md'], folder, undefined, 30_000);
  expect(run.stdout.trim()).toBe('talk.md: 9 horizontal slides, 9 in all, 0 fragment steps, 0 warnings');
  expect(run.code).toBe(0);
});

/** `lectern dev` as a user runs it, its output collected while it runs; stopped by `stop`. */
function startDev(args: string[], cwd: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [CLI, 'dev', ...args, '--port', '0'], { cwd, env: { ...userEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  /** Waits (bounded) until the output matches, and returns the match. */
  const waitFor = async (stream: 'stdout' | 'stderr', pattern: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(output[stream]);
      if (match) return match;
      if (Date.now() > deadline) throw new Error(`no ${pattern} in ${stream} within ${timeoutMs} ms:\n${output[stream]}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const stop = () => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('close', () => resolve()), child.kill('SIGINT'))));
  return { output, waitFor, stop };
}

test.describe('lectern dev', () => {
  const tall = `---\ntheme: white\n---\n# First\n\n---\n\n## Too tall\n\n${items(14)}\n`;
  const fits = tall.replace(items(14), items(6));

  test('checks the rendered slides in the background: problems in the terminal and the page, gone once fixed', async ({ page }) => {
    const file = join(folder, 'talk.md');
    await writeFile(file, tall);
    const server = startDev(['talk.md'], folder);
    try {
      const [, url] = await server.waitFor('stdout', /ready in \d+ ms: (http:\/\/\S+)/);
      await page.goto(url!);
      await page.waitForSelector('.reveal.ready');
      const summary = page.locator('#lectern-lint summary');
      await expect(summary).toHaveText('1 problem in the rendered slides', { timeout: 60_000 });
      await server.waitFor('stderr', new RegExp(`^talk\\.md:${lineOf(tall, '## Too tall')}: overflow: slide 2: content is \\d+ px \\(\\d+%\\) taller than the 960×700 slide$`, 'm'));
      // The list takes the presenter to the slide.
      await summary.click();
      await page.locator('#lectern-lint li button').click();
      await expect.poll(() => page.evaluate(() => window.Reveal.getIndices().h)).toBe(1);
      // Fixed and saved: the list goes, and the terminal says so.
      await atomicSave(file, fits);
      await expect(page.locator('#lectern-lint')).toHaveCount(0, { timeout: 60_000 });
      await server.waitFor('stdout', /talk\.md: no problems in the rendered slides now/);
      await expect(page.locator('section.present h2')).toHaveText('Too tall');
    } finally {
      await server.stop();
    }
  });

  test('without a Chromium, says once that render checks are off and goes on', async ({ page }) => {
    const file = join(folder, 'talk.md');
    await writeFile(file, tall);
    const server = startDev(['talk.md'], folder, { LECTERN_CHROMIUM: join(folder, 'no-such-chromium') });
    try {
      const [, url] = await server.waitFor('stdout', /ready in \d+ ms: (http:\/\/\S+)/);
      await openDeck(page, url!);
      await server.waitFor('stderr', /lectern: render checks are off: no browser at .*no-such-chromium\n/);
      // Saves still update the page; the notice is not repeated.
      const updated = await armEvent(page);
      await atomicSave(file, fits.replace('## Too tall', '## Edited'));
      await updated();
      await expect(page.locator('section h2').first()).toHaveText('Edited');
      await page.reload();
      await page.waitForSelector('.reveal.ready');
      expect(server.output.stderr.match(/render checks are off/g)).toHaveLength(1);
      await expect(page.locator('#lectern-lint')).toHaveCount(0);
    } finally {
      await server.stop();
    }
  });

  test('--no-lint starts no render checks', async ({ page }) => {
    await writeFile(join(folder, 'talk.md'), tall);
    const server = startDev(['talk.md', '--no-lint'], folder, { LECTERN_CHROMIUM: join(folder, 'no-such-chromium') });
    try {
      const [, url] = await server.waitFor('stdout', /ready in \d+ ms: (http:\/\/\S+)/);
      await openDeck(page, url!);
      const updated = await armEvent(page);
      await atomicSave(join(folder, 'talk.md'), fits.replace('## Too tall', '## Edited'));
      await updated();
      // A check would have tried the missing browser and said so.
      expect(server.output.stderr).toBe('');
    } finally {
      await server.stop();
    }
  });
});
