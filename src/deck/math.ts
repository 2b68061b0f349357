import type { Katex, MathEngine, Renderers, RevealOptions } from '../types.ts';
import { escapeHtml } from './escape.ts';
import { isTag, parseHtml, serializeHtml, type ChildNode, type Element } from './html.ts';

/** Which of reveal.js's math plugins a deck's revealOptions ask for. */
export function mathEngineOf(options: RevealOptions): MathEngine | null {
  if (options['mathjax4']) return 'MathJax4';
  if (options['mathjax3']) return 'MathJax3';
  if (options['mathjax2']) return 'MathJax2';
  if (options['katex'] || options['math']) return 'KaTeX';
  return null;
}

export interface Delimiter {
  left: string;
  right: string;
  display: boolean;
}

/** What reveal.js's KaTeX plugin hands to KaTeX's auto-render: its defaults, then the deck's `katex` options. */
export interface KatexSettings {
  delimiters: Delimiter[];
  ignoredTags: string[];
  ignoredClasses: string[];
  extensions: string[];
  /** Options for KaTeX itself (macros, trust, …). */
  katex: Record<string, unknown>;
}

const PLUGIN_DEFAULTS = {
  delimiters: [
    { left: '$$', right: '$$', display: true },
    { left: '$', right: '$', display: false },
    { left: '\\(', right: '\\)', display: false },
    { left: '\\[', right: '\\]', display: true },
  ],
  ignoredTags: ['script', 'noscript', 'style', 'textarea', 'pre', 'code'],
};

/** The deck's KaTeX settings, or null when the deck does not use KaTeX. */
export function katexSettingsOf(options: RevealOptions): KatexSettings | null {
  if (mathEngineOf(options) !== 'KaTeX') return null;
  const own = (typeof options['katex'] === 'object' && options['katex'] !== null ? options['katex'] : {}) as Record<string, unknown>;
  // `local` and `version` tell the plugin where to load KaTeX from; Lectern renders with the installed one.
  const { local: _local, version: _version, delimiters, ignoredTags, ignoredClasses, extensions, ...katex } = own;
  return {
    delimiters: Array.isArray(delimiters) ? (delimiters as Delimiter[]) : PLUGIN_DEFAULTS.delimiters,
    ignoredTags: Array.isArray(ignoredTags) ? ignoredTags.map(String) : PLUGIN_DEFAULTS.ignoredTags,
    ignoredClasses: Array.isArray(ignoredClasses) ? ignoredClasses.map(String) : [],
    extensions: Array.isArray(extensions) ? extensions.map(String) : [],
    katex,
  };
}

type Piece = { math: false; text: string } | { math: true; text: string; raw: string; display: boolean };

/** KaTeX's auto-render splitAtDelimiters: text and math pieces, braces and backslashes respected. */
export function splitAtDelimiters(text: string, delimiters: Delimiter[]): Piece[] {
  const pieces: Piece[] = [];
  const left = new RegExp(`(${delimiters.map((d) => d.left.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&')).join('|')})`);
  let rest = text;
  for (let index = rest.search(left); index !== -1; index = rest.search(left)) {
    if (index > 0) {
      pieces.push({ math: false, text: rest.slice(0, index) });
      rest = rest.slice(index);
    }
    const delimiter = delimiters.find((d) => rest.startsWith(d.left))!;
    const end = findEndOfMath(delimiter.right, rest, delimiter.left.length);
    if (end === -1) break;
    const raw = rest.slice(0, end + delimiter.right.length);
    const math = /^\\begin{/.test(raw) ? raw : rest.slice(delimiter.left.length, end);
    pieces.push({ math: true, text: math, raw, display: delimiter.display });
    rest = rest.slice(end + delimiter.right.length);
  }
  if (rest !== '') pieces.push({ math: false, text: rest });
  return pieces;
}

function findEndOfMath(delimiter: string, text: string, start: number): number {
  let braces = 0;
  for (let index = start; index < text.length; index++) {
    const character = text[index];
    if (braces <= 0 && text.startsWith(delimiter, index)) return index;
    if (character === '\\') index++;
    else if (character === '{') braces++;
    else if (character === '}') braces--;
  }
  return -1;
}

/** A formula KaTeX could not parse: left as written, as auto-render does. */
export interface MathError {
  raw: string;
  message: string;
}

/**
 * Renders math in text nodes as reveal.js's KaTeX plugin does in the browser (auto-render over the
 * slides), here at compile time: decks show math offline, in PDFs, and without a CDN.
 */
export function renderMathInNodes(nodes: ChildNode[], settings: KatexSettings, katex: Renderers['katex'], errors: MathError[]): void {
  const ignoredTags = new Set(settings.ignoredTags);
  const renderer = katex(settings.extensions);
  const walk = (children: ChildNode[]): void => {
    for (let i = 0; i < children.length; i++) {
      const node = children[i]!;
      if (node.type === 'text') {
        // Adjacent text nodes are one text to auto-render (a browser may split long ones).
        let end = i + 1;
        while (end < children.length && children[end]!.type === 'text') end++;
        const text = children.slice(i, end).map((child) => (child as { data: string }).data).join('');
        const pieces = splitAtDelimiters(text, settings.delimiters);
        if (pieces.length === 1 && !pieces[0]!.math) {
          i = end - 1;
          continue;
        }
        const html = pieces.map((piece) => (piece.math ? renderPiece(renderer, piece, settings, errors) : escapeHtml(piece.text))).join('');
        const replacement = parseHtml(html).children;
        for (const child of replacement) child.parent = node.parent;
        children.splice(i, end - i, ...replacement);
        relink(children);
        i += replacement.length - 1;
      } else if (isTag(node) && !ignoredTags.has(node.name) && !hasIgnoredClass(node, settings.ignoredClasses)) {
        walk(node.children);
      }
    }
  };
  walk(nodes);
}

function renderPiece(renderer: Katex, piece: Extract<Piece, { math: true }>, settings: KatexSettings, errors: MathError[]): string {
  try {
    return `<span>${renderer.renderToString(piece.text, { ...settings.katex, displayMode: piece.display })}</span>`;
  } catch (error) {
    if (!(error instanceof renderer.ParseError)) throw error;
    errors.push({ raw: piece.raw, message: error.message });
    return escapeHtml(piece.raw);
  }
}

function hasIgnoredClass(element: Element, classes: string[]): boolean {
  if (classes.length === 0) return false;
  const names = ` ${element.attribs['class'] ?? ''} `;
  return classes.some((name) => names.includes(` ${name} `));
}

/** Keeps domhandler's sibling links right after a splice. */
function relink(children: ChildNode[]): void {
  children.forEach((child, index) => {
    child.prev = children[index - 1] ?? null;
    child.next = children[index + 1] ?? null;
  });
}

/** Math in an HTML fragment (notes written after `Note:`). */
export function renderMathInHtml(html: string, settings: KatexSettings, katex: Renderers['katex'], errors: MathError[]): string {
  if (!settings.delimiters.some((delimiter) => html.includes(delimiter.left))) return html;
  const tree = parseHtml(html);
  renderMathInNodes(tree.children, settings, katex, errors);
  return serializeHtml(tree);
}
