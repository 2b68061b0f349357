import type { Marked } from 'marked';
import type { DeckWarning, DiagramSource, Renderers, Slide } from '../types.ts';
import { assetUrls } from './assets.ts';
import { applyAttributeComments, type SectionAttributes } from './attributes.ts';
import { DIAGRAM_ATTRIBUTE, diagramFenceLines, diagramsAsCode } from './diagrams.ts';
import { highlightCodeIn, highlightCodeInHtml, type CodeSettings } from './html-code.ts';
import { flat, hasClass, isTag, parseHtml, serializeHtml, textOf, type ChildNode, type Comment, type Element } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { EMPTY_MATH_STATE, finishMath, renderMathInHtml, renderMathInNodes, startMath, type MathSettings, type MathState } from './math.ts';
import { slideNotes, type SlideSource } from './split.ts';

export interface SlideContext {
  file: string;
  marked: Marked;
  notesSeparator: RegExp;
  /** Set when the deck has math: it is rendered here, as reveal.js's plugin would in the browser. */
  math: MathSettings | null;
  renderers: Pick<Renderers, 'katex' | 'mathjax'>;
  /** Code blocks are left as reveal.js's highlight plugin would leave them. */
  code: CodeSettings;
}

const INLINE_TAGS = new Set(['strong', 'em', 'b', 'i', 'code', 'a', 'span', 'del', 's', 'mark', 'sub', 'sup', 'u']);

export interface RenderedSlide {
  slide: Omit<Slide, 'key'>;
  warnings: DeckWarning[];
  /** Where math on the next slide starts (macros defined here carry over, as on one page). */
  math: MathState;
}

/**
 * Renders one slide's Markdown into what reveal.js would hold in its `<section>`; `math` is the state the
 * slides before it left (their macro definitions and equation numbers).
 */
export function renderSlide(source: SlideSource, context: SlideContext, math: MathState = EMPTY_MATH_STATE): RenderedSlide {
  const warnings: DeckWarning[] = [];
  const { content, notes } = slideNotes(source.text, context.notesSeparator);
  const bodyHtml = renderMarkdown(context.marked, content);
  const tree = parseHtml(bodyHtml, { withIndices: true });
  const attributes: SectionAttributes = {};

  const elementComments = commentLines(source, '.element');
  let commentIndex = 0;
  applyAttributeComments(tree, attributes, (element, comment) => {
    const line = elementComments[commentIndex++] ?? source.line;
    if (targetsInlineByAccident(element, comment)) {
      warnings.push({
        code: 'element-targets-inline',
        message: `.element attributes land on the <${element.name}> before the comment, not on its block (as in reveal.js); put the comment on a line of its own or wrap the text to target the block`,
        file: context.file,
        line,
      });
    }
  });

  // After the attribute comments, before counting fragments: the plugin runs once the slides are built.
  highlightCodeIn(tree, bodyHtml, context.code);
  const found = scanSection(tree.children);
  let notesHtml = notes ? highlightCodeInHtml(diagramsAsCode(renderMarkdown(context.marked, notes)), context.code) : '';
  for (const aside of found.notes) {
    notesHtml += serializeHtml(aside);
    const siblings = aside.parent!.children;
    siblings.splice(siblings.indexOf(aside), 1);
  }
  for (const url of assetUrls('section', attributes)) found.urls.add(url);
  let mathAfter = math;
  if (context.math) {
    const pass = startMath(context.math, context.renderers, math);
    renderMathInNodes(tree.children, pass);
    notesHtml = renderMathInHtml(notesHtml, pass);
    for (const { raw, message } of pass.errors) {
      warnings.push({ code: 'math-error', message: `${message}; the formula ${raw} is shown as written`, file: context.file, line: lineOf(source, raw) });
    }
    mathAfter = finishMath(pass, math);
  }
  const fenceLines = found.diagrams.length ? diagramFenceLines(source.text, source.line) : [];
  const diagrams: DiagramSource[] = found.diagrams.map((text, index) => ({ source: text, line: fenceLines[index] ?? source.line }));

  return {
    slide: {
      line: source.line,
      endLine: source.endLine,
      attributes,
      html: serializeHtml(tree),
      notesHtml: flat(notesHtml),
      heading: found.heading,
      fragments: found.unindexedFragments + found.fragmentIndices.size,
      assets: Array.from(found.urls, (url) => ({ url, line: lineOf(source, url) })),
      diagrams,
    },
    warnings,
    math: mathAfter,
  };
}

/**
 * `- **bold** text <!-- .element -->` targets the <strong>, so only "bold" fades in: almost never what
 * the author meant. Flag inline targets that share their block with other text.
 */
function targetsInlineByAccident(element: Element, comment: Comment): boolean {
  if (!INLINE_TAGS.has(element.name) || comment.parent === null) return false;
  return textOf(comment.parent).replace(textOf(element), '').trim() !== '';
}

interface SectionScan {
  heading: string;
  notes: Element[];
  urls: Set<string>;
  unindexedFragments: number;
  fragmentIndices: Set<string>;
  /** Diagram sources, in order; their placeholders are emptied and numbered. */
  diagrams: string[];
}

/** One pass over the slide's elements: notes asides, first heading, fragment steps, asset URLs, diagrams. */
function scanSection(nodes: ChildNode[]): SectionScan {
  const scan: SectionScan = { heading: '', notes: [], urls: new Set(), unindexedFragments: 0, fragmentIndices: new Set(), diagrams: [] };
  for (const node of nodes) if (isTag(node)) scanElement(node, scan);
  return scan;
}

function scanElement(element: Element, scan: SectionScan): void {
  const { name, attribs } = element;
  if (name === 'aside' && hasClass(element, 'notes')) {
    scan.notes.push(element);
    return;
  }
  if (attribs[DIAGRAM_ATTRIBUTE] === '') {
    // The fence's text leaves the HTML: the Node layer draws it into this element.
    scan.diagrams.push(textOf(element));
    attribs[DIAGRAM_ATTRIBUTE] = String(scan.diagrams.length - 1);
    element.children = [];
  }
  if (scan.heading === '' && /^h[1-6]$/.test(name)) scan.heading = textOf(element).trim();
  if (hasClass(element, 'fragment')) {
    const index = attribs['data-fragment-index'];
    if (index === undefined) scan.unindexedFragments++;
    else scan.fragmentIndices.add(index);
  }
  for (const url of assetUrls(name, attribs)) scan.urls.add(url);
  for (const child of element.children) if (isTag(child)) scanElement(child, scan);
}

/** The file line where `needle` first appears in the slide's source, else the slide's line. */
function lineOf(source: SlideSource, needle: string): number {
  const at = source.text.indexOf(needle);
  if (at === -1) return source.line;
  return source.line + countNewlines(source.text, source.text.search(/\S/), at);
}

function commentLines(source: SlideSource, marker: string): number[] {
  const lines: number[] = [];
  // Counted on from one marker to the next: each newline is looked at once.
  let from = source.text.search(/\S/);
  let line = source.line;
  for (let at = source.text.indexOf(marker); at !== -1; at = source.text.indexOf(marker, at + 1)) {
    line += countNewlines(source.text, from, at);
    from = Math.max(from, at);
    lines.push(line);
  }
  return lines;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = Math.max(0, from); i < to; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}
