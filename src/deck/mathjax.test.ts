import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { mathJaxSettingsOf, splitMathJax, type FindOptions } from './mathjax.ts';

const load = createRequire(import.meta.url);

/** MathJax's own FindTeX: the reference for where MathJax finds math in a string. */
function findTeX(text: string, find: FindOptions): { open: string; math: string; close: string; start: number; end: number }[] {
  const { FindTeX } = load('@mathjax/src/js/input/tex/FindTeX.js');
  const finder = new FindTeX({ inlineMath: find.inline, displayMath: find.display, processEscapes: find.processEscapes, processEnvironments: find.processEnvironments, processRefs: find.processRefs });
  return finder.findMath([text]).map((item: { open: string; math: string; close: string; start: { n: number }; end: { n: number } }) => ({
    open: item.open,
    math: item.math,
    close: item.close,
    start: item.start.n,
    end: item.end.n,
  }));
}

/** Our pieces, as FindTeX's items (escapes are items whose `open` is a backslash). */
function asItems(text: string, find: FindOptions) {
  const items: { open: string; math: string; close: string; start: number; end: number }[] = [];
  let at = 0;
  for (const piece of splitMathJax(text, find)) {
    const length = piece.math ? piece.raw.length : piece.text.length;
    if (piece.math) {
      const environment = piece.raw.startsWith('\\begin') || /^\\(eq)?ref/.test(piece.raw);
      const open = environment ? '' : piece.raw.slice(0, piece.raw.indexOf(piece.text));
      items.push({ open, math: piece.text, close: environment ? '' : piece.raw.slice(open.length + piece.text.length), start: at, end: at + length });
    }
    at += length;
  }
  return items;
}

describe("MathJax's TeX search, ported", { timeout: 30_000 }, () => {
  const v3 = mathJaxSettingsOf('MathJax3', { mathjax3: {} }).settings.find;
  const v2 = mathJaxSettingsOf('MathJax2', { math: {} }).settings.find;
  const texts = [
    'plain text, no math',
    'inline $x^2$ and display $$\\sum_k k$$ and \\(a\\) and \\[b\\]',
    'braces protect: ${a$b}$ then $c$',
    'an escaped \\$5 and a \\\\ backslash, then $y$',
    'environment \\begin{align} a &= b \\\\ c &= d \\end{align} outside delimiters',
    'nested \\begin{matrix} \\begin{array}{c} 1 \\end{array} \\end{matrix} end',
    'unclosed $x and \\(y and $$z',
    'refs \\ref{eq:1} and \\eqref{eq:2}',
    'control sequences \\$ inside $a\\$b$ and \\frac{1}{2}',
    '$$display$$$inline$',
  ];

  it('finds what MathJax 3/4 finds, with the plugin delimiters', () => {
    // Escapes shorten the text by their backslash: compare what was found, in order.
    const found = (items: { open: string; math: string; close: string }[]) => items.map(({ open, math, close }) => ({ open, math, close }));
    for (const text of texts) expect(found(asItems(text, v3)), text).toEqual(found(findTeX(text, v3).filter((item) => item.open !== '\\')));
  });

  it('finds what MathJax finds with MathJax 2 defaults (no escapes)', () => {
    for (const text of texts) expect(asItems(text, v2), text).toEqual(findTeX(text, v2));
  });

  it('turns escapes into their character, as MathJax shows them', () => {
    expect(splitMathJax('costs \\$5, not $x$', v3)).toEqual([
      { math: false, text: 'costs ' },
      { math: false, text: '$', escaped: true },
      { math: false, text: '5, not ' },
      { math: true, text: 'x', raw: '$x$', display: false },
    ]);
    expect(splitMathJax('costs \\$5', v2)).toEqual([{ math: false, text: 'costs \\$5' }]);
  });
});

describe('MathJax settings per plugin version', () => {
  it('reads mathjax3/mathjax4 as MathJax.config: tex, options, svg or chtml, loader', () => {
    const { settings, problems } = mathJaxSettingsOf('MathJax4', {
      mathjax4: {
        tex: { inlineMath: [['%', '%']], processEscapes: false, macros: { RR: '\\mathbb{R}' }, tags: 'ams', packages: { '[+]': ['physics'], '[-]': ['html'] } },
        options: { skipHtmlTags: { '[-]': ['code'] }, ignoreHtmlClass: 'skip-me' },
        chtml: { scale: 1.2, fontURL: '/fonts' },
        loader: { load: ['[tex]/mathtools', 'ui/menu'] },
      },
    });
    expect(problems).toEqual([]);
    expect(settings.find).toEqual({ inline: [['%', '%']], display: [['$$', '$$'], ['\\[', '\\]']], processEscapes: false, processEnvironments: true, processRefs: true });
    expect(settings.engine.tex).toEqual({ macros: { RR: '\\mathbb{R}' }, tags: 'ams' });
    expect(settings.engine.output).toEqual({ scale: 1.2 });
    expect(settings.engine.packages).toEqual(expect.arrayContaining(['base', 'ams', 'textmacros', 'begingroup', 'physics', 'mathtools']));
    expect(settings.engine.packages).not.toContain('html');
    expect(settings.skipTags.test('code')).toBe(false);
    expect(settings.skipTags.test('pre')).toBe(true);
    expect(settings.ignoreClass.test('a skip-me b')).toBe(true);
  });

  it('gives MathJax 3 decks the plugin defaults, without MathJax 4 additions', () => {
    const { settings } = mathJaxSettingsOf('MathJax3', { mathjax3: {} });
    expect(settings.find.inline).toEqual([['$', '$'], ['\\(', '\\)']]);
    expect(settings.find.processEscapes).toBe(true);
    expect(settings.engine.packages).not.toContain('textmacros');
    expect(settings.ignoreClass.test('tex2jax_ignore')).toBe(true);
  });

  it('reads mathjax2 (and math) with tex2jax and TeX blocks, as MathJax 2 did', () => {
    const { settings } = mathJaxSettingsOf('MathJax2', {
      math: { tex2jax: { inlineMath: [['$', '$']], processEscapes: true }, TeX: { Macros: { RR: '{\\bf R}' }, extensions: ['AMSmath.js', 'cancel.js'], equationNumbers: { autoNumber: 'AMS' } } },
    });
    expect(settings.find.inline).toEqual([['$', '$']]);
    expect(settings.find.processEscapes).toBe(true);
    expect(settings.engine.tex).toEqual({ macros: { RR: '{\\bf R}' }, tags: 'ams' });
    // MathJax 2's \color took its text as an argument.
    expect(settings.engine.packages).toContain('colorv2');
    expect(settings.engine.packages).not.toContain('color');
    expect(settings.engine.packages).toContain('cancel');
  });

  it('reports unknown packages and drops them', () => {
    const { settings, problems } = mathJaxSettingsOf('MathJax3', { mathjax3: { tex: { packages: ['base', 'nosuch', 'require', 'autoload'] } } });
    expect(problems).toEqual([expect.stringContaining("unknown MathJax TeX package 'nosuch'")]);
    expect(settings.engine.packages).toEqual(expect.arrayContaining(['base', 'cancel', 'mhchem']));
    expect(settings.engine.packages).not.toContain('require');
  });
});
