import { LecternError } from '../errors.ts';
import type { Deck, DeckWarning, ParseResult, Renderers, Slide } from '../types.ts';
import { splitFrontMatter } from './frontmatter.ts';
import { createMarkdown, markdownConfigOf } from './markdown.ts';
import { lintIgnoreWarnings } from './lint.ts';
import { katexSettingsOf } from './math.ts';
import { resolveOptions, type DeckDefaults } from './options.ts';
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
  cache?: SlideCache;
}

export interface ParseOutput extends ParseResult {
  cache: SlideCache;
}

/**
 * Compiles a deck: front matter, slides, attributes, notes and code, exactly as reveal.js would show
 * them. Pure: no file system, no console. Throws LecternError for what cannot render (broken YAML).
 */
export function parseDeck({ source, file, renderers, defaults, cache }: ParseInput): ParseOutput {
  const text = normaliseSource(source);
  const frontMatter = splitFrontMatter(text);
  const { options, patterns, warnings: optionWarnings } = resolveOptions(frontMatter.yaml, file, frontMatter.yamlLine, defaults);
  const { stacks: sources, warnings: splitWarnings } = splitSlides({
    body: frontMatter.body,
    bodyLine: frontMatter.bodyLine,
    separator: patterns.separator,
    verticalSeparator: patterns.verticalSeparator,
    file,
  });
  const warnings: DeckWarning[] = [...optionWarnings, ...splitWarnings];
  const markdownConfig = markdownConfigOf(options.revealOptions);
  const context: SlideContext = {
    file,
    marked: createMarkdown(markdownConfig, renderers.highlight),
    notesSeparator: patterns.notesSeparator,
    math: katexSettingsOf(options.revealOptions),
    katex: renderers.katex,
  };
  const keys = new Map<string, number>();
  const contextKey = [options.notesSeparator, JSON.stringify(markdownConfig), JSON.stringify(context.math), ''].join('\u0000');
  const used = new Map<string, RenderedSlide>();
  const stacks = sources.map((stack) =>
    stack.map((source): Slide => {
      try {
        const cacheKey = contextKey + source.text;
        // Rendered at line 1, then moved to where the slide is now: slides above may have changed.
        const atLineOne = used.get(cacheKey) ?? cache?.get(cacheKey) ?? renderSlide({ ...source, line: 1, endLine: 1 + source.endLine - source.line }, context);
        used.set(cacheKey, atLineOne);
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
    slide: {
      ...slide,
      line: slide.line + delta,
      endLine: slide.endLine + delta,
      assets: slide.assets.map((asset) => ({ ...asset, line: asset.line + delta })),
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
