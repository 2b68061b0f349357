import { createRequire } from 'node:module';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { katexSettingsOf, splitAtDelimiters } from './math.ts';
import { parseSource } from '../node/renderers.ts';

const load = createRequire(import.meta.url);

/**
 * A DOM as text, each element's attributes sorted and `xmlns` left out: KaTeX's DOM and string renderers
 * order attributes differently, and only the string one writes the (redundant in HTML) `xmlns` of an svg.
 */
function canonical(html: string): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const holder = document.createElement('div');
  holder.innerHTML = html;
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
