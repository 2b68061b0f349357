import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../node/renderers.ts';

function only(source: string) {
  const { deck, warnings } = parseSource(source, 'deck.md');
  const slide = deck.stacks[0]![0]!;
  const { document } = parseHTML(`<!doctype html><html><body><section>${slide.html}</section></body></html>`);
  return { slide, warnings, section: document.querySelector('section')! };
}

describe('attribute comments (reveal.js 6.0.2 rules)', () => {
  it('sets .slide attributes on the section wherever the comment is', () => {
    const { slide } = only('# A\n\ntext\n\n<!-- .slide: data-background="#ff0000" class="dark" data-auto-animate -->');
    expect(slide.attributes).toEqual({ 'data-background': '#ff0000', class: 'dark', 'data-auto-animate': '' });
  });

  it('puts .element on the paragraph that holds the comment', () => {
    const { section } = only('Hello <!-- .element: class="fragment" data-fragment-index="2" -->');
    expect(section.querySelector('p')!.getAttribute('class')).toBe('fragment');
    expect(section.querySelector('p')!.getAttribute('data-fragment-index')).toBe('2');
  });

  it('accepts .element without a colon', () => {
    const { section } = only('Hello <!-- .element class="fragment" -->');
    expect(section.querySelector('p.fragment')).not.toBeNull();
  });

  it('targets the previous element sibling, skipping <br>', () => {
    const { section } = only('<div><img src="a.png"><br>\n<!-- .element: class="fragment" --></div>');
    expect(section.querySelector('img')!.getAttribute('class')).toBe('fragment');
  });

  it('targets the inline element before the comment and warns about it', () => {
    const { section, warnings } = only('- **bold** text <!-- .element: class="fragment" -->');
    expect(section.querySelector('strong')!.className).toBe('fragment');
    expect(section.querySelector('li')!.className).toBe('');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'element-targets-inline', line: 1 });
  });

  it('targets the last <li> after a list with no blank line, the list after a blank line', () => {
    const tight = only('- a\n- b\n<!-- .element: class="fragment" -->').section;
    expect(tight.querySelector('li:last-child')!.className).toBe('fragment');
    const loose = only('- a\n- b\n\n<!-- .element: class="fragment" -->').section;
    expect(loose.querySelector('ul')!.className).toBe('fragment');
  });

  it('only parses quoted values and bare data-* names', () => {
    const { section } = only('Hi <!-- .element: class=fragment data-id="x" hidden -->');
    const p = section.querySelector('p')!;
    expect(p.getAttribute('data-id')).toBe('x');
    expect(p.hasAttribute('class')).toBe(false);
    expect(p.hasAttribute('hidden')).toBe(false);
  });

  it('leaves other comments alone', () => {
    const { slide } = only('Hi <!-- just a comment -->');
    expect(slide.attributes).toEqual({});
    expect(slide.html).toContain('<!-- just a comment -->');
  });
});

describe('speaker notes', () => {
  it('splits at Note: or Notes:, case-insensitive, and renders Markdown', () => {
    expect(only('# A\n\nNote: say **this**').slide.notesHtml).toBe('<p>say <strong>this</strong></p>\n');
    expect(only('# A\nnotes:\n- one').slide.notesHtml).toContain('<li>one</li>');
    expect(only('# A\nNOTE: x').slide.html).not.toContain('NOTE');
  });

  it('never splits inside code', () => {
    const { slide, section } = only('```\nNote: in code\n```\nNote: real');
    expect(section.querySelector('code')!.textContent).toBe('Note: in code');
    expect(slide.notesHtml).toBe('<p>real</p>\n');
  });

  it('keeps a raw <aside class="notes"> as notes', () => {
    const { slide } = only('# A\n\n<aside class="notes">Hidden</aside>');
    expect(slide.notesHtml).toBe('Hidden');
    expect(slide.html).not.toContain('Hidden');
  });

  it('honours the deck notesSeparator', () => {
    const { slide } = only('---\nnotesSeparator: "^\\\\?\\\\?\\\\?"\n---\n# A\n???\nsecret');
    expect(slide.notesHtml).toBe('<p>secret</p>\n');
  });

  it('does not treat an indented "Note:" as notes (reveal.js matches at the line start)', () => {
    expect(only('# A\n\n  Note: inline').slide.notesHtml).toBe('');
  });
});

describe('Markdown', () => {
  it('renders GFM tables, task lists, strikethrough, autolinks and Unicode', () => {
    const { section } = only('| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ https://example.com 🎉 ünïcödé');
    expect(section.querySelectorAll('td')).toHaveLength(2);
    expect(section.querySelector('input[type="checkbox"]')!.hasAttribute('checked')).toBe(true);
    expect(section.querySelector('del')!.textContent).toBe('old');
    expect(section.querySelector('a')!.getAttribute('href')).toBe('https://example.com');
    expect(section.textContent).toContain('🎉 ünïcödé');
  });

  it('renders Markdown between raw HTML blocks', () => {
    const { section } = only('<div class="cols">\n\n**bold**\n\n</div>');
    expect(section.querySelector('div.cols strong')!.textContent).toBe('bold');
  });

  it('counts fragment steps, sharing data-fragment-index', () => {
    const { slide } = only('<p class="fragment" data-fragment-index="1">a</p><p class="fragment" data-fragment-index="1">b</p>\n\nc <!-- .element: class="fragment" -->');
    expect(slide.fragments).toBe(2);
  });

  it('makes every list item a fragment with markdown.animateLists', () => {
    const { section } = only('---\nrevealOptions:\n  markdown:\n    animateLists: true\n---\n- a\n- b');
    expect(section.querySelectorAll('li.fragment')).toHaveLength(2);
  });
});

// The cases of reveal.js's own test-markdown-element-attributes, with the default separators.
describe('reveal.js element-attribute test cases', () => {
  const cases: [string, string][] = [
    ['## Slide 1 Def <!-- .element: class="fragment highlight-red" data-fragment-index="1" -->', 'h2'],
    ['## Slide 2 Def\n<!-- .element: class="fragment highlight-red" -->', 'h2'],
    ['## Hello world\nA paragraph\n<!-- .element: class="fragment highlight-blue" -->', 'p'],
    ['## Hello world\n\nMultiple  \nLine\n<!-- .element: class="fragment highlight-blue" -->', 'p'],
    ['## Hello world\n\nTest<!-- .element: class="fragment highlight-blue" -->\n\nMore Test', 'p'],
    ['- list item 1 <!-- .element: class="fragment" -->\n- list item 2', 'li'],
    ['- list item 3\n- list item 4\n<!-- .element: class="fragment" -->\n- list item 5', 'li'],
  ];
  for (const [source, tag] of cases) {
    it(`puts the attributes on the <${tag}>: ${JSON.stringify(source).slice(0, 50)}`, () => {
      const { section } = only(source);
      const fragments = Array.from(section.querySelectorAll('.fragment'));
      expect(fragments.map((element) => element.tagName.toLowerCase())).toEqual([tag]);
    });
  }
});
