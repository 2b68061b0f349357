import type { Katex, MathEngine, MathJaxTexOptions, Renderers, RevealOptions, TexEngine, TexSession } from '../types.ts';
import { escapeHtml } from './escape.ts';
import { decodeText, isComment, isTag, parseHtml, serializeHtml, type ChildNode, type Element } from './html.ts';
import { mathJaxSettingsOf, splitMathJax, type MathJaxSettings } from './mathjax.ts';

/**
 * Which of reveal.js's math plugins a deck's revealOptions ask for. `math` is what reveal.js's default
 * math plugin (MathJax 2) reads, as reveal-md decks use it.
 */
export function mathEngineOf(options: RevealOptions): MathEngine | null {
  if (options['mathjax4']) return 'MathJax4';
  if (options['mathjax3']) return 'MathJax3';
  if (options['mathjax2']) return 'MathJax2';
  if (options['katex']) return 'KaTeX';
  if (options['math']) return 'MathJax2';
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

/** How a deck's math is found and drawn: reveal.js's KaTeX plugin, or one of its MathJax plugins. */
export type MathSettings = ({ engine: 'KaTeX'; katex: KatexSettings } | { engine: 'MathJax'; mathjax: MathJaxSettings }) & {
  /** The settings as text, for cache keys. */
  key: string;
};

/** The deck's math settings and the problems with them; null settings when the deck has no math. */
export function mathSettingsOf(options: RevealOptions): { settings: MathSettings | null; problems: string[] } {
  const engine = mathEngineOf(options);
  if (engine === null) return { settings: null, problems: [] };
  if (engine === 'KaTeX') {
    const katex = katexSettingsOf(options)!;
    return { settings: { engine, katex, key: JSON.stringify(katex) }, problems: [] };
  }
  const { settings, problems } = mathJaxSettingsOf(engine, options);
  return { settings: { engine: 'MathJax', mathjax: settings, key: settings.key }, problems };
}

/** A piece of text: plain, or a formula with the text it was written as (delimiters included). */
export type Piece = { math: false; text: string; escaped?: true } | { math: true; text: string; raw: string; display: boolean };

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

/** A formula the engine could not render: left as written, as both plugins do. */
export interface MathError {
  raw: string;
  message: string;
}

/**
 * TeX that may define macros (or load packages) for the formulas after it. Such formulas are replayed to
 * bring an engine to the state a slide starts in, so a slide renders the same wherever it is rendered.
 */
const DEFINES = /\\(?:[gex]?def|global|let|futurelet|(?:re)?newcommand|providecommand|(?:re)?newenvironment|DeclareMathOperator|definecolor|Newextarrow|require|setOptions)(?![a-zA-Z])/;

export function definesMacros(tex: string): boolean {
  return DEFINES.test(tex);
}

/** Where a slide's math starts: the defining formulas of the slides before it, and their numbered equations. */
export interface MathState {
  definitions: readonly string[];
  equations: number;
}

export const EMPTY_MATH_STATE: MathState = { definitions: [], equations: 0 };

/** How a slide's walk finds and renders math, with what it leaves for the next slide. */
export interface MathPass {
  settings: MathSettings;
  session: TexSession;
  errors: MathError[];
  /** Formulas of this slide that may define macros, in order. */
  definitions: string[];
}

/** Starts rendering one slide's math from `state`, with the deck's engine. */
export function startMath(settings: MathSettings, renderers: Pick<Renderers, 'katex' | 'mathjax'>, state: MathState): MathPass {
  const engine = settings.engine === 'KaTeX' ? katexEngine(renderers.katex(settings.katex.extensions), settings.katex) : renderers.mathjax(settings.mathjax.engine);
  return { settings, session: engine.session(state.definitions, state.equations), errors: [], definitions: [] };
}

/** The state the next slide starts in. */
export function finishMath(pass: MathPass, before: MathState): MathState {
  if (pass.definitions.length === 0 && pass.session.equations() === before.equations) return before;
  return { definitions: [...before.definitions, ...pass.definitions], equations: pass.session.equations() };
}

/**
 * KaTeX as a TeX engine. Its `macros` option is where `\gdef` writes, so a session replays the earlier
 * definitions into a fresh copy of the deck's macros: later slides see them, as in one browser page.
 */
export function katexEngine(katex: Katex, settings: KatexSettings): TexEngine {
  const base = (settings.katex['macros'] ?? {}) as Record<string, unknown>;
  return {
    session(definitions, equations) {
      const macros = { ...base };
      const render = (tex: string, display: boolean) => katex.renderToString(tex, { ...settings.katex, macros, displayMode: display });
      for (const definition of definitions) {
        try {
          render(definition, false);
        } catch {
          // Reported where the formula is.
        }
      }
      return {
        render(tex, display) {
          try {
            return { html: `<span>${render(tex, display)}</span>` };
          } catch (error) {
            if (!(error instanceof katex.ParseError)) throw error;
            return { error: error.message };
          }
        },
        equations: () => equations,
      };
    },
  };
}

/** What one engine's plugin does with a DOM node: skips it, or searches it (`active`: its text holds math). */
type Visit = { skip: true } | { skip: false; active: boolean };

function visitFor(settings: MathSettings): (element: Element, active: boolean) => Visit {
  if (settings.engine === 'KaTeX') {
    const ignoredTags = new Set(settings.katex.ignoredTags);
    return (element) => (ignoredTags.has(element.name) || hasClass(element, settings.katex.ignoredClasses) ? { skip: true } : { skip: false, active: true });
  }
  const { skipTags, ignoreClass, processClass } = settings.mathjax;
  // MathJax's HTMLDomStrings: a process class overrides the skipped tags and an ignoring ancestor.
  return (element, active) => {
    const classes = element.attribs['class'] ?? '';
    const process = processClass.test(classes);
    if (!process && skipTags.test(element.name)) return { skip: true };
    return { skip: false, active: (active && !ignoreClass.test(classes)) || process };
  };
}

function splitterFor(settings: MathSettings): (text: string) => Piece[] {
  return settings.engine === 'KaTeX' ? (text) => splitAtDelimiters(text, settings.katex.delimiters) : (text) => splitMathJax(text, settings.mathjax.find);
}

/** True for nodes that one run of text spans: text, and for MathJax comments too (they do not break its strings). */
function joinsText(settings: MathSettings, node: ChildNode): boolean {
  return node.type === 'text' || (settings.engine === 'MathJax' && isComment(node));
}

/**
 * Renders math in text nodes where the deck's plugin would find it in the browser (KaTeX's auto-render,
 * or MathJax's TeX search over the slides), here at compile time: math shows offline, in PDFs, without a CDN.
 */
export function renderMathInNodes(nodes: ChildNode[], pass: MathPass): void {
  const visit = visitFor(pass.settings);
  const split = splitterFor(pass.settings);
  const walk = (children: ChildNode[], active: boolean): void => {
    for (let i = 0; i < children.length; i++) {
      const node = children[i]!;
      if (joinsText(pass.settings, node)) {
        // Adjacent text nodes are one text to search (a browser may split long ones).
        let end = i + 1;
        while (end < children.length && joinsText(pass.settings, children[end]!)) end++;
        if (!active) {
          i = end - 1;
          continue;
        }
        // Searched as the browser's DOM holds it: entities decoded (`a &lt; b` is `a < b` to KaTeX and MathJax).
        const text = decodeText(children.slice(i, end).map((child) => (child.type === 'text' ? (child as { data: string }).data : '')).join(''));
        const pieces = split(text);
        // Nothing to do without math, unless MathJax's escapes (`\$` → `$`) changed the text.
        if (!pieces.some((piece) => piece.math) && pieces.map((piece) => piece.text).join('') === text) {
          i = end - 1;
          continue;
        }
        const html = pieces.map((piece) => (piece.math ? renderPiece(pass, piece) : piece.escaped ? `<span>${escapeHtml(piece.text)}</span>` : escapeHtml(piece.text))).join('');
        const replacement = parseHtml(html).children;
        for (const child of replacement) child.parent = node.parent;
        children.splice(i, end - i, ...replacement);
        relink(children);
        i += replacement.length - 1;
      } else if (isTag(node)) {
        const outcome = visit(node, active);
        if (!outcome.skip) walk(node.children, outcome.active);
      }
    }
  };
  walk(nodes, true);
}

function renderPiece(pass: MathPass, piece: Extract<Piece, { math: true }>): string {
  const result = pass.session.render(piece.text, piece.display);
  if (definesMacros(piece.text)) pass.definitions.push(piece.text);
  if ('html' in result) return result.html;
  pass.errors.push({ raw: piece.raw, message: result.error });
  return escapeHtml(piece.raw);
}

function hasClass(element: Element, classes: string[]): boolean {
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

/** Opening delimiters (and `\begin`) the deck's math could start with: text without any has no math. */
export function mathOpenings(settings: MathSettings): string[] {
  if (settings.engine === 'KaTeX') return settings.katex.delimiters.map((delimiter) => delimiter.left);
  const { find } = settings.mathjax;
  return [...find.inline.map(([left]) => left), ...find.display.map(([left]) => left), ...(find.processEnvironments ? ['\\begin'] : []), ...(find.processEscapes ? ['\\'] : []), ...(find.processRefs ? ['\\ref', '\\eqref'] : [])];
}

/** Math in an HTML fragment (notes written after `Note:`). */
export function renderMathInHtml(html: string, pass: MathPass): string {
  if (!mathOpenings(pass.settings).some((opening) => html.includes(opening))) return html;
  const tree = parseHtml(html);
  renderMathInNodes(tree.children, pass);
  return serializeHtml(tree);
}
