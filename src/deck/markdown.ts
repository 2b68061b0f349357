import { Marked, type MarkedExtension, type RendererObject } from 'marked';
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
  const options: MarkedExtension = { renderer };
  if (config.gfm !== undefined) options.gfm = config.gfm;
  if (config.breaks !== undefined) options.breaks = config.breaks;
  if (config.pedantic !== undefined) options.pedantic = config.pedantic;
  const marked = new Marked({ renderer: { space: ({ raw }) => raw } });
  marked.use(options);
  return marked;
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
