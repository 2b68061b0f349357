import { describe, expect, it } from 'vitest';
import { formatWarning } from '../errors.ts';
import { parseSource } from '../node/renderers.ts';
import type { SlideInspection } from '../types.ts';
import { enabledChecks, isFileNameAlt, isVagueLinkText, lintProblems, renderViewport, renderWarnings } from './lint.ts';

const parse = (source: string) => parseSource(source, 'talk.md');

/** What the browser saw of a slide: nothing wrong, unless `seen` says otherwise. */
function inspection(key: string, seen: Partial<SlideInspection> = {}): SlideInspection {
  return {
    key,
    slide: { width: 960, height: 700 },
    content: { width: 960, height: 500 },
    clipped: [],
    missingGlyphs: [],
    images: [],
    links: [],
    lowContrast: { runs: [], count: 0 },
    headings: [],
    ...seen,
  };
}

const TWO_SLIDES = '# One\n\n---\n\n## Two\n';

function warningsFor(source: string, seen: Partial<SlideInspection>, slide = 1): string[] {
  const { deck } = parse(source);
  const key = deck.stacks.flat()[slide]!.key;
  return renderWarnings(deck, [inspection(key, seen)]).map((warning) => formatWarning(warning));
}

describe('render warnings', () => {
  it('say by how much, in % of the slide, a slide is too tall or too wide, at the slide\'s line', () => {
    expect(warningsFor(TWO_SLIDES, { content: { width: 1008, height: 910 } })).toEqual([
      'talk.md:5: overflow: slide 2: content is 210 px (30%) taller and 48 px (5%) wider than the 960×700 slide',
    ]);
    expect(warningsFor(TWO_SLIDES, { content: { width: 960.5, height: 700.8 } })).toEqual([]);
  });

  it('name elements that cut their content off', () => {
    const clipped = [{ element: 'code block', text: 'def f():', hiddenWidth: 0, hiddenHeight: 120, width: 800, height: 400 }];
    expect(warningsFor(TWO_SLIDES, { clipped })).toEqual([
      "talk.md:5: overflow: slide 2: code block 'def f():' cuts off 120 px of its 520 px height (23%): the audience sees it only if you scroll",
    ]);
  });

  it('name the characters no font draws, with their code points', () => {
    expect(warningsFor(TWO_SLIDES, { missingGlyphs: ['漢', '字'] })).toEqual([
      "talk.md:5: missing-glyph: slide 2: no available font draws '漢' U+6F22, '字' U+5B57: they show as empty boxes; add a font that has them (css:) or use other characters",
    ]);
    const many = Array.from('一二三四五六七八九十');
    expect(warningsFor(TWO_SLIDES, { missingGlyphs: many })[0]).toContain("'八' U+516B and 2 more:");
  });

  it('flag images without alt text or with a file name, not decorative ones', () => {
    const images = [
      { src: 'img/cat.png', alt: null, decorative: false },
      { src: 'img/cat.png', alt: '', decorative: false },
      { src: 'img/cat.png', alt: 'cat.png', decorative: false },
      { src: 'img/rule.png', alt: '', decorative: true },
      { src: 'img/cat.png', alt: 'A cat asleep on a keyboard', decorative: false },
    ];
    const warnings = warningsFor(TWO_SLIDES, { images });
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toBe("talk.md:5: image-alt: slide 2: image 'img/cat.png' has no alt text: say what it shows in ![…](img/cat.png) (role=\"presentation\" marks decoration)");
    expect(warnings[2]).toBe("talk.md:5: image-alt: slide 2: image 'img/cat.png' has its file name 'cat.png' as alt text: say what it shows instead");
  });

  it('flag link text that does not say where it goes, and links without text', () => {
    const links = [
      { href: 'https://a.example/', text: 'Click here!' },
      { href: 'https://b.example/', text: '' },
      { href: 'https://c.example/', text: 'the reveal.js docs' },
    ];
    expect(warningsFor(TWO_SLIDES, { links })).toEqual([
      "talk.md:5: link-text: slide 2: link text 'Click here!' does not say where it goes (https://a.example/): name the destination",
      'talk.md:5: link-text: slide 2: link to https://b.example/ has no text: a screen reader reads out the address',
    ]);
  });

  it('give the worst low-contrast text, its colors and ratio (never rounded up), and how many more', () => {
    const runs = [{ text: 'grey words', color: '#777777', background: '#ffffff', ratio: 4.4799, required: 4.5 }];
    expect(warningsFor(TWO_SLIDES, { lowContrast: { runs, count: 3 } })).toEqual([
      "talk.md:5: contrast: slide 2: text 'grey words' is #777777 on #ffffff: contrast 4.47:1, below WCAG AA's 4.5:1 (and 2 more runs of text on this slide)",
    ]);
  });

  it('flag a heading that skips levels after the one before it on the slide', () => {
    const headings = [
      { level: 2, text: 'Intro' },
      { level: 3, text: 'Fine' },
      { level: 2, text: 'Back up is fine' },
      { level: 4, text: 'Details' },
    ];
    expect(warningsFor(TWO_SLIDES, { headings })).toEqual([
      "talk.md:5: heading-level: slide 2: heading 'Details' is an h4 after an h2: heading levels skip h3",
    ]);
  });

  it('leave out checks the deck turns off, and checks a slide ignores', () => {
    const seen = { missingGlyphs: ['漢'], headings: [{ level: 1, text: 'A' }, { level: 3, text: 'B' }] };
    expect(warningsFor(`---\nlint:\n  missing-glyph: false\n---\n${TWO_SLIDES}`, seen).map((w) => w.split(': ')[1])).toEqual(['heading-level']);
    expect(warningsFor(`---\nlint: false\n---\n${TWO_SLIDES}`, seen)).toEqual([]);
    expect(warningsFor('# One\n\n---\n\n<!-- .slide: data-lint-ignore="heading-level" -->\n## Two\n', seen).map((w) => w.split(': ')[1])).toEqual(['missing-glyph']);
    expect(warningsFor('# One\n\n---\n\n<!-- .slide: data-lint-ignore="all" -->\n## Two\n', seen)).toEqual([]);
  });

  it('drop inspections of slides the deck no longer has', () => {
    const { deck } = parse(TWO_SLIDES);
    expect(renderWarnings(deck, [inspection('gone', { missingGlyphs: ['漢'] })])).toEqual([]);
  });

  it('become the preview list with the key of their slide', () => {
    const { deck } = parse(TWO_SLIDES);
    const key = deck.stacks[1]![0]!.key;
    const warnings = renderWarnings(deck, [inspection(key, { missingGlyphs: ['漢'] })]);
    expect(lintProblems(deck, warnings)).toEqual([{ key, code: 'missing-glyph', line: 5, message: warnings[0]!.message }]);
  });
});

describe('the lint option and data-lint-ignore', () => {
  it('turn checks off by name and warn about unknown ones at their line', () => {
    const { deck, warnings } = parse('---\nlint:\n  overflow: false\n  contrst: false\n  image-alt: maybe\n---\n# A\n');
    expect(enabledChecks(deck)).toEqual(['missing-glyph', 'image-alt', 'link-text', 'contrast', 'heading-level']);
    expect(warnings.map((warning) => formatWarning(warning))).toEqual([
      "talk.md:4:3: unknown-option: unknown check 'contrst' in lint — did you mean 'contrast'? (checks: overflow, missing-glyph, image-alt, link-text, contrast, heading-level)",
      "talk.md:5:3: invalid-option: lint check 'image-alt' must be true or false; the setting is ignored",
    ]);
  });

  it('take true, false, and refuse other values', () => {
    expect(enabledChecks(parse('---\nlint: false\n---\n# A\n').deck)).toEqual([]);
    expect(enabledChecks(parse('---\nlint: true\n---\n# A\n').deck)).toHaveLength(6);
    const wrong = parse('---\nlint: [overflow]\n---\n# A\n');
    expect(enabledChecks(wrong.deck)).toHaveLength(6);
    expect(wrong.warnings[0]?.code).toBe('invalid-option');
  });

  it('go over the project defaults check by check', () => {
    const { deck } = parseSource('---\nlint:\n  contrast: false\n---\n# A\n', 'talk.md', { lint: { overflow: false } });
    expect(enabledChecks(deck)).toEqual(['missing-glyph', 'image-alt', 'link-text', 'heading-level']);
  });

  it('warn about a data-lint-ignore name that is no check, at its slide', () => {
    const { warnings } = parse('# A\n\n---\n\n<!-- .slide: data-lint-ignore="overflow colour" -->\n## B\n');
    expect(warnings.map((warning) => formatWarning(warning))).toEqual([
      "talk.md:5: unknown-option: unknown check 'colour' in data-lint-ignore (checks: overflow, missing-glyph, image-alt, link-text, contrast, heading-level, or all)",
    ]);
  });
});

describe('helpers', () => {
  it('tell vague link text from link text that names a place', () => {
    expect(['here', 'Click here', 'click HERE.', ' this link ', 'Read more…', 'more'].every(isVagueLinkText)).toBe(true);
    expect(['the slides on GitHub', 'reveal.js', 'https://example.com', 'Here is the paper'].some(isVagueLinkText)).toBe(false);
  });

  it('tell a file name from alt text', () => {
    expect(isFileNameAlt('diagram.PNG', 'x/y.png')).toBe(true);
    expect(isFileNameAlt('Screenshot 2024-01-01 at 10.00.00.png', 'shot.png')).toBe(true);
    expect(isFileNameAlt('github-logo', 'img/github-logo.svg')).toBe(true);
    expect(isFileNameAlt('IMG_1234', 'photos/IMG_1234.jpg?v=2')).toBe(true);
    expect(isFileNameAlt('my photo.jpg', 'img/my%20photo.jpg')).toBe(true);
    expect(isFileNameAlt('Python', 'img/python.png')).toBe(false);
    expect(isFileNameAlt('The GitHub logo', 'img/github-logo.svg')).toBe(false);
  });

  it("size the window as the deck's slides, reveal.js's 960×700 by default", () => {
    expect(renderViewport({})).toEqual({ width: 960, height: 700 });
    expect(renderViewport({ width: 1280, height: '720px' })).toEqual({ width: 1280, height: 720 });
    expect(renderViewport({ width: '100%', height: 0 })).toEqual({ width: 960, height: 700 });
  });
});
