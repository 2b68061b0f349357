import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { katexSettingsOf, mathEngineOf, splitAtDelimiters } from './math.ts';
import { mathJaxSettingsOf } from './mathjax.ts';
import { parseDeck } from './parse.ts';
import { renderSlides } from './render.ts';
import { createRenderers, nodeRenderers, parseSource } from '../node/renderers.ts';

const load = createRequire(import.meta.url);

/**
 * A DOM as text, each element's attributes sorted and `xmlns` left out: KaTeX's DOM and string renderers
 * order attributes differently, and only the string one writes the (redundant in HTML) `xmlns` of an svg.
 */
function canonical(html: string): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const holder = document.createElement('div');
  // A browser closes `<mi/>` inside <math> and <svg> (foreign content); linkedom's parser does not.
  holder.innerHTML = html.replace(/<([a-z][\w-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/>/g, '<$1$2></$1>');
  const walk = (node: Node): string => {
    if (node.nodeType === 3) return node.textContent ?? '';
    if (node.nodeType !== 1) return '';
    const element = node as Element;
    const attributes = Array.from(element.attributes).filter((a) => a.name !== 'xmlns').map((a) => `${a.name.toLowerCase()}="${a.value.replace(/;$/, '')}"`).sort();
    return `<${element.tagName.toLowerCase()} ${attributes.join(' ')}>${Array.from(element.childNodes, walk).join('')}</>`;
  };
  return Array.from(holder.childNodes, walk).join('');
}

function deck(body: string, katex = '{}') {
  return parseSource(`---\nrevealOptions:\n  katex: ${katex}\n---\n${body}`, '/talks/math.md');
}

describe('KaTeX math, rendered at compile time', () => {
  const settings = katexSettingsOf({ katex: {} })!;

  it('splits text at the plugin\'s delimiters as auto-render does', () => {
    expect(splitAtDelimiters('a $x$ b $$y$$ c \\(z\\) d \\[w\\]', settings.delimiters)).toEqual([
      { math: false, text: 'a ' },
      { math: true, text: 'x', raw: '$x$', display: false },
      { math: false, text: ' b ' },
      { math: true, text: 'y', raw: '$$y$$', display: true },
      { math: false, text: ' c ' },
      { math: true, text: 'z', raw: '\\(z\\)', display: false },
      { math: false, text: ' d ' },
      { math: true, text: 'w', raw: '\\[w\\]', display: true },
    ]);
    // Braces and backslashes protect a delimiter; an unclosed one is text.
    expect(splitAtDelimiters('$a{$}b\\$c$ and $open', settings.delimiters)).toEqual([
      { math: true, text: 'a{$}b\\$c', raw: '$a{$}b\\$c$', display: false },
      { math: false, text: ' and ' },
      { math: false, text: '$open' },
    ]);
  });

  it('renders what KaTeX\'s own auto-render renders in the browser, slide and notes', () => {
    const body = '# Euler $e^{i\\pi} + 1 = 0$\n\n- where $$\\sum_{n=0}^\\infty \\frac{x^n}{n!}$$ <!-- .element: class="fragment" -->\n- `$not math$` and <span class="x">$y$</span>\n\nNote: say $\\sqrt{2}$ aloud\n';
    const { deck: compiled, warnings } = deck(body);
    expect(warnings).toEqual([]);
    const slide = compiled.stacks[0]![0]!;

    // The reference: reveal.js's plugin calls renderMathInElement on the slides, with its defaults.
    const { document, Node } = parseHTML(`<!doctype html><html><body><section></section><aside></aside></body></html>`);
    Object.assign(globalThis, { document, Node });
    const renderMathInElement = load('katex/dist/contrib/auto-render.js') as (element: unknown, options: unknown) => void;
    const rendered = (html: string) => {
      const holder = document.createElement('div');
      holder.innerHTML = html;
      renderMathInElement(holder, { delimiters: settings.delimiters, ignoredTags: settings.ignoredTags });
      return holder.innerHTML;
    };
    const unrendered = parseSource(`---\n---\n${body}`, '/talks/math.md').deck.stacks[0]![0]!;
    expect(canonical(slide.html)).toBe(canonical(rendered(unrendered.html)));
    expect(canonical(slide.notesHtml)).toBe(canonical(rendered(unrendered.notesHtml)));
    expect(slide.html).toContain('class="katex-display"');
    expect(slide.html).toContain('<code>$not math$</code>');
    expect(slide.heading).toBe('Euler $e^{i\\pi} + 1 = 0$');
    expect(slide.fragments).toBe(1);
  });

  it('leaves a formula KaTeX cannot parse as written, with a warning at its line', () => {
    const { deck: compiled, warnings } = deck('# Broken\n\nfine $x$\n\nthen $\\frac{1}$ here\n');
    expect(compiled.stacks[0]![0]!.html).toContain('then $\\frac{1}$ here');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'math-error', file: '/talks/math.md', line: 9 });
    expect(warnings[0]!.message).toContain('$\\frac{1}$');
  });

  it('uses the deck\'s katex options (delimiters, macros) and leaves decks without math alone', () => {
    const custom = deck('# M\n\n%%\\RR%%\n', '{ delimiters: [{ left: "%%", right: "%%", display: false }], macros: { "\\\\RR": "\\\\mathbb{R}" } }');
    expect(custom.warnings).toEqual([]);
    expect(custom.deck.stacks[0]![0]!.html).toContain('<annotation encoding="application/x-tex">\\RR</annotation>');
    expect(custom.deck.stacks[0]![0]!.html).toContain('mathbb');
    const plain = parseSource('# Money\n\n$5 and $10\n', '/talks/plain.md').deck.stacks[0]![0]!;
    expect(plain.html).toContain('$5 and $10');
  });
});

// MathJax loads a copy of itself per option set: seconds on a busy machine.
describe('macros defined on one slide, on the slides after it', { timeout: 60_000 }, () => {
  const katexDeck = (second: string) => `---\nrevealOptions:\n  katex: {}\n---\n# One\n\n$\\gdef\\RR{\\mathbb{R}}$ ${second}\n\n---\n\n# Two\n\nplain\n\n---\n\n# Three\n\n$x \\in \\RR$\n`;

  it('work with KaTeX (\\gdef), in slide order', () => {
    const { deck: compiled, warnings } = parseSource(katexDeck(''), '/talks/m.md');
    expect(warnings).toEqual([]);
    expect(compiled.stacks[2]![0]!.html).toContain('mathbb');
    // Before its definition, a macro is unknown.
    const early = parseSource(`---\nrevealOptions:\n  katex: {}\n---\n# Zero\n\n$\\RR$\n\n---\n\n${katexDeck('').split('---\n').slice(2).join('---\n')}`, '/talks/m.md');
    expect(early.warnings).toMatchObject([{ code: 'math-error', line: 7 }]);
  });

  it('keep the slide cache right: a changed definition renders the slides that use it again', () => {
    const first = parseDeck({ source: katexDeck(''), file: '/talks/m.md', renderers: nodeRenderers });
    const edited = katexDeck('').replace('\\mathbb{R}', '\\mathcal{R}');
    const cached = parseDeck({ source: edited, file: '/talks/m.md', renderers: nodeRenderers, cache: first.cache });
    const fresh = parseDeck({ source: edited, file: '/talks/m.md', renderers: nodeRenderers });
    expect(renderSlides(cached.deck)).toBe(renderSlides(fresh.deck));
    expect(cached.deck.stacks[2]![0]!.html).toContain('mathcal');
    // The slide without math came from the cache, whatever the macros.
    expect(cached.cache.size).toBe(3);
    expect([...cached.cache.values()].filter((slide) => [...first.cache.values()].includes(slide))).toHaveLength(1);
  });

  it('keep the slide cache right with MathJax too, whichever slides come from the cache', () => {
    const source = (definition: string) => `---\nrevealOptions:\n  mathjax3: {}\n---\n# One\n\n$\\def\\V{${definition}}$\n\n---\n\n# Two\n\n$\\V + 1$\n\n---\n\n# Three\n\n$\\def\\W{w}\\V$\n`;
    const first = parseDeck({ source: source('a'), file: '/talks/m.md', renderers: nodeRenderers });
    const edited = parseDeck({ source: source('b'), file: '/talks/m.md', renderers: nodeRenderers, cache: first.cache });
    // Back to the first version: every slide comes from a cache, and the engine is where the last edit left it.
    const back = parseDeck({ source: source('a'), file: '/talks/m.md', renderers: nodeRenderers, cache: edited.cache });
    expect(renderSlides(edited.deck)).toBe(renderSlides(parseDeck({ source: source('b'), file: '/talks/m.md', renderers: createRenderers() }).deck));
    expect(renderSlides(back.deck)).toBe(renderSlides(first.deck));
    expect(edited.deck.stacks[1]![0]!.html).toContain('data-latex="b"');
    expect(first.deck.stacks[1]![0]!.html).toContain('data-latex="a"');
  });

  for (const engine of ['mathjax2', 'mathjax3', 'mathjax4']) {
    it(`work with MathJax (${engine}): \\def, \\newcommand and \\gdef carry over, equations go on being numbered`, () => {
      const tags = engine === 'mathjax2' ? 'TeX: { equationNumbers: { autoNumber: AMS } }' : 'tex: { tags: ams }';
      const source = `---\nrevealOptions:\n  ${engine}: { ${tags} }\n---\n# One\n\n$\\def\\RR{\\mathbb{R}}\\newcommand{\\half}[1]{\\frac{#1}{2}}\\gdef\\NN{\\mathbb{N}}$\n\n\\begin{equation}a\\end{equation}\n\n---\n\n# Two\n\n$\\RR + \\half{x} + \\NN$ and $\\nosuchmacro$\n\n\\begin{equation}b\\end{equation}\n`;
      const { deck: compiled, warnings } = parseSource(source, '/talks/m.md');
      expect(warnings).toEqual([expect.objectContaining({ code: 'math-error', line: 15, message: expect.stringContaining('\\nosuchmacro') })]);
      const two = compiled.stacks[1]![0]!.html;
      expect(two).toContain('data-latex="\\RR + \\half{x} + \\NN"');
      expect(two).toContain('$\\nosuchmacro$');
      // The second numbered equation is (2): numbering runs through the deck, as on one page.
      expect(two).toContain('id="mjx-eqn:2"');
      expect(compiled.stacks[0]![0]!.html).toContain('id="mjx-eqn:1"');
    });
  }
});

describe('MathJax math, rendered at compile time', { timeout: 60_000 }, () => {
  it('renders what MathJax renders over the same slide in a page, for each plugin version', () => {
    const { mathjax } = load('@mathjax/src/js/mathjax.js');
    const { TeX } = load('@mathjax/src/js/input/tex.js');
    const { SVG } = load('@mathjax/src/js/output/svg.js');
    const { liteAdaptor } = load('@mathjax/src/js/adaptors/liteAdaptor.js');
    const { RegisterHTMLHandler } = load('@mathjax/src/js/handlers/html.js');
    const { AssistiveMmlHandler } = load('@mathjax/src/js/a11y/assistive-mml.js');
    const adaptor = liteAdaptor();
    AssistiveMmlHandler(RegisterHTMLHandler(adaptor));
    const packages = join(dirname(load.resolve('@mathjax/src/js/input/tex.js')), 'tex');
    const loadPackage = (name: string) => load(join(packages, name, readdirSync(join(packages, name)).find((file) => file.endsWith('Configuration.js'))!));
    const body = '# Euler $e^{i\\pi} + 1 = 0$\n\nCosts \\\\$5; $$\\sum_{n=0}^\\infty \\frac{x^n}{n!}$$ and $a < b$\n\n- `$not math$` and <span class="tex2jax_ignore">$y$</span>\n- \\begin{align}a &= b\\end{align}\n';
    for (const engine of ['mathjax3', 'mathjax4'] as const) {
      const { deck: compiled, warnings } = parseSource(`---\nrevealOptions:\n  ${engine}: {}\n---\n${body}`, '/talks/m.md');
      expect(warnings).toEqual([]);
      const unrendered = parseSource(`---\n---\n${body}`, '/talks/m.md').deck.stacks[0]![0]!.html;
      const settings = mathJaxSettingsOf(engine === 'mathjax3' ? 'MathJax3' : 'MathJax4', {}).settings;
      settings.engine.packages.forEach(loadPackage);
      // The reference: MathJax's own document over the slide, configured as the plugin configures it.
      const page = mathjax.document(`<html><body>${unrendered}</body></html>`, {
        InputJax: new TeX({ packages: settings.engine.packages, inlineMath: [['$', '$'], ['\\(', '\\)']] }),
        OutputJax: new SVG({ fontCache: 'none' }),
        skipHtmlTags: ['script', 'noscript', 'style', 'textarea', 'pre', 'code'],
        ignoreHtmlClass: engine === 'mathjax3' ? 'tex2jax_ignore' : 'mathjax_ignore',
      });
      page.render();
      const reference = adaptor.innerHTML(adaptor.body(page.document));
      expect(canonical(compiled.stacks[0]![0]!.html)).toBe(canonical(reference));
      expect(compiled.stacks[0]![0]!.html).toContain('Costs <span>$</span>5');
    }
  });

  it('gives `math` (reveal.js\'s default plugin) to MathJax 2, with MathJax\'s stylesheet and no plugin in the page', () => {
    const { deck: compiled } = parseSource('---\nrevealOptions:\n  math: {}\n---\n# $x$\n', '/talks/m.md');
    expect(mathEngineOf(compiled.options.revealOptions)).toBe('MathJax2');
    expect(compiled.stacks[0]![0]!.html).toContain('<mjx-container class="MathJax" jax="SVG"');
  });
});
