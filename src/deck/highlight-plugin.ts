import {
  addClass, appendChild, className, cloneNode, createElement, descendants, elementIndex, getAttribute, hasAncestor, hasAttribute,
  innerHTML, isBlankInside, isElement, isTemplateScript, parseSpans, removeAttribute, replaceChildren, setAttribute, setInnerHTML, setTextContent, textContent,
  type DomElement, type DomNode, type DomParent,
} from './browser-dom.ts';
import type { Highlighter } from '../types.ts';

/**
 * reveal.js 6.0.2's highlight plugin (plugin/highlight/plugin.js, with the hljs-line-numbers code it
 * bundles), step for step, on a standards-parsed DOM: what the plugin leaves in the page is computed
 * at compile time, so Lectern ships no plugin and every export shows the same code.
 */

/** The `highlight` block of revealOptions, with the plugin's defaults. */
export interface HighlightConfig {
  highlightOnLoad: boolean;
  escapeHTML: boolean;
}

export function highlightConfigOf(revealOptions: Record<string, unknown>): HighlightConfig {
  const own = revealOptions['highlight'];
  const config = (typeof own === 'object' && own !== null ? own : {}) as Record<string, unknown>;
  // The plugin keeps a value only when it is a boolean.
  return {
    highlightOnLoad: typeof config['highlightOnLoad'] !== 'boolean' || config['highlightOnLoad'],
    escapeHTML: typeof config['escapeHTML'] !== 'boolean' || config['escapeHTML'],
  };
}

const NO_HIGHLIGHT = /^(no-?highlight)$/i;
const LANGUAGE_CLASS = /\blang(?:uage)?-([\w-]+)\b/i;

interface LineRange {
  start?: number;
  end?: number;
}

/** deserializeHighlightSteps: "1,3|4-5" → [[{1},{3}],[{4,5}]]. */
export function deserializeHighlightSteps(steps: string): LineRange[][] {
  return steps
    .replace(/\s/g, '')
    .split('|')
    .map((step) =>
      step.split(',').map((part): LineRange => {
        if (!/^[\d-]+$/.test(part)) return {};
        const [start, end] = part.split('-');
        const first = parseInt(start!, 10);
        const last = parseInt(end!, 10);
        return Number.isNaN(last) ? { start: first } : { start: first, end: last };
      }),
    );
}

export function serializeHighlightSteps(steps: LineRange[][]): string {
  return steps
    .map((step) =>
      step
        .map((range) => (typeof range.end === 'number' ? `${range.start}-${range.end}` : typeof range.start === 'number' ? `${range.start}` : ''))
        .join(','),
    )
    .join('|');
}

/** The plugin's data-trim: blank first and last lines dropped, common indentation removed. */
export function trimCode(html: string): string {
  const leftTrim = (line: string) => line.replace(/^[\s\uFEFF\xA0]+/g, '');
  const lines = html.split('\n');
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const indent = lines.reduce((least, line) => {
    const width = line.length - leftTrim(line).length;
    return line.length > 0 && leftTrim(line).length > 0 && least > width ? width : least;
  }, Infinity);
  return lines.map((line) => line.slice(indent)).join('\n');
}

/** The first loop of the plugin's init, for one `pre code`. */
export function prepareBlock(block: DomElement, config: HighlightConfig): void {
  if (block.parentNode && isElement(block.parentNode)) addClass(block.parentNode, 'code-wrapper');
  const template = descendants(block).find(isTemplateScript);
  if (template) setTextContent(block, innerHTML(template));
  if (hasAttribute(block, 'data-trim')) setInnerHTML(block, trimCode(innerHTML(block)));
  if (config.escapeHTML && !hasAttribute(block, 'data-noescape')) {
    const markup = innerHTML(block);
    const escaped = markup.replace(/</g, '&lt;').replace(/>/g, '&gt;');
    // Setting the same text back changes nothing (unless the parser would rewrite a CR or a NUL in it).
    const unchanged = escaped === markup && block.childNodes.length <= 1 && !/[\r\0]/.test(markup);
    if (!unchanged) setInnerHTML(block, escaped);
  }
}

/** hljs.highlightElement. */
function highlightElement(block: DomElement, highlighter: Highlighter): void {
  const language = blockLanguage(block, highlighter);
  if (language !== undefined && NO_HIGHLIGHT.test(language)) return;
  if (getAttribute(block, 'data-highlighted')) return; // "Element previously highlighted"
  const text = textContent(block);
  const result = language !== undefined ? highlighter.highlight(text, language) : highlighter.highlightAuto(text);
  setInnerHTML(block, result.value);
  setAttribute(block, 'data-highlighted', 'yes');
  const shown = (language && highlighter.aliasOf(language)) || result.language;
  addClass(block, 'hljs');
  addClass(block, `language-${shown}`);
}

/** hljs's blockLanguage: a language-* class first, else the first class naming a language, on the block or its parent. */
function blockLanguage(block: DomElement, highlighter: Highlighter): string | undefined {
  const parent = block.parentNode && isElement(block.parentNode) ? className(block.parentNode) : '';
  const classes = `${className(block)} ${parent}`;
  const match = LANGUAGE_CLASS.exec(classes);
  if (match) return highlighter.hasLanguage(match[1]!) ? match[1] : 'no-highlight';
  return classes.split(/\s+/).find((name) => NO_HIGHLIGHT.test(name) || highlighter.hasLanguage(name));
}

/** The plugin's highlightBlock: highlighting, line numbers, one fragment per extra step. */
export function highlightBlock(block: DomElement, highlighter: Highlighter): void {
  highlightElement(block, highlighter);
  const lineNumbers = getAttribute(block, 'data-line-numbers');
  if (lineNumbers === null || isBlankInside(block)) return;
  lineNumbersBlock(block);
  const steps = deserializeHighlightSteps(lineNumbers);
  if (steps.length > 1) {
    let fragmentIndex: number | null = parseInt(getAttribute(block, 'data-fragment-index') ?? '', 10);
    if (Number.isNaN(fragmentIndex)) fragmentIndex = null;
    for (const step of steps.slice(1)) {
      const fragment = cloneNode(block);
      setAttribute(fragment, 'data-line-numbers', serializeHighlightSteps([step]));
      addClass(fragment, 'fragment');
      appendChild(block.parentNode!, fragment);
      highlightLines(fragment);
      if (fragmentIndex !== null) {
        setAttribute(fragment, 'data-fragment-index', String(fragmentIndex));
        fragmentIndex += 1;
      } else {
        removeAttribute(fragment, 'data-fragment-index');
      }
    }
    removeAttribute(block, 'data-fragment-index');
    setAttribute(block, 'data-line-numbers', serializeHighlightSteps([steps[0]!]));
  }
  highlightLines(block);
}

/** highlightLines: `table tr:nth-child(…)` rows of the first step get .highlight-line, the block .has-highlights. */
function highlightLines(block: DomElement): void {
  const steps = deserializeHighlightSteps(getAttribute(block, 'data-line-numbers') ?? '');
  if (steps.length === 0) return;
  for (const range of steps[0]!) {
    let rows: DomElement[] = [];
    // NaN makes the plugin's selector invalid (querySelectorAll throws there): no row is marked.
    if (typeof range.end === 'number' && !Number.isNaN(range.end) && !Number.isNaN(range.start)) {
      rows = tableRows(block).filter((row) => elementIndex(row) >= range.start! && elementIndex(row) <= range.end!);
    } else if (typeof range.start === 'number' && range.end === undefined && !Number.isNaN(range.start)) {
      rows = tableRows(block).filter((row) => elementIndex(row) === range.start);
    }
    if (rows.length > 0) {
      for (const row of rows) addClass(row, 'highlight-line');
      addClass(block, 'has-highlights');
    }
  }
}

function tableRows(block: DomElement): DomElement[] {
  return descendants(block).filter((element) => element.tagName === 'tr' && hasAncestor(element, (ancestor) => ancestor.tagName === 'table'));
}

const LINE_BREAK = /\r\n|\r|\n/g;

/** hljs-line-numbers' lineNumbersBlock with { singleLine: true }, as the plugin calls it. */
function lineNumbersBlock(block: DomElement): void {
  const startAttribute = getAttribute(block, 'data-ln-start-from');
  let startFrom = 1;
  if (startAttribute !== null && startAttribute !== '') {
    const parsed = Number(startAttribute);
    startFrom = Number.isFinite(parsed) ? parsed : 1;
  }
  duplicateMultilineNodes(block);
  const lines = splitLines(innerHTML(block));
  if (lines[lines.length - 1]!.trim() === '') lines.pop();
  const table = lineTable(lines, startFrom);
  if (table !== null) {
    replaceChildren(block, [table]);
    return;
  }
  let rows = '';
  for (let i = 0; i < lines.length; i++) {
    const n = i + startFrom;
    const line = lines[i]!.length > 0 ? lines[i] : ' ';
    rows += `<tr><td class="hljs-ln-line hljs-ln-numbers" data-line-number="${n}"><div class="hljs-ln-n" data-line-number="${n}"></div></td><td class="hljs-ln-line hljs-ln-code" data-line-number="${n}">${line}</td></tr>`;
  }
  setInnerHTML(block, `<table class="hljs-ln">${rows}</table>`);
}

/**
 * The tree the parser makes of that table markup (a tbody implied around the rows), built directly
 * when every line is text and spans (all highlighted code); null otherwise, for the parser to settle.
 */
function lineTable(lines: string[], startFrom: number): DomElement | null {
  const tbody = createElement('tbody', {});
  for (let i = 0; i < lines.length; i++) {
    const content = parseSpans(lines[i]!.length > 0 ? lines[i]! : ' ');
    if (content === null) return null;
    const n = String(i + startFrom);
    const numbers = createElement('td', { class: 'hljs-ln-line hljs-ln-numbers', 'data-line-number': n });
    appendChild(numbers, createElement('div', { class: 'hljs-ln-n', 'data-line-number': n }));
    const code = createElement('td', { class: 'hljs-ln-line hljs-ln-code', 'data-line-number': n });
    replaceChildren(code, content);
    const row = createElement('tr', {});
    appendChild(row, numbers);
    appendChild(row, code);
    appendChild(tbody, row);
  }
  const table = createElement('table', { class: 'hljs-ln' });
  appendChild(table, tbody);
  return table;
}

/**
 * hljs-line-numbers walks the block's childNodes with for…in over the live NodeList: the indices are
 * taken once, each visited only while it still exists, and a multi-line text node makes its parent be
 * rewritten one span per line (when the parent has an hljs- class).
 */
function duplicateMultilineNodes(parent: DomParent): void {
  const count = parent.childNodes.length;
  for (let index = 0; index < count; index++) {
    const node: DomNode | undefined = parent.childNodes[index];
    if (node === undefined) continue;
    if ((textContent(node).trim().match(LINE_BREAK) ?? []).length === 0) continue;
    if ('childNodes' in node && node.childNodes.length > 0) duplicateMultilineNodes(node);
    else if (node.parentNode && isElement(node.parentNode)) duplicateMultilineElement(node.parentNode);
  }
}

function duplicateMultilineElement(element: DomElement): void {
  const classes = className(element);
  if (!/hljs-/.test(classes)) return;
  let out = '';
  for (const line of splitLines(innerHTML(element))) out += `<span class="${classes}">${line.length > 0 ? line : ' '}</span>\n`;
  setInnerHTML(element, out.trim());
}

function splitLines(html: string): string[] {
  return html.length === 0 ? [] : html.split(LINE_BREAK);
}
