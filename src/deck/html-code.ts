import render from 'dom-serializer';
import { cloneNode, Comment, Element, Text, type ChildNode, type ParentNode } from 'domhandler';
import { decodeHTML, decodeHTMLAttribute } from 'entities/decode';
import { escapeAttribute, escapeText } from 'entities/escape';
import { html as htmlSpec, parseFragment } from 'parse5';
import {
  appendChild, createElement, createText, descendants, hasAncestor, isElement, isInside, RAW_TEXT,
  type DomElement, type DomNode,
} from './browser-dom.ts';
import type { Highlighter } from '../types.ts';
import { highlightBlock, prepareBlock, type HighlightConfig } from './highlight-plugin.ts';
import { isTag, isText, parseHtml, serializeHtml } from './html.ts';

/** What a deck's code blocks are rendered with: the plugin's settings and Lectern's highlight.js. */
export interface CodeSettings {
  config: HighlightConfig;
  highlighter: Highlighter;
  /**
   * What each `<pre>` became, by its markup, for one compile: decks show the same block on several
   * slides (steps, recaps). Each `<pre>` is rendered on its own, so its markup decides its result.
   */
  rendered?: Map<string, readonly ChildNode[]>;
}

/**
 * Every `pre code` under `root` (a slide's section, notes asides included) as reveal.js's highlight
 * plugin leaves it, Markdown fences and raw HTML alike. Each outermost `<pre>` is moved into a
 * standards-parsed tree, the plugin's two passes run over all of them, and the result comes back.
 * `source` is the HTML `root` was parsed from with indices, so raw markup is re-read as written.
 */
export function highlightCodeIn(root: ParentNode, source: string, settings: CodeSettings): void {
  const all = outermostPres(root.children);
  if (all.length === 0) return;
  const rendered = settings.rendered ?? new Map<string, readonly ChildNode[]>();
  const keys = all.map((pre) => `${sourceOf(pre, source) ?? ''}\u0000${render(pre, { decodeEntities: false, encodeEntities: false })}`);
  const pres = all.filter((_, index) => !rendered.has(keys[index]!));
  renderPres(pres, source, settings).forEach((nodes, index) => rendered.set(keys[all.indexOf(pres[index]!)]!, nodes));
  // Later steps change the slide's nodes (diagrams, math, notes): each use gets its own copy.
  all.forEach((pre, index) => replaceNode(pre, rendered.get(keys[index]!)!.map((node) => cloneNode(node, true))));
}

/** The plugin's init over `pres`, each moved into a container of its own: what each becomes. */
function renderPres(pres: Element[], source: string, settings: CodeSettings): ChildNode[][] {
  if (pres.length === 0) return [];
  const containers = pres.map((pre) => {
    const container = createElement('div', {});
    for (const node of toDom(pre, source)) appendChild(container, node);
    return container;
  });
  const blocks = () => containers.flatMap((container) => codeBlocks(container).map((block) => ({ block, container })));
  // The plugin's init: every block prepared, then every block still in the page highlighted.
  for (const { block, container } of blocks()) if (isInside(block, container)) prepareBlock(block, settings.config);
  if (settings.config.highlightOnLoad) {
    for (const { block, container } of blocks()) if (isInside(block, container)) highlightBlock(block, settings.highlighter);
  }
  return containers.map((container) => fromDomList(container.childNodes, false));
}

/** The same for an HTML fragment (notes written after `Note:`). */
export function highlightCodeInHtml(html: string, settings: CodeSettings): string {
  if (!/<pre/i.test(html)) return html;
  const tree = parseHtml(html, { withIndices: true });
  highlightCodeIn(tree, html, settings);
  return serializeHtml(tree);
}

function outermostPres(nodes: ChildNode[], found: Element[] = []): Element[] {
  for (const node of nodes) {
    if (!isTag(node)) continue;
    if (node.name === 'pre') {
      if (hasCode(node)) found.push(node);
    } else {
      outermostPres(node.children, found);
    }
  }
  return found;
}

function hasCode(element: Element): boolean {
  return element.children.some((child) => isTag(child) && (child.name === 'code' || hasCode(child)));
}

function codeBlocks(container: DomElement): DomElement[] {
  return descendants(container).filter((element) => element.tagName === 'code' && hasAncestor(element, (ancestor) => ancestor.tagName === 'pre'));
}

/**
 * htmlparser2's `<pre>` as the browser's DOM. A plain `<pre><code>text</code></pre>` (every fence) is
 * built directly. Anything else is parsed by the standard parser from its source, which settles what
 * the browser makes of raw markup (misnested tags, implied end tags, ignored tags, SVG name cases);
 * the `<pre>` keeps the attributes Lectern's tree gave it (`.element` comments; one inside the `<pre>`,
 * aimed at an element in it, is not carried over).
 */
function toDom(pre: Element, source: string): DomNode[] {
  const [code, ...rest] = pre.children;
  if (code !== undefined && rest.length === 0 && isTag(code) && code.name === 'code' && code.children.every(isText)) {
    const domPre = createElement('pre', decodeAttributes(pre));
    const domCode = createElement('code', decodeAttributes(code));
    const text = decodeHTML(code.children.map((child) => (child as Text).data).join('')).replace(/\0/g, '');
    if (text !== '') appendChild(domCode, createText(text));
    appendChild(domPre, domCode);
    return [domPre];
  }
  const written = sourceOf(pre, source);
  const nodes = parseFragment(createElement('div', {}), written ?? render(pre, { decodeEntities: false, encodeEntities: false }), {}).childNodes;
  const parsedPre = nodes.find((node): node is DomElement => isElement(node) && node.tagName === 'pre');
  if (written !== null && parsedPre) parsedPre.attrs = Object.entries(decodeAttributes(pre)).map(([name, value]) => ({ name, value }));
  return nodes;
}

/** The `<pre>…</pre>` exactly as written, when the tree knows where it is and it ends with its own end tag. */
function sourceOf(pre: Element, source: string): string | null {
  if (pre.startIndex === null || pre.endIndex === null) return null;
  const written = source.slice(pre.startIndex, pre.endIndex + 1);
  return /^<pre[\s>]/i.test(written) && /<\/pre>$/i.test(written) ? written : null;
}

function decodeAttributes(element: Element): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(element.attribs)) attributes[name] = decodeHTMLAttribute(value);
  return attributes;
}

/** Back into htmlparser2's tree, which keeps text as written: escaped as the browser serializes it. */
function fromDomList(nodes: DomNode[], rawText: boolean): ChildNode[] {
  const converted: ChildNode[] = [];
  for (const node of nodes) {
    const child = fromDom(node, rawText);
    if (child !== null) converted.push(child);
  }
  return converted;
}

function fromDom(node: DomNode, rawText: boolean): ChildNode | null {
  if (node.nodeName === '#text') {
    const { value } = node as { value: string };
    return new Text(rawText || !/[&<>\u00a0]/.test(value) ? value : escapeText(value));
  }
  if (node.nodeName === '#comment') return new Comment((node as { data: string }).data);
  if (!isElement(node)) return null; // a doctype: the parser drops those inside a body
  const attribs: Record<string, string> = {};
  for (const attribute of node.attrs) attribs[attribute.prefix ? `${attribute.prefix}:${attribute.name}` : attribute.name] = escapeAttribute(attribute.value);
  const source = node.tagName === 'template' && 'content' in node ? (node.content as { childNodes: DomNode[] }).childNodes : node.childNodes;
  const raw = node.namespaceURI === htmlSpec.NS.HTML && RAW_TEXT.has(node.tagName);
  const element = new Element(node.tagName, attribs, fromDomList(source, raw));
  link(element, element.children);
  return element;
}

function link(parent: ParentNode, children: ChildNode[]): void {
  children.forEach((child, index) => {
    child.parent = parent;
    child.prev = children[index - 1] ?? null;
    child.next = children[index + 1] ?? null;
  });
}

function replaceNode(old: ChildNode, replacements: ChildNode[]): void {
  const parent = old.parent!;
  const siblings = parent.children;
  siblings.splice(siblings.indexOf(old), 1, ...replacements);
  link(parent, siblings);
}
