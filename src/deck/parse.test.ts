import { existsSync, readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { LecternError } from '../errors.ts';
import { parseSource } from '../node/renderers.ts';
import { renderSlides } from './render.ts';

// The repository's own fixture talk, used by the unit tests, the e2e tests and the bench.
const fixturePath = new URL('../../e2e/fixtures/talk.md', import.meta.url);
// The talk our fixture was modelled on; only on the project's machine, never in a user's clone.
const sharedTalkPath = new URL('../../../shared/fixtures/mooc-talk.md', import.meta.url);

function dom(html: string) {
  return parseHTML(`<!doctype html><html><body><div class="slides">${html}</div></body></html>`).document;
}

function slidesOf(source: string) {
  return parseSource(source, 'deck.md').deck.stacks;
}

/** What the fixture tests rely on: stack sizes, the tag each fragment lands on, the lines of slides and images. */
function shapeOf(path: URL) {
  const { deck } = parseSource(readFileSync(path, 'utf8'), 'talk.md');
  const slides = deck.stacks.flat();
  return {
    stacks: deck.stacks.map((stack) => stack.length),
    fragmentTags: Array.from(dom(renderSlides(deck)).querySelectorAll('.fragment'), (element) => element.tagName),
    assetLines: slides.flatMap((slide) => slide.assets.map((asset) => asset.line)),
    slideLines: slides.map((slide) => slide.line),
  };
}

describe('the fixture talk (e2e/fixtures/talk.md)', () => {
  const { deck, warnings } = parseSource(readFileSync(fixturePath, 'utf8'), 'talk.md');
  const page = dom(renderSlides(deck));

  it('has 9 horizontal slides and 20 in all', () => {
    expect(deck.stacks).toHaveLength(9);
    expect(deck.stacks.flat()).toHaveLength(20);
    expect(deck.stacks.map((stack) => stack.length)).toEqual([1, 1, 1, 4, 2, 7, 2, 1, 1]);
  });

  it('has 40 fragments, each on the element reveal.js puts it on', () => {
    const fragments = Array.from(page.querySelectorAll('.fragment'));
    expect(fragments).toHaveLength(40);
    const tags = fragments.map((element) => element.tagName).join(' ');
    expect(tags).toBe(
      'DIV DIV DIV DIV DIV DIV P P P LI LI LI LI LI LI LI LI LI LI LI A LI LI LI LI LI LI DIV DIV DIV LI LI LI LI LI LI LI DIV LI LI',
    );
    // After an autolink, the comment marks the <a> (reveal.js: previous element sibling).
    expect(page.querySelector('a.fragment')!.getAttribute('href')).toBe('https://lectern.example.org');
    // A comment in the middle of a list item's paragraph marks the item, not the next line.
    expect(page.querySelector('li.fragment')!.textContent).toContain('new format to learn');
    // `.element class=` without a colon works as with one.
    expect(deck.stacks[5]![5]!.html.match(/<li class="fragment">/g)).toHaveLength(3);
  });

  it('takes the front matter options', () => {
    expect(deck.options.theme).toBe('solarized');
    expect(deck.options.separator).toBe('===');
    expect(deck.options.verticalSeparator).toBe('___');
    expect(deck.options.revealOptions['transition']).toBe('none');
    expect(deck.options.title).toMatch(/^From Markdown files to "live, printable" reveal\.js talks/);
  });

  it('reports slide lines and an unknown reveal.js option, and no other warning', () => {
    expect(deck.stacks[0]![0]!.line).toBe(22);
    expect(deck.stacks[1]![0]!.line).toBe(41);
    // The autolink is alone in its paragraph: a fragment on the <a> is meant, not an accident.
    expect(warnings.map((w) => `${w.line} ${w.message}`)).toEqual(["13 unknown reveal.js option 'rollingLinks'"]);
  });

  it('lists the images each slide needs with their lines', () => {
    expect(deck.stacks[0]![0]!.assets).toEqual([
      { url: 'img/forge-logo.svg', line: 31 },
      { url: 'img/printworks.png', line: 36 },
    ]);
    expect(deck.stacks.flat().flatMap((slide) => slide.assets)).toHaveLength(14);
  });
});

describe.skipIf(!existsSync(sharedTalkPath))('../shared/fixtures/mooc-talk.md, the talk our fixture mirrors (only where ../shared exists: skipped in a clone)', () => {
  it('has 9 horizontal slides, 20 in all and 40 fragments', () => {
    const shape = shapeOf(sharedTalkPath);
    expect(shape.stacks).toHaveLength(9);
    expect(shape.stacks.reduce((sum, size) => sum + size, 0)).toBe(20);
    expect(shape.fragmentTags).toHaveLength(40);
  });

  it('has the shape of our fixture: stacks, fragment targets, slide and image lines', () => {
    expect(shapeOf(fixturePath)).toEqual(shapeOf(sharedTalkPath));
  });
});

describe('splitting', () => {
  it('uses reveal-md defaults: --- between slides, ---- between vertical ones', () => {
    const stacks = slidesOf('# A\n\n---\n\n# B\n\n----\n\n# C\n\n---\n\n# D');
    expect(stacks.map((s) => s.map((slide) => slide.heading))).toEqual([['A'], ['B', 'C'], ['D']]);
  });

  it('builds stacks like reveal.js when a deck starts with a vertical separator', () => {
    const stacks = slidesOf('# A\n\n----\n\n# B\n\n---\n\n# C');
    expect(stacks.map((s) => s.map((slide) => slide.heading))).toEqual([['A', 'B'], ['C']]);
  });

  it('never splits inside fenced code', () => {
    const stacks = slidesOf('# A\n\n```yaml\na: 1\n---\nb: 2\n```\n\n~~~\n---\n~~~\n\n---\n\n# B');
    expect(stacks).toHaveLength(2);
    expect(stacks[0]![0]!.html).toContain('b');
  });

  it('treats CRLF decks like LF decks', () => {
    const lf = '---\ntitle: T\n---\n# A\n\n---\n\n# B\nNote: hi';
    const a = parseSource(lf, 'x.md').deck;
    const b = parseSource(lf.replace(/\n/g, '\r\n'), 'x.md').deck;
    expect(b).toEqual(a);
    expect(a.stacks).toHaveLength(2);
  });

  it('only splits on separators that cover a whole line', () => {
    const stacks = slidesOf('---\nseparator: "==="\n---\n# A\n\na === b\n\n===\n\n# B');
    expect(stacks).toHaveLength(2);
    expect(stacks[0]![0]!.html).toContain('a === b');
  });

  it('splits on custom regex separators', () => {
    const stacks = slidesOf('---\nseparator: "^\\\\+\\\\+\\\\+$"\n---\n# A\n+++\n# B');
    expect(stacks.map((s) => s[0]!.heading)).toEqual(['A', 'B']);
  });

  it('reports where each slide starts and ends', () => {
    const stacks = slidesOf('# A\n\n---\n\n\n# B\ntext\n');
    expect(stacks.map((s) => [s[0]!.line, s[0]!.endLine])).toEqual([[1, 1], [6, 7]]);
  });

  it('warns about an unclosed fence with its line', () => {
    const { warnings } = parseSource('# A\n\n```js\nlet a;\n', 'deck.md');
    expect(warnings[0]).toMatchObject({ code: 'unclosed-fence', line: 3 });
  });

  it('strips a BOM', () => {
    expect(slidesOf('\uFEFF# A')[0]![0]!.heading).toBe('A');
  });
});

describe('front matter', () => {
  it('throws one LecternError with file:line:col for broken YAML', () => {
    const broken = '---\ntitle: ok\ntheme: [black\n---\n# A';
    expect(() => parseSource(broken, 'talk.md')).toThrow(LecternError);
    try {
      parseSource(broken, 'talk.md');
    } catch (error) {
      expect((error as LecternError).location).toMatchObject({ file: 'talk.md' });
      expect((error as LecternError).location!.line).toBeGreaterThanOrEqual(3);
    }
  });

  it('warns about unknown keys with a suggestion and a line', () => {
    const { warnings, deck } = parseSource('---\ntitle: T\nseperator: "==="\n---\n# A', 'talk.md');
    expect(warnings).toContainEqual({
      code: 'unknown-option',
      message: "unknown option 'seperator' — did you mean 'separator'?",
      file: 'talk.md',
      line: 3,
      column: 1,
    });
    expect(deck.options.separator).toBe('\\r?\\n---\\r?\\n');
  });

  it('warns about wrong types and keeps the default', () => {
    const { warnings, deck } = parseSource('---\ntheme: 3\nrevealOptions: nope\n---\n# A', 'talk.md');
    expect(warnings.map((w) => w.line)).toEqual([2, 3]);
    expect(deck.options.theme).toBe('black');
    expect(deck.options.revealOptions).toEqual({});
  });

  it('warns about an invalid separator regex', () => {
    const { warnings } = parseSource('---\nseparator: "(("\n---\n# A', 'talk.md');
    expect(warnings[0]!.message).toContain('not a valid regular expression');
  });

  it('accepts a single css file or a list', () => {
    expect(parseSource('---\ncss: a.css\n---\n', 'x.md').deck.options.css).toEqual(['a.css']);
    expect(parseSource('---\ncss: [a.css, b.css]\n---\n', 'x.md').deck.options.css).toEqual(['a.css', 'b.css']);
  });

  it('warns about an unknown theme', () => {
    const { warnings } = parseSource('---\ntheme: solarised\n---\n', 'x.md');
    expect(warnings[0]!.message).toContain("did you mean 'solarized'");
  });
});

describe('a code block shown on several slides', () => {
  // Highlighted once per compile: each slide must still get what it would get alone.
  const block = '<pre class="shown"><aside class="notes">Explain the steps.</aside><code class="js" data-line-numbers="1|2">const a = 1;\nconst b = 2;</code></pre>';
  const alone = (text: string) => slidesOf(text).flat()[0]!;

  it('renders on every slide as on a slide of its own: highlighting, step fragments, notes taken out of it', () => {
    const slides = slidesOf(`${block}\n\n---\n\n# Again\n\n${block}\n\n---\n\n${block}\n<!-- .element: class="big" -->`).flat();
    for (const [index, text] of [block, `# Again\n\n${block}`, `${block}\n<!-- .element: class="big" -->`].entries()) {
      const expected = alone(text);
      expect(slides[index]!.html.trim()).toBe(expected.html.trim()); // blank lines before a separator stay
      expect(slides[index]!.notesHtml).toBe(expected.notesHtml);
      expect(slides[index]!.fragments).toBe(1);
    }
    expect(slides.map((slide) => slide.notesHtml)).toEqual(Array(3).fill('Explain the steps.'));
    expect(slides[0]!.html).toContain('hljs-keyword');
    expect(slides[2]!.html).toContain('<pre class="big code-wrapper">') // set as reveal.js sets it: in place of the class written;
  });
});
