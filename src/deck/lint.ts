import type { ClippedElement, Deck, DeckWarning, LintCheck, LintProblem, Slide, SlideInspection } from '../types.ts';
import { slideFinder } from './slide-index.ts';
import { closest } from './suggest.ts';

/** Every render check, in the order a slide's warnings are listed. */
export const LINT_CHECKS: readonly LintCheck[] = ['overflow', 'missing-glyph', 'image-alt', 'link-text', 'contrast', 'heading-level'];

/** The section attribute that silences checks on one slide: `<!-- .slide: data-lint-ignore="contrast overflow" -->`. */
export const LINT_IGNORE_ATTRIBUTE = 'data-lint-ignore';

export function isLintCheck(name: string): name is LintCheck {
  return (LINT_CHECKS as readonly string[]).includes(name);
}

/** The checks the deck has on (front matter `lint`, over the project's defaults; a check not named is on). */
export function enabledChecks(deck: Deck): LintCheck[] {
  return LINT_CHECKS.filter((check) => deck.options.lint[check] !== false);
}

/** What a slide's data-lint-ignore names: checks, and names that are no check. Empty or "all": every check. */
export function ignoredChecks(slide: Slide): { checks: Set<LintCheck>; unknown: string[] } {
  const value = slide.attributes[LINT_IGNORE_ATTRIBUTE];
  if (value === undefined) return { checks: new Set(), unknown: [] };
  const names = value.split(/[\s,]+/).filter(Boolean);
  if (names.length === 0 || names.includes('all')) return { checks: new Set(LINT_CHECKS), unknown: names.filter((name) => name !== 'all' && !isLintCheck(name)) };
  return { checks: new Set(names.filter(isLintCheck)), unknown: names.filter((name) => !isLintCheck(name)) };
}

/** A typo in data-lint-ignore would silence nothing: each unknown name is a warning at its slide. */
export function lintIgnoreWarnings(deck: Deck): DeckWarning[] {
  const ignoring = deck.stacks.flat().filter((slide) => slide.attributes[LINT_IGNORE_ATTRIBUTE] !== undefined);
  return ignoring.flatMap((slide) =>
    ignoredChecks(slide).unknown.map((name): DeckWarning => {
      const suggestion = closest(name, LINT_CHECKS);
      return {
        code: 'unknown-option',
        file: deck.file,
        line: slide.line,
        message: `unknown check '${name}' in ${LINT_IGNORE_ATTRIBUTE}${suggestion ? ` — did you mean '${suggestion}'?` : ''} (checks: ${LINT_CHECKS.join(', ')}, or all)`,
      };
    }),
  );
}

/**
 * The problems in what the browser saw of each slide, as warnings at the slide's line: checks the deck
 * or the slide turned off are left out. Inspections of slides the deck no longer has are dropped.
 */
export function renderWarnings(deck: Deck, inspections: readonly SlideInspection[]): DeckWarning[] {
  const find = slideFinder(deck);
  const enabled = new Set(enabledChecks(deck));
  const warnings: DeckWarning[] = [];
  for (const inspection of inspections) {
    const found = find(inspection.key);
    if (!found) continue;
    const ignored = ignoredChecks(found.slide).checks;
    for (const check of LINT_CHECKS) {
      if (!enabled.has(check) || ignored.has(check)) continue;
      for (const message of PROBLEMS[check](inspection)) {
        warnings.push({ code: check, file: deck.file, line: found.slide.line, message: `slide ${found.number}: ${message}` });
      }
    }
  }
  return warnings;
}

/** Each check's problems on one slide, worded for the author. */
const PROBLEMS: Record<LintCheck, (inspection: SlideInspection) => string[]> = {
  overflow: ({ slide, content, clipped }) => {
    const messages: string[] = [];
    const taller = content.height - slide.height;
    const wider = content.width - slide.width;
    const parts = [
      ...(taller > TOLERANCE_PX ? [`${px(taller)} (${percent(taller, slide.height)}) taller`] : []),
      ...(wider > TOLERANCE_PX ? [`${px(wider)} (${percent(wider, slide.width)}) wider`] : []),
    ];
    if (parts.length > 0) messages.push(`content is ${parts.join(' and ')} than the ${Math.round(slide.width)}×${Math.round(slide.height)} slide`);
    for (const element of clipped) messages.push(clippedMessage(element));
    return messages;
  },
  'missing-glyph': ({ missingGlyphs }) => {
    if (missingGlyphs.length === 0) return [];
    const shown = missingGlyphs.slice(0, MAX_LISTED).map((character) => `'${character}' ${codePoint(character)}`);
    const more = missingGlyphs.length > MAX_LISTED ? ` and ${missingGlyphs.length - MAX_LISTED} more` : '';
    return [`no available font draws ${shown.join(', ')}${more}: ${missingGlyphs.length === 1 ? 'it shows' : 'they show'} as empty boxes; add a font that has ${missingGlyphs.length === 1 ? 'it' : 'them'} (css:) or use other characters`];
  },
  'image-alt': ({ images }) =>
    images.flatMap(({ src, alt, decorative }) => {
      if (decorative) return [];
      if (alt === null || alt.trim() === '') return [`image '${src}' has no alt text: say what it shows in ![…](${src}) (role="presentation" marks decoration)`];
      if (isFileNameAlt(alt, src)) return [`image '${src}' has its file name '${alt.trim()}' as alt text: say what it shows instead`];
      return [];
    }),
  'link-text': ({ links }) =>
    links.flatMap(({ href, text }) => {
      const words = linkWords(text);
      if (words === '') return [`link to ${href} has no text: a screen reader reads out the address`];
      if (VAGUE_LINK_TEXT.has(words)) return [`link text '${text.trim()}' does not say where it goes (${href}): name the destination`];
      return [];
    }),
  contrast: ({ lowContrast }) => {
    const worst = lowContrast.runs[0];
    if (!worst) return [];
    const others = lowContrast.count - 1;
    return [
      `text '${worst.text}' is ${worst.color} on ${worst.background}: contrast ${ratio(worst.ratio)}, below WCAG AA's ${worst.required}:1${others > 0 ? ` (and ${others} more run${others === 1 ? '' : 's'} of text on this slide)` : ''}`,
    ];
  },
  'heading-level': ({ headings }) => {
    const messages: string[] = [];
    for (let index = 1; index < headings.length; index++) {
      const previous = headings[index - 1]!.level;
      const { level, text } = headings[index]!;
      if (level > previous + 1) messages.push(`heading '${text}' is an h${level} after an h${previous}: heading levels skip h${previous + 1}`);
    }
    return messages;
  },
};

/** Sub-pixel layout and rounding: less than this is not an overflow. */
const TOLERANCE_PX = 1;
const MAX_LISTED = 8;

const px = (value: number) => `${Math.round(value)} px`;
/** A share of a size, never shown as 0% when there is something. */
const percent = (part: number, whole: number) => `${Math.max(1, Math.round((part / whole) * 100))}%`;
/** Ratios are not rounded up: 4.497 is below 4.5, and must not print as 4.50. */
const ratio = (value: number) => `${(Math.floor(value * 100) / 100).toFixed(2)}:1`;
const codePoint = (character: string) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

function clippedMessage({ element, text, hiddenWidth, hiddenHeight, width, height }: ClippedElement): string {
  const parts = [
    ...(hiddenHeight > TOLERANCE_PX ? [`${px(hiddenHeight)} of its ${px(height + hiddenHeight)} height (${percent(hiddenHeight, height + hiddenHeight)})`] : []),
    ...(hiddenWidth > TOLERANCE_PX ? [`${px(hiddenWidth)} of its ${px(width + hiddenWidth)} width (${percent(hiddenWidth, width + hiddenWidth)})`] : []),
  ];
  return `${element}${text ? ` '${text}'` : ''} cuts off ${parts.join(' and ')}: the audience sees it only if you scroll`;
}

/** Link text that says nothing about where the link goes, as read out of context. */
const VAGUE_LINK_TEXT = new Set([
  'here', 'click', 'click here', 'click this', 'this', 'this link', 'link', 'more', 'read more', 'learn more',
  'see more', 'more info', 'info', 'go', 'go here', 'see here', 'this page', 'page', 'there', 'details', 'website', 'url',
]);

/** Link text as compared with the vague ones: lower case, words only. */
export function linkWords(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export function isVagueLinkText(text: string): boolean {
  return VAGUE_LINK_TEXT.has(linkWords(text));
}

const IMAGE_FILE = /\.(png|jpe?g|gif|svg|webp|avif|bmp|ico|tiff?)$/i;

/** Alt text that is a file name: it ends like one, or it is the image's own name (with or without extension). */
export function isFileNameAlt(alt: string, src: string): boolean {
  const text = alt.trim();
  if (IMAGE_FILE.test(text)) return true;
  let name = src.split(/[?#]/)[0]!.split('/').pop() ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // A stray % is part of the name.
  }
  if (text === name) return true;
  const stem = name.replace(/\.[^.]*$/, '');
  // "github-logo", "IMG_1234": the name without its extension; "Python" for python.png is a fine alt.
  return text === stem && !/\s/.test(text) && /[-_\d]/.test(text);
}

/** reveal.js's default slide size, when the deck names none. */
export const DEFAULT_SLIDE_SIZE = { width: 960, height: 700 };

/**
 * The window to render a deck in: its slide size (revealOptions width/height, numbers or "1280px"-like
 * strings, as reveal.js reads them). A percentage is of the window: the default size stands in for it.
 */
export function renderViewport(revealOptions: Record<string, unknown>): { width: number; height: number } {
  const read = (value: unknown, fallback: number): number => {
    if (typeof value === 'number' && value > 0) return Math.round(value);
    if (typeof value === 'string' && !value.trim().endsWith('%')) {
      const parsed = parseInt(value, 10);
      if (parsed > 0) return parsed;
    }
    return fallback;
  };
  return { width: read(revealOptions['width'], DEFAULT_SLIDE_SIZE.width), height: read(revealOptions['height'], DEFAULT_SLIDE_SIZE.height) };
}

/** Render-check warnings as the preview page lists them: each with the key of the slide at its line, to go to it. */
export function lintProblems(deck: Deck, warnings: readonly DeckWarning[]): LintProblem[] {
  const keyAt = new Map(deck.stacks.flat().map((slide) => [slide.line, slide.key]));
  return warnings.flatMap((warning) =>
    warning.code === 'resource-failed' || warning.code === 'resource-timeout' || isLintCheck(warning.code)
      ? [{ key: keyAt.get(warning.line) ?? '', code: warning.code, line: warning.line, message: warning.message }]
      : [],
  );
}
