import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { buildSite } from '../src/commands/build.ts';
import { exportPdfs } from '../src/commands/pdf.ts';
import { serveStatic } from '../src/node/static-server.ts';
import { atomicSave, armEvent, dev, openDeck, removeFolder, tempFolder } from './helpers.ts';
import { readPdf } from './pdf-reader.ts';

/*
 * Lectern renders code when the deck compiles; reveal.js renders it in the browser with its markdown and
 * highlight plugins. The same deck is shown both ways in Chromium and every `<pre>` compared.
 */

// Slides with raw HTML code blocks as reveal.js's docs write them, each attribute combination, and fences.
const BODY = `# Raw HTML

<pre><code class="html" data-trim>
<span id="outer">inline <p>block</p> more</span>
</code></pre>

---

<pre><code data-trim data-line-numbers="1|2">
let a = 1;
let b = <b>2</b>;
</code></pre>

---

<pre><code class="js" data-noescape>let <mark>x</mark> = 1;
let y = 2;</code></pre>

<pre><code class="js" data-noescape data-line-numbers="2">let <mark>x</mark> = 1;
let y = 2;</code></pre>

---

<pre><code class="html" data-trim><script type="text/template">
    <div title="a &amp; b">&amp; <b>bold</b> &lt;tag&gt;</div>
      <br/>
</script></code></pre>

---

<pre><code class="python" data-line-numbers data-ln-start-from="5">def f():
    return 1
</code></pre>

<pre><code class="python" data-trim data-line-numbers="1,3|2-3|" data-fragment-index="2">
    a = 1
    b = 2
    c = 3
</code></pre>

---

<pre><code class="nohighlight" data-line-numbers="2">if (a < b && c > d) {
  <em>go</em>();
}</code></pre>

<pre><code class="language-no-such-grammar">plain <i>text</i></code></pre>

<pre><code class="JS">const upper = 'case';</code></pre>

---

<pre><code class="html" data-trim>
<!DOCTYPE html>
<HTML lang=en>
<head><title>A &amp; B</title></head>
<body><P class=x>unclosed<li>item<td>cell</body>
</HTML>
</code></pre>

<pre><code class="xml" data-trim>
<svg viewBox="0 0 10 10"><foreignObject width=5><div>html</div></foreignObject><linearGradient/></svg>
</code></pre>

---

<pre><code class="css" data-line-numbers="1|3">a { color: red; }</code><code class="css" data-line-numbers="1|2">b {
  color: blue;
}</code></pre>

----

## Vertical

\`\`\`js [1-2|3]
/* a comment
   over two lines */
const t = \`x \${
  y} z\`;
\`\`\`

\`\`\`python [5: 2]
x = "a & b"
y = '<tag>'
\`\`\`

<aside class="notes"><pre><code class="js" data-trim>
  const inAside = <b>1</b>;
</code></pre></aside>

Note: Speaker notes with code:

\`\`\`js
const note = 1;
\`\`\`
`;

const REVEAL_OPTIONS = { hash: false, transition: 'none' };

async function referenceSite(folder: string, body: string, options: Record<string, unknown>): Promise<string> {
  const require = createRequire(import.meta.url);
  const dist = join(dirname(require.resolve('reveal.js')));
  const root = join(folder, 'reference');
  await mkdir(join(root, 'plugin'), { recursive: true });
  // Served as .js: the static server types modules by that extension.
  for (const file of ['reveal.mjs', 'reveal.css', 'plugin/markdown.mjs', 'plugin/highlight.mjs']) await copyFile(join(dist, file), join(root, file.replace('.mjs', '.js')));
  const template = body.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  await writeFile(
    join(root, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="reveal.css"></head><body>
<div class="reveal"><div class="slides">
<section data-markdown data-separator="\\r?\\n---\\r?\\n" data-separator-vertical="\\r?\\n----\\r?\\n"><textarea data-template>${template}</textarea></section>
</div></div>
<script type="module">
import Reveal from './reveal.js';
import Markdown from './plugin/markdown.js';
import Highlight from './plugin/highlight.js';
Reveal.initialize({ ...${JSON.stringify(options)}, plugins: [Markdown, Highlight] });
</script></body></html>`,
  );
  return root;
}

/**
 * Every `<pre>` of every slide, as the page's DOM serializes it, and those of its notes. Notes are
 * compared as a set: reveal.js keeps an aside and the text after `Note:` in two asides, Lectern in one.
 */
async function codeBlocks(page: Page): Promise<{ slide: string[]; notes: string[] }[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.reveal .slides section'))
      .filter((section) => section.querySelector(':scope > section') === null)
      .map((section) => {
        const pres = Array.from(section.querySelectorAll('pre')).filter((pre) => pre.parentElement?.closest('pre') === null);
        const inNotes = (pre: Element) => pre.closest('aside.notes') !== null;
        return {
          slide: pres.filter((pre) => !inNotes(pre)).map((pre) => pre.outerHTML),
          notes: pres.filter(inNotes).map((pre) => pre.outerHTML).sort(),
        };
      }),
  );
}

function deck(body: string, options: Record<string, unknown>): string {
  return `---\ntitle: Code\nrevealOptions: ${JSON.stringify(options)}\n---\n${body}`;
}

let folder: string;
test.beforeEach(async () => {
  folder = await tempFolder({});
});
test.afterEach(async () => {
  await removeFolder(folder);
});

async function reference(page: Page, body: string, options: Record<string, unknown>): Promise<{ slide: string[]; notes: string[] }[]> {
  const site = await serveStatic(await referenceSite(folder, body, options));
  try {
    await openDeck(page, site.url);
    return await codeBlocks(page);
  } finally {
    await site.close();
  }
}

test('raw HTML and fenced code: the dev server, the built site and reveal.js\'s own plugins give the same DOM', async ({ page }) => {
  const expected = await reference(page, BODY, REVEAL_OPTIONS);
  expect(expected.flatMap((slide) => [...slide.slide, ...slide.notes]).length).toBe(17);

  await writeFile(join(folder, 'code.md'), deck(BODY, REVEAL_OPTIONS));
  const server = await dev(join(folder, 'code.md'));
  try {
    await openDeck(page, server.url);
    expect(await codeBlocks(page)).toEqual(expected);
    expect(await page.evaluate(() => window.Reveal.getSlideNotes(window.Reveal.getSlide(7, 1)))).toContain('hljs-keyword');

    // A hot update brings a raw block in as the plugin would have left it.
    const updated = armEvent(page);
    await atomicSave(join(folder, 'code.md'), deck(BODY.replace('# Raw HTML', '# Raw HTML\n\n<pre><code data-trim data-line-numbers="1|2">\nlet a = 1;\nlet b = <b>2</b>;\n</code></pre>'), REVEAL_OPTIONS));
    await (await updated)();
    const after = await codeBlocks(page);
    expect(after[0]!.slide).toEqual([expected[1]!.slide[0], expected[0]!.slide[0]]);
  } finally {
    await server.close();
  }

  await buildSite({ target: join(folder, 'code.md'), out: join(folder, 'dist') });
  const site = await serveStatic(join(folder, 'dist'));
  try {
    await openDeck(page, site.url);
    const built = await codeBlocks(page);
    expect(built.slice(1)).toEqual(expected.slice(1));
  } finally {
    await site.close();
  }
});

test('the highlight options escapeHTML and highlightOnLoad are followed as the plugin follows them', async ({ page }) => {
  const body = BODY.split('\n---\n').slice(0, 4).join('\n---\n');
  for (const highlight of [{ escapeHTML: false }, { highlightOnLoad: false }]) {
    const options = { ...REVEAL_OPTIONS, highlight };
    const expected = await reference(page, body, options);
    await writeFile(join(folder, 'code.md'), deck(body, options));
    const server = await dev(join(folder, 'code.md'));
    try {
      await openDeck(page, server.url);
      expect(await codeBlocks(page)).toEqual(expected);
    } finally {
      await server.close();
    }
  }
});

test('a PDF shows raw HTML code as source text, one page per line step', async () => {
  const body = BODY.split('\n---\n').slice(0, 2).join('\n---\n');
  await writeFile(join(folder, 'code.md'), deck(body, REVEAL_OPTIONS));
  const output = join(folder, 'code.pdf');
  const [result] = await exportPdfs([{ deck: join(folder, 'code.md'), output }], {});
  expect(result!.warnings).toEqual([]);
  const pdf = await readPdf(output);
  expect(pdf.pages).toBe(3); // the first slide; the second and its step
  // The PDF's text comes in runs, one per highlighted token: compared without spaces.
  const text = (page: number) => pdf.texts[page]!.replace(/\s+/g, '');
  expect(text(0)).toContain('<spanid="outer">inline<p>block</p>more</span>');
  expect(text(1)).toContain('<b>2</b>;');
});
