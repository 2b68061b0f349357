import type { MathEngine, MathJaxTexOptions, RevealOptions } from '../types.ts';
import type { Piece } from './math.ts';

/**
 * reveal.js's MathJax plugins (2, 3 and 4), read as settings for rendering at compile time with MathJax 4
 * in Node: where each plugin finds math (its delimiters, escapes, environments, skipped tags and classes),
 * and what its TeX input is configured with.
 */

/** MathJax's FindTeX options. */
export interface FindOptions {
  inline: [string, string][];
  display: [string, string][];
  processEscapes: boolean;
  processEnvironments: boolean;
  processRefs: boolean;
}

export interface MathJaxSettings {
  find: FindOptions;
  /** Tags whose contents are not searched (MathJax's skipHtmlTags as a pattern). */
  skipTags: RegExp;
  /** Class patterns, as MathJax builds them from ignoreHtmlClass and processHtmlClass. */
  ignoreClass: RegExp;
  processClass: RegExp;
  engine: MathJaxTexOptions;
  /** The settings as text, for cache keys. */
  key: string;
}

/** What reveal.js's MathJax plugins skip (they replace MathJax's own list). */
const SKIP_TAGS = ['script', 'noscript', 'style', 'textarea', 'pre', 'code'];
const PLUGIN_INLINE: [string, string][] = [['$', '$'], ['\\(', '\\)']];
const DISPLAY: [string, string][] = [['$$', '$$'], ['\\[', '\\]']];

/** TeX packages of MathJax 4, by name. */
export const MATHJAX_PACKAGES = [
  'action', 'ams', 'amscd', 'base', 'bbm', 'bboldx', 'bbox', 'begingroup', 'boldsymbol', 'braket', 'bussproofs',
  'cancel', 'cases', 'centernot', 'color', 'colortbl', 'colorv2', 'configmacros', 'dsfont', 'empheq', 'enclose',
  'extpfeil', 'fontsizev3', 'gensymb', 'html', 'mathtools', 'mhchem', 'newcommand', 'noerrors', 'noundefined', 'physics',
  'setoptions', 'tagformat', 'texhtml', 'textcomp', 'textmacros', 'unicode', 'units', 'upgreek', 'verb',
] as const;

/**
 * What a browser's MathJax loads on first use through `autoload` (Node has no loader, so they are loaded
 * up front); `begingroup` too, for `\gdef`.
 */
const AUTOLOADED = ['action', 'amscd', 'bbox', 'boldsymbol', 'braket', 'bussproofs', 'cancel', 'color', 'enclose', 'extpfeil', 'html', 'mhchem', 'unicode', 'verb', 'begingroup'];
const CORE = ['base', 'ams', 'newcommand', 'configmacros'];

/** Output options common to MathJax's CHTML and SVG output (a deck configured for CHTML keeps them). */
const OUTPUT_KEYS = ['scale', 'minScale', 'mtextInheritFont', 'merrorInheritFont', 'mtextFont', 'merrorFont', 'mathmlSpacing', 'exFactor', 'displayAlign', 'displayIndent'];

type Json = Record<string, unknown>;

function objectAt(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function pairs(value: unknown, fallback: [string, string][]): [string, string][] {
  if (!Array.isArray(value)) return fallback;
  return value.filter((pair): pair is [string, string] => Array.isArray(pair) && pair.length === 2 && pair.every((part) => typeof part === 'string' && part !== ''));
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
}

/** The settings for a MathJax deck, as its plugin (`engine`) would configure MathJax, and the problems found. */
export function mathJaxSettingsOf(engine: Exclude<MathEngine, 'KaTeX'>, options: RevealOptions): { settings: MathJaxSettings; problems: string[] } {
  const problems: string[] = [];
  return { settings: engine === 'MathJax2' ? fromVersion2(options, problems) : fromVersion3(engine, options, problems), problems };
}

/** reveal.js's MathJax 2 plugin: `mathjax2` (or `math`) with `tex2jax` and `TeX` blocks. */
function fromVersion2(options: RevealOptions, problems: string[]): MathJaxSettings {
  const own = objectAt(options['mathjax2'] ?? options['math']);
  const tex2jax = objectAt(own['tex2jax']);
  const tex = objectAt(own['TeX']);
  // MathJax 2's \color takes its text as an argument, as colorv2 does.
  const defaults = [...CORE, ...AUTOLOADED.map((name) => (name === 'color' ? 'colorv2' : name))];
  const extensions = strings(tex['extensions']).map((name) => name.replace(/\.js$/, '').replace(/^.*\//, '').toLowerCase());
  const added = extensions.flatMap((name) => (name === 'amsmath' || name === 'amssymbols' ? ['ams'] : name === 'autoload-all' ? [] : [name]));
  const autoNumber = objectAt(tex['equationNumbers'])['autoNumber'];
  const texOptions: Json = {};
  if (tex['Macros'] !== undefined) texOptions['macros'] = tex['Macros'];
  if (autoNumber === 'AMS' || autoNumber === 'all') texOptions['tags'] = autoNumber === 'AMS' ? 'ams' : 'all';
  return build({
    find: {
      inline: pairs(tex2jax['inlineMath'], PLUGIN_INLINE),
      display: pairs(tex2jax['displayMath'], DISPLAY),
      processEscapes: tex2jax['processEscapes'] === true,
      processEnvironments: tex2jax['processEnvironments'] !== false,
      processRefs: tex2jax['processRefs'] !== false,
    },
    skipTags: tex2jax['skipTags'] === undefined ? SKIP_TAGS : strings(tex2jax['skipTags']),
    ignoreClass: typeof tex2jax['ignoreClass'] === 'string' ? tex2jax['ignoreClass'] : 'tex2jax_ignore',
    processClass: typeof tex2jax['processClass'] === 'string' ? tex2jax['processClass'] : 'tex2jax_process',
    packages: checkPackages(unique([...defaults, ...added]), problems),
    tex: texOptions,
    output: pick(objectAt(own['HTML-CSS'] ?? own['SVG'] ?? own['CommonHTML']), OUTPUT_KEYS),
  });
}

/** reveal.js's MathJax 3 and 4 plugins: `tex`, `options`, `svg`/`chtml` and `loader` blocks, as MathJax.config. */
function fromVersion3(engine: 'MathJax3' | 'MathJax4', options: RevealOptions, problems: string[]): MathJaxSettings {
  const own = objectAt(options[engine === 'MathJax4' ? 'mathjax4' : 'mathjax3']);
  const { inlineMath, displayMath, processEscapes, processEnvironments, processRefs, packages, ...texOptions } = objectAt(own['tex']);
  const documentOptions = objectAt(own['options']);
  // MathJax 4 processes \text{} contents as TeX (textmacros) by default; 3 did not.
  const defaults = [...CORE, ...(engine === 'MathJax4' ? ['textmacros'] : []), ...AUTOLOADED];
  const loaded = strings(objectAt(own['loader'])['load']).flatMap((name) => (name.startsWith('[tex]/') ? [name.slice(6)] : []));
  return build({
    find: {
      inline: pairs(inlineMath, PLUGIN_INLINE),
      display: pairs(displayMath, DISPLAY),
      processEscapes: processEscapes !== false,
      processEnvironments: processEnvironments !== false,
      processRefs: processRefs !== false,
    },
    skipTags: documentOptions['skipHtmlTags'] === undefined ? SKIP_TAGS : skipList(documentOptions['skipHtmlTags']),
    ignoreClass: strings(documentOptions['ignoreHtmlClass'] ?? (engine === 'MathJax4' ? 'mathjax_ignore' : 'tex2jax_ignore')).join('|'),
    processClass: strings(documentOptions['processHtmlClass'] ?? (engine === 'MathJax4' ? 'mathjax_process' : 'tex2jax_process')).join('|'),
    packages: checkPackages(unique([...packageList(packages, defaults), ...loaded]), problems),
    tex: texOptions,
    output: pick(objectAt(own['svg'] ?? own['chtml'] ?? own['output']), OUTPUT_KEYS),
  });
}

/** MathJax's skipHtmlTags: a list, or `{'[+]': […], '[-]': […]}` to change the plugin's. */
function skipList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  const change = objectAt(value);
  const removed = new Set(strings(change['[-]']));
  return [...SKIP_TAGS.filter((tag) => !removed.has(tag)), ...strings(change['[+]'])];
}

/** `tex.packages`: a list replaces the defaults, `{'[+]': […], '[-]': […]}` changes them. */
function packageList(value: unknown, defaults: string[]): string[] {
  if (value === undefined) return defaults;
  // In a browser `autoload` loads the rest on demand: here they are all loaded.
  const expand = (names: string[]) => names.flatMap((name) => (name === 'autoload' ? AUTOLOADED : [name]));
  if (Array.isArray(value)) return expand(value.map(String));
  const change = objectAt(value);
  const removed = new Set(strings(change['[-]']));
  return [...defaults.filter((name) => !removed.has(name)), ...expand(strings(change['[+]']))];
}

function checkPackages(names: string[], problems: string[]): string[] {
  return names.filter((name) => {
    // `require` needs MathJax's loader: every package is loaded up front instead.
    if (name === 'require') return false;
    if ((MATHJAX_PACKAGES as readonly string[]).includes(name)) return true;
    problems.push(`unknown MathJax TeX package '${name}' (MathJax 4 has ${MATHJAX_PACKAGES.join(', ')})`);
    return false;
  });
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

function pick(from: Json, keys: string[]): Json {
  return Object.fromEntries(keys.filter((key) => from[key] !== undefined).map((key) => [key, from[key]]));
}

interface Parts {
  find: FindOptions;
  skipTags: string[];
  ignoreClass: string;
  processClass: string;
  packages: string[];
  tex: Json;
  output: Json;
}

function build(parts: Parts): MathJaxSettings {
  // begingroup (\gdef) has to be configured before newcommand, or its definitions fail.
  if (parts.packages.includes('begingroup')) {
    const rest = parts.packages.filter((name) => name !== 'begingroup' && name !== 'base');
    parts.packages = [...(parts.packages.includes('base') ? ['base'] : []), 'begingroup', ...rest];
  }
  return {
    find: parts.find,
    skipTags: new RegExp(`^(?:${parts.skipTags.join('|')})$`, 'i'),
    ignoreClass: new RegExp(`(?:^| )(?:${parts.ignoreClass})(?: |$)`),
    processClass: new RegExp(`(?:^| )(?:${parts.processClass})(?: |$)`),
    engine: { packages: parts.packages, tex: parts.tex, output: parts.output },
    key: JSON.stringify(parts),
  };
}

const quote = (text: string) => text.replace(/([\^$(){}+*?\-|[\]:\\])/g, '\\$1');

/**
 * MathJax's FindTeX over one string: formulas between the delimiters (braces balanced, control sequences
 * skipped), `\begin{env}…\end{env}` outside delimiters, `\ref{…}`, and `\$` / `\\` escapes, which become
 * the character (in a span, as MathJax shows them).
 */
export function splitMathJax(text: string, find: FindOptions): Piece[] {
  const ends = new Map<string, [string, boolean]>();
  const starts: string[] = [];
  for (const [open, close] of find.inline) {
    starts.push(quote(open));
    ends.set(open, [close, false]);
  }
  for (const [open, close] of find.display) {
    starts.push(quote(open));
    ends.set(open, [close, true]);
  }
  const parts: string[] = [];
  if (starts.length) parts.push(starts.sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0)).join('|'));
  let group = 1;
  let environment = 0;
  if (find.processEnvironments) {
    parts.push('\\\\begin\\s*\\{([^}]*)\\}');
    environment = group++;
  }
  const subparts: string[] = [];
  if (find.processEscapes) subparts.push('\\\\([\\\\$])');
  if (find.processRefs) subparts.push('(\\\\(?:eq)?ref\\s*\\{[^}]*\\})');
  const special = subparts.length ? group : 0;
  if (subparts.length) parts.push(`(${subparts.join('|')})`);
  if (parts.length === 0) return [{ math: false, text }];

  const start = new RegExp(parts.join('|'), 'g');
  const pieces: Piece[] = [];
  let plain = 0;
  const push = (end: number, piece: Piece) => {
    if (end > plain) pieces.push({ math: false, text: text.slice(plain, end) });
    pieces.push(piece);
  };
  for (let match = start.exec(text); match !== null; match = start.exec(text)) {
    let found: { end: number; piece: Piece } | null = null;
    if (environment && match[environment] !== undefined) {
      const name = match[environment]!;
      const close = findEnd(text, match.index + match[0].length, `{${name}}`, `\\\\end\\s*(\\{${quote(name)}\\})`);
      if (close) {
        const raw = text.slice(match.index, close.end);
        found = { end: close.end, piece: { math: true, text: raw, raw, display: true } };
      }
    } else if (special && match[special] !== undefined) {
      const sequence = match[special]!;
      const end = match.index + sequence.length;
      found = { end, piece: sequence.length === 2 ? { math: false, text: sequence.slice(1), escaped: true } : { math: true, text: sequence, raw: sequence, display: false } };
    } else {
      const [close, display] = ends.get(match[0])!;
      const at = match.index + match[0].length;
      const end = findEnd(text, at, close, quote(close));
      if (end) found = { end: end.end, piece: { math: true, text: text.slice(at, end.start), raw: text.slice(match.index, end.end), display } };
    }
    if (found) {
      push(match.index, found.piece);
      plain = found.end;
      start.lastIndex = found.end;
    }
  }
  if (plain < text.length) pieces.push({ math: false, text: text.slice(plain) });
  return mergeText(pieces);
}

/** The close delimiter at brace depth 0 after `from`, skipping control sequences; null when there is none. */
function findEnd(text: string, from: number, close: string, closePattern: string): { start: number; end: number } | null {
  const pattern = new RegExp(`${closePattern}|\\\\(?:[a-zA-Z]|.)|[{}]`, 'g');
  pattern.lastIndex = from;
  let braces = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if ((match[1] ?? match[0]) === close && braces === 0) return { start: match.index, end: match.index + match[0].length };
    if (match[0] === '{') braces++;
    else if (match[0] === '}' && braces) braces--;
  }
  return null;
}

/** Adjacent plain text pieces as one. */
function mergeText(pieces: Piece[]): Piece[] {
  const merged: Piece[] = [];
  for (const piece of pieces) {
    const last = merged[merged.length - 1];
    if (last && !last.math && !piece.math && !last.escaped && !piece.escaped) merged[merged.length - 1] = { math: false, text: last.text + piece.text };
    else merged.push(piece);
  }
  return merged;
}
