import { Marked, Tokenizer, type MarkedExtension, type RendererObject, type TokenizerObject } from 'marked';
import { renderFence } from './code.ts';
import { diagramPlaceholder, isDiagramFence } from './diagrams.ts';

/** The `markdown` block of revealOptions that changes how Markdown renders. */
export interface MarkdownConfig {
  animateLists?: boolean;
  gfm?: boolean;
  breaks?: boolean;
  pedantic?: boolean;
}

/**
 * A marked instance configured as reveal.js 6's markdown plugin configures its own: raw whitespace kept
 * between blocks (the attribute rules look at blank lines), fenced code as its code renderer writes it,
 * and, when `diagrams` is on, ```mermaid fences as placeholders for their diagrams.
 */
export function createMarkdown(config: MarkdownConfig = {}, diagrams = false): Marked {
  const renderer: RendererObject = {
    code: ({ text, lang }) => (diagrams && isDiagramFence(lang ?? '') ? diagramPlaceholder(text) : renderFence(text, lang ?? '')),
  };
  if (config.animateLists === true) {
    renderer.listitem = function (item) {
      return `<li class="fragment">${this.parser.parseInline(item.tokens)}</li>`;
    };
  }
  const options: MarkedExtension = { renderer, tokenizer: listPatternsBuiltOnce() };
  if (config.gfm !== undefined) options.gfm = config.gfm;
  if (config.breaks !== undefined) options.breaks = config.breaks;
  if (config.pedantic !== undefined) options.pedantic = config.pedantic;
  const marked = new Marked({ renderer: { space: ({ raw }) => raw } });
  marked.use(options);
  return marked;
}

type Rules = Tokenizer['rules'];

/**
 * marked's list tokenizer builds seven RegExps for every list item, from the list's bullet and the item's
 * indent: a handful of distinct values in a whole deck. A RegExp without the g or y flag keeps no state
 * between uses, so this instance builds each one once. Same patterns, same tokens; about a sixth less time
 * lexing slides made of lists. Everything else marked does is left as it is.
 */
function listPatternsBuiltOnce(): TokenizerObject {
  let reused: { from: Rules['other']; other: Rules['other'] } | undefined;
  return {
    list(src) {
      const rules = this.rules;
      if (rules.other === reused?.other) return Tokenizer.prototype.list.call(this, src); // a list inside a list
      if (reused?.from !== rules.other) reused = { from: rules.other, other: withPatternsReused(rules.other) };
      this.rules = { ...rules, other: reused.other };
      try {
        return Tokenizer.prototype.list.call(this, src);
      } finally {
        this.rules = rules;
      }
    },
  };
}

/** `other` with each pattern-making function (`…Regex`) answering the same arguments with the same RegExp. */
function withPatternsReused(other: Rules['other']): Rules['other'] {
  const copy: Record<string, unknown> = { ...other };
  for (const [name, make] of Object.entries(other)) {
    if (typeof make !== 'function' || !name.endsWith('Regex')) continue;
    const made = new Map<unknown, RegExp>();
    copy[name] = (...args: unknown[]) => {
      const key = args.length === 1 ? args[0] : args.join('\u0000');
      const known = made.get(key);
      if (known !== undefined) return known;
      const pattern: unknown = (make as (...values: unknown[]) => unknown)(...args);
      // A pattern with lastIndex state would carry it from one use to the next: those stay fresh.
      if (pattern instanceof RegExp && !pattern.global && !pattern.sticky) made.set(key, pattern);
      return pattern;
    };
  }
  return copy as Rules['other'];
}

export function markdownConfigOf(revealOptions: Record<string, unknown>): MarkdownConfig {
  const markdown = revealOptions['markdown'];
  if (typeof markdown !== 'object' || markdown === null) return {};
  const { animateLists, gfm, breaks, pedantic } = markdown as Record<string, unknown>;
  const config: MarkdownConfig = {};
  if (typeof animateLists === 'boolean') config.animateLists = animateLists;
  if (typeof gfm === 'boolean') config.gfm = gfm;
  if (typeof breaks === 'boolean') config.breaks = breaks;
  if (typeof pedantic === 'boolean') config.pedantic = pedantic;
  return config;
}

export function renderMarkdown(marked: Marked, text: string): string {
  return marked.parse(text, { async: false });
}
