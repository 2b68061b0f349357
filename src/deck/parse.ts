import { LecternError } from '../errors.ts';
import type { Deck, DeckWarning, ParseResult, Renderers, Slide } from '../types.ts';
import { splitFrontMatter } from './frontmatter.ts';
import { mermaidConfigOf } from './diagrams.ts';
import { highlightConfigOf } from './highlight-plugin.ts';
import { createMarkdown, markdownConfigOf } from './markdown.ts';
import { lintIgnoreWarnings } from './lint.ts';
import { EMPTY_MATH_STATE, mathOpenings, mathSettingsOf, type MathState } from './math.ts';
import { resolveOptions, type DeckDefaults } from './options.ts';
import type { SeparatorSources } from './separators.ts';
import { renderSlide, type RenderedSlide, type SlideContext } from './slide.ts';
import { splitSlides } from './split.ts';

/** Deck source as read from disk: BOM stripped, CRLF and lone CR turned into LF. */
export function normaliseSource(source: string): string {
  const withoutBom = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  return withoutBom.includes('\r') ? withoutBom.replace(/\r\n?/g, '\n') : withoutBom;
}

/**
 * Rendered slides by source text, so a recompile after a save renders only the slides that changed.
 * parseDeck takes the previous one and returns the one for this deck (only the entries it uses).
 */
export type SlideCache = ReadonlyMap<string, RenderedSlide>;

export interface ParseInput {
  source: string;
  file: string;
  renderers: Renderers;
  /** Project-wide options that the front matter overrides. */
  defaults?: DeckDefaults;
  /**
   * Separators used whatever the front matter says: the Node layer puts the default in place of an
   * author's separator that takes too long on this text (pathological backtracking).
   */
  overrides?: Partial<SeparatorSources>;
  cache?: SlideCache;
}

export interface ParseOutput extends ParseResult {
  cache: SlideCache;
}

/**
 * Compiles a deck: front matter, slides, attributes, notes and code, exactly as reveal.js would show
 * them. Pure: no file system, no console. Throws LecternError for what cannot render (broken YAML).
 */
export function parseDeck({ source, file, renderers, defaults, overrides, cache }: ParseInput): ParseOutput {
  const text = normaliseSource(source);
  const frontMatter = splitFrontMatter(text);
  const { options, patterns, warnings: optionWarnings } = resolveOptions(frontMatter.yaml, file, frontMatter.yamlLine, defaults, overrides);
  const { stacks: sources, warnings: splitWarnings } = splitSlides({
    body: frontMatter.body,
    bodyLine: frontMatter.bodyLine,
    separator: patterns.separator,
    verticalSeparator: patterns.verticalSeparator,
    file,
  });
  const warnings: DeckWarning[] = [...optionWarnings, ...splitWarnings];
  const markdownConfig = markdownConfigOf(options.revealOptions);
  const diagrams = mermaidConfigOf(options) !== null;
  const math = mathSettingsOf(options.revealOptions);
  for (const message of math.problems) warnings.push({ code: 'invalid-option', message, file, line: frontMatter.yamlLine });
  const context: SlideContext = {
    file,
    marked: createMarkdown(markdownConfig, diagrams),
    notesSeparator: patterns.notesSeparator,
    math: math.settings,
    renderers,
    code: { config: highlightConfigOf(options.revealOptions), highlighter: renderers.highlight, rendered: new Map() },
  };
  const openings = math.settings ? mathOpenings(math.settings) : [];
  const keys = new Map<string, number>();
  const contextKey = [options.notesSeparator, JSON.stringify(markdownConfig), math.settings?.key ?? '', JSON.stringify(context.code.config), String(diagrams), ''].join('\u0000');
  const used = new Map<string, RenderedSlide>();
  // Math state flows through the slides in order: a macro defined on one slide works on the next ones.
  let mathState: MathState = EMPTY_MATH_STATE;
  const stacks = sources.map((stack) =>
    stack.map((source): Slide => {
      try {
        // A slide that cannot hold math renders the same whatever the slides before it defined.
        const hasMath = openings.some((opening) => source.text.includes(opening));
        const stateKey = hasMath && mathState !== EMPTY_MATH_STATE ? `${mathState.equations}\u0000${mathState.definitions.join('\u0000')}\u0001` : '';
        const cacheKey = contextKey + stateKey + source.text;
        // Rendered at line 1, then moved to where the slide is now: slides above may have changed.
        const atLineOne =
          used.get(cacheKey) ??
          cache?.get(cacheKey) ??
          renderSlide({ ...source, line: 1, endLine: 1 + source.endLine - source.line }, context, hasMath ? mathState : EMPTY_MATH_STATE);
        used.set(cacheKey, atLineOne);
        // Keyed by the state it started from, so its state after is right wherever it came from.
        if (hasMath) mathState = atLineOne.math;
        const rendered = shiftLines(atLineOne, source.line - 1);
        warnings.push(...rendered.warnings);
        return { key: uniqueKey(hash(source.text), keys), ...rendered.slide };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new LecternError('render', `could not render this slide: ${reason}`, { file, line: source.line });
      }
    }),
  );
  const deck: Deck = { file, options, stacks };
  warnings.push(...lintIgnoreWarnings(deck));
  return { deck, warnings, cache: used };
}

function shiftLines(rendered: RenderedSlide, delta: number): RenderedSlide {
  if (delta === 0) return rendered;
  const { slide, warnings } = rendered;
  return {
    ...rendered,
    slide: {
      ...slide,
      line: slide.line + delta,
      endLine: slide.endLine + delta,
      assets: slide.assets.map((asset) => ({ ...asset, line: asset.line + delta })),
      diagrams: slide.diagrams.map((diagram) => ({ ...diagram, line: diagram.line + delta })),
    },
    warnings: warnings.map((warning) => ({ ...warning, line: warning.line + delta })),
  };
}

function uniqueKey(base: string, seen: Map<string, number>): string {
  const count = seen.get(base) ?? 0;
  seen.set(base, count + 1);
  return count === 0 ? base : `${base}-${count}`;
}

/** FNV-1a, 32 bits: a short stable name for a slide's source text. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
