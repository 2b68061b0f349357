import type { Deck, DeckOptions, DeckWarning, DiagramRequest, DiagramResult, DiagramSource, Slide } from '../types.ts';
import { escapeHtml } from './escape.ts';

/**
 * ```mermaid fences, as reveal-md draws them, but at compile time: the core marks each fence with a
 * placeholder element, the Node layer draws the diagrams (Mermaid needs a browser) and fills them in.
 */

/** The attribute that marks a diagram's element: its index in the slide once the slide is rendered. */
export const DIAGRAM_ATTRIBUTE = 'data-lectern-diagram';

/** The element a fence becomes, holding the diagram's text until renderSlide takes it out. */
export function diagramPlaceholder(source: string): string {
  return `<div class="lectern-diagram" ${DIAGRAM_ATTRIBUTE}="">${escapeHtml(source)}</div>`;
}

/** True for a fence's info string that asks for a diagram (```mermaid, with or without more words). */
export function isDiagramFence(info: string): boolean {
  return info.trim().split(/\s+/, 1)[0] === 'mermaid';
}

const NOTES_PLACEHOLDER = new RegExp(`<div class="lectern-diagram" ${DIAGRAM_ATTRIBUTE}="">([^<]*)</div>`, 'g');

/** Speaker notes show a diagram's fence as code: the speaker view has no room for drawings. */
export function diagramsAsCode(notesHtml: string): string {
  if (!notesHtml.includes(DIAGRAM_ATTRIBUTE)) return notesHtml;
  return notesHtml.replace(NOTES_PLACEHOLDER, (_, source: string) => `<pre><code class="mermaid">${source}</code></pre>`);
}

/** reveal.js themes with a dark background, where Mermaid's light default would draw dark lines on black. */
const DARK_THEMES = new Set(['black', 'black-contrast', 'blood', 'dracula', 'league', 'moon', 'night']);

/** What mermaid.initialize gets for a deck, null when the deck turns diagrams off (`mermaid: false`). */
export function mermaidConfigOf(options: DeckOptions): Record<string, unknown> | null {
  if (options.mermaid === false) return null;
  const theme = 'theme' in options.mermaid || !DARK_THEMES.has(options.theme) ? {} : { theme: 'dark' };
  return { ...theme, ...options.mermaid };
}

const DEFAULT_SLIDE_WIDTH = 960;

/** The width reveal.js lays slides out at, which diagrams are laid out for. */
export function slideWidthOf(options: DeckOptions): number {
  const width = options.revealOptions['width'];
  return typeof width === 'number' && width > 0 ? width : DEFAULT_SLIDE_WIDTH;
}

/** Every diagram of the deck in slide order, as the renderer takes them. */
export function diagramRequests(deck: Deck): DiagramRequest[] {
  const config = mermaidConfigOf(deck.options) ?? {};
  const width = slideWidthOf(deck.options);
  return deck.stacks.flat().flatMap((slide) => slide.diagrams.map(({ source }) => ({ source, config, width })));
}

// A placeholder as dom-serializer writes it: attributes before and after ours (an .element comment adds
// some), each `name` or `name="value"` (values never hold a double quote).
const ATTRIBUTES = '(?:\\s+[^\\s=>]+(?:="[^"]*")?)*';
const FILLED = new RegExp(`(<div${ATTRIBUTES}?\\s+${DIAGRAM_ATTRIBUTE}="(\\d+)"${ATTRIBUTES}\\s*>)(</div>)`, 'g');

/**
 * Puts each drawn diagram (`results`, in diagramRequests order) into its placeholder; a diagram that could
 * not be drawn becomes an error box on its slide and a `mermaid-error` warning at its line.
 */
export function fillDiagrams(deck: Deck, results: readonly DiagramResult[]): { deck: Deck; warnings: DeckWarning[] } {
  const warnings: DeckWarning[] = [];
  const seen = new Map<string, number>();
  let next = 0;
  const fill = (slide: Slide): Slide => {
    if (slide.diagrams.length === 0) return slide;
    const own = results.slice(next, next + slide.diagrams.length);
    next += slide.diagrams.length;
    own.forEach((result, index) => {
      if ('error' in result) warnings.push(diagramWarning(deck.file, slide.diagrams[index]!, result));
    });
    const html = slide.html.replace(FILLED, (whole, open: string, index: string, close: string) => {
      const result = own[Number(index)];
      if (result === undefined) return whole;
      return open + ('svg' in result ? uniqueIds(result.svg, seen) : errorBox(result.error)) + close;
    });
    return { ...slide, html };
  };
  const stacks = deck.stacks.map((stack) => stack.map(fill));
  return { deck: { ...deck, stacks }, warnings };
}

/**
 * A diagram drawn twice in a deck gets its own ids the second time: a marker or gradient found by id in a
 * hidden slide (reveal.js hides far slides with display: none) would not paint in the shown one.
 */
function uniqueIds(svg: string, seen: Map<string, number>): string {
  const root = /^<svg[^>]*?\sid="([^"]+)"/.exec(svg)?.[1];
  if (root === undefined) return svg;
  const count = seen.get(root) ?? 0;
  seen.set(root, count + 1);
  return count === 0 ? svg : svg.split(root).join(`${root}-${count}`);
}

function errorBox(message: string): string {
  return `<div class="lectern-diagram-error" role="note"><strong>Mermaid could not draw this diagram</strong><br>${escapeHtml(message)}</div>`;
}

/** The warning for a diagram that was not drawn, at the line Mermaid names when it names one inside the fence. */
function diagramWarning(file: string, diagram: DiagramSource, result: { error: string; line?: number }): DeckWarning {
  const lines = diagram.source.split('\n').length;
  const inside = result.line !== undefined && result.line >= 1 ? Math.min(result.line, lines) : 0;
  return { code: 'mermaid-error', file, line: diagram.line + inside, message: `diagram not drawn: ${result.error}` };
}

/** The file lines of the slide's diagram fences, in order (the fence's opening line). */
export function diagramFenceLines(text: string, firstLine: number): number[] {
  const lines: number[] = [];
  const rows = text.split('\n');
  const first = rows.findIndex((row) => row.trim() !== '');
  let open: string | null = null;
  rows.forEach((row, index) => {
    if (open !== null) {
      const trimmed = row.trim();
      if (trimmed.length >= open.length && trimmed === open[0]!.repeat(trimmed.length)) open = null;
      return;
    }
    const fence = /^\s*(`{3,}|~{3,})(.*)$/.exec(row);
    if (!fence) return;
    open = fence[1]!;
    if (isDiagramFence(fence[2]!)) lines.push(firstLine + index - Math.max(first, 0));
  });
  return lines;
}
