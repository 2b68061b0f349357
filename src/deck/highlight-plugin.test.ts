import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { nodeRenderers } from '../node/renderers.ts';
import { deserializeHighlightSteps, highlightConfigOf, serializeHighlightSteps, trimCode, type HighlightConfig } from './highlight-plugin.ts';
import { highlightCodeInHtml } from './html-code.ts';

const DEFAULTS: HighlightConfig = { highlightOnLoad: true, escapeHTML: true };

/** Runs the port over some HTML and gives it back as a document to query. */
function run(html: string, config = DEFAULTS) {
  const out = highlightCodeInHtml(html, { config, highlighter: nodeRenderers.highlight });
  return { html: out, document: parseHTML(`<!doctype html><html><body>${out}</body></html>`).document };
}

describe('reveal.js highlight plugin: its helpers', () => {
  it('reads and writes line steps as the plugin does, odd input included', () => {
    expect(deserializeHighlightSteps('1,3|4-5')).toEqual([[{ start: 1 }, { start: 3 }], [{ start: 4, end: 5 }]]);
    expect(deserializeHighlightSteps(' 2 - 4 ,x|')).toEqual([[{ start: 2, end: 4 }, {}], [{}]]);
    expect(deserializeHighlightSteps('1-')).toEqual([[{ start: 1 }]]);
    expect(serializeHighlightSteps([[{ start: 2, end: 4 }, {}], [{ start: 7 }]])).toBe('2-4,|7');
  });

  it('trims blank edge lines and the common indentation, counting tabs and no-break spaces', () => {
    expect(trimCode('\n\n    a\n      b\n\n    c\n  \n')).toBe('a\n  b\n\nc');
    expect(trimCode('\n\t\tx\n\t\t\ty\n')).toBe('x\n\ty');
    expect(trimCode('\u00a0 a\n\u00a0 b')).toBe('a\nb');
    expect(trimCode('\n  \n')).toBe('');
  });

  it('takes highlight options only when they are booleans', () => {
    expect(highlightConfigOf({})).toEqual(DEFAULTS);
    expect(highlightConfigOf({ highlight: { escapeHTML: false, highlightOnLoad: 'no' } })).toEqual({ highlightOnLoad: true, escapeHTML: false });
  });
});

describe('reveal.js highlight plugin: raw HTML blocks', () => {
  it('escapes what the parser made of the markup and highlights it by its class', () => {
    const { document } = run('<pre><code class="html" data-trim>\n<span id=outer>inline <P>block</p> more</span>\n</code></pre>');
    const code = document.querySelector('code')!;
    expect(code.textContent).toBe('<span id="outer">inline <p>block</p> more</span>');
    expect(code.getAttribute('class')).toBe('html hljs language-xml');
    expect(code.getAttribute('data-highlighted')).toBe('yes');
    expect(code.querySelectorAll('.hljs-tag').length).toBe(4);
    expect(document.querySelector('pre')!.getAttribute('class')).toBe('code-wrapper');
  });

  it('keeps markup with data-noescape, which highlighting then reduces to its text', () => {
    expect(run('<pre><code class="nohighlight" data-noescape>a <mark>b</mark></code></pre>').document.querySelector('mark')!.textContent).toBe('b');
    const { document } = run('<pre><code class="js" data-noescape>let <mark>x</mark> = 1;</code></pre>');
    expect(document.querySelector('mark')).toBeNull();
    expect(document.querySelector('code')!.textContent).toBe('let x = 1;');
  });

  it('shows a text/template script as written', () => {
    const { document } = run('<pre><code class="html" data-trim><script type="text/template">\n  <b>&amp;</b>\n</script></code></pre>');
    expect(document.querySelector('code')!.textContent).toBe('<b>&amp;</b>');
  });

  it('numbers lines from data-ln-start-from and makes one fragment per extra step, numbering from data-fragment-index', () => {
    const { document } = run('<pre><code class="python" data-line-numbers="1|2-3|" data-ln-start-from="7" data-fragment-index="4">a = 1\nb = 2\nc = 3</code></pre>');
    const blocks = Array.from(document.querySelectorAll('pre > code'));
    expect(blocks.map((block) => block.getAttribute('data-line-numbers'))).toEqual(['1', '2-3', '']);
    expect(blocks.map((block) => block.getAttribute('data-fragment-index'))).toEqual([null, '4', '5']);
    expect(blocks.map((block) => block.getAttribute('class'))).toEqual([
      'python hljs language-python has-highlights',
      'python hljs language-python fragment has-highlights',
      'python hljs language-python fragment',
    ]);
    expect(Array.from(blocks[1]!.querySelectorAll('tr')).map((row) => row.className)).toEqual(['', 'highlight-line', 'highlight-line']);
    expect(Array.from(blocks[0]!.querySelectorAll('.hljs-ln-n')).map((cell) => cell.getAttribute('data-line-number'))).toEqual(['7', '8', '9']);
  });

  it('splits a token over several lines into one span per line, as hljs-line-numbers does', () => {
    const { document } = run('<pre><code class="js" data-line-numbers>/* one\ntwo */ x</code></pre>');
    const cells = Array.from(document.querySelectorAll('.hljs-ln-code'));
    expect(cells.map((cell) => cell.innerHTML)).toEqual([
      '<span class="hljs-comment"><span class="hljs-comment">/* one</span></span>',
      '<span class="hljs-comment">two */</span> x',
    ]);
  });

  it('names the language as highlight.js does: canonical for an alias, as written otherwise', () => {
    const classOf = (html: string) => run(html).document.querySelector('code')!.getAttribute('class');
    expect(classOf('<pre><code class="js">x</code></pre>')).toBe('js hljs language-javascript');
    expect(classOf('<pre><code class="JS">x</code></pre>')).toBe('JS hljs language-JS');
    expect(classOf('<pre><code class="lang-py">x</code></pre>')).toBe('lang-py hljs language-python');
    expect(classOf('<pre><code class="language-nope">x</code></pre>')).toBe('language-nope');
    expect(classOf('<pre><code data-highlighted="yes" class="js">x</code></pre>')).toBe('js');
  });

  it('auto-detects a block without a language among every grammar; plain text names language-undefined', () => {
    const page = '&lt;!DOCTYPE html&gt;\n&lt;html&gt;\n  &lt;body class="a"&gt;&lt;p&gt;Hi&lt;/p&gt;&lt;/body&gt;\n&lt;/html&gt;';
    expect(run(`<pre><code>${page}</code></pre>`).document.querySelector('code')!.getAttribute('class')).toBe('hljs language-xml');
    expect(run('<pre><code>   </code></pre>').document.querySelector('code')!.getAttribute('class')).toBe('hljs language-undefined');
  });

  it('leaves markup alone without escapeHTML, and everything but the wrapper class without highlightOnLoad', () => {
    const noEscape = run('<pre><code class="html"><b>x</b></code></pre>', { highlightOnLoad: true, escapeHTML: false });
    expect(noEscape.document.querySelector('code')!.textContent).toBe('x');
    const noHighlight = run('<pre><code class="html" data-line-numbers="1|2">&lt;b&gt;</code></pre>', { highlightOnLoad: false, escapeHTML: true });
    expect(noHighlight.html).toBe('<pre class="code-wrapper"><code class="html" data-line-numbers="1|2">&lt;b&gt;</code></pre>');
  });

  it('parses misnested markup as a browser does (the adoption agency moves the list item out of the code)', () => {
    const { document } = run('<pre><code class="html"><p>a<li>b</code></pre>');
    expect(Array.from(document.querySelectorAll('pre > *')).map((element) => element.tagName.toLowerCase())).toEqual(['code', 'li']);
    expect(document.querySelector('li')!.getAttribute('class')).toBe('code-wrapper');
  });

  it('leaves HTML without pre code untouched', () => {
    const html = '<p>a &amp; <code>b</code></p>';
    expect(run(html).html).toBe(html);
  });
});
