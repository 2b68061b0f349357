import { decodeHTML, decodeHTMLAttribute } from 'entities/decode';
import { escapeAttribute, escapeText } from 'entities/escape';
import { defaultTreeAdapter, html, parseFragment, serialize, type DefaultTreeAdapterTypes } from 'parse5';

/**
 * The few DOM operations reveal.js's highlight plugin uses, on parse5's tree: parse5 parses and
 * serializes HTML as the standard says browsers do, so `innerHTML` here gives what Chromium gives.
 * Text-only content skips the parser (the common case: escaped code), with the same result.
 */
export type DomElement = DefaultTreeAdapterTypes.Element;
export type DomNode = DefaultTreeAdapterTypes.ChildNode;
export type DomParent = DefaultTreeAdapterTypes.ParentNode;
type DomText = DefaultTreeAdapterTypes.TextNode;

const { NS } = html;

/** Elements whose text is not escaped when serialized (scripting enabled, as in a browser). */
export const RAW_TEXT: ReadonlySet<string> = new Set(['style', 'script', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext', 'noscript']);

export function isElement(node: DomNode | DomParent): node is DomElement {
  return 'tagName' in node;
}

function isText(node: DomNode): node is DomText {
  return node.nodeName === '#text';
}

export function createElement(tagName: string, attributes: Record<string, string>, namespace = NS.HTML): DomElement {
  const attrs = [];
  for (const name in attributes) attrs.push({ name, value: attributes[name]! });
  // The shape parse5's default tree adapter gives its elements.
  return { nodeName: tagName, tagName, attrs, namespaceURI: namespace, childNodes: [], parentNode: null };
}

export function createText(value: string, parent: DomParent | null = null): DomText {
  return { nodeName: '#text', value, parentNode: parent };
}

export function getAttribute(element: DomElement, name: string): string | null {
  for (const attribute of element.attrs) if (attribute.name === name && !attribute.namespace) return attribute.value;
  return null;
}

export function hasAttribute(element: DomElement, name: string): boolean {
  return getAttribute(element, name) !== null;
}

/** setAttribute: an existing attribute keeps its place, a new one goes last. */
export function setAttribute(element: DomElement, name: string, value: string): void {
  const existing = element.attrs.find((attribute) => attribute.name === name && !attribute.namespace);
  if (existing) existing.value = value;
  else element.attrs.push({ name, value });
}

export function removeAttribute(element: DomElement, name: string): void {
  element.attrs = element.attrs.filter((attribute) => attribute.name !== name || attribute.namespace);
}

/** Element.className: SVG elements answer an SVGAnimatedString, which string concatenation spells out. */
export function className(element: DomElement): string {
  if (element.namespaceURI === NS.SVG) return '[object SVGAnimatedString]';
  return getAttribute(element, 'class') ?? '';
}

/** classList.add: the class attribute is rewritten as the token set (split on ASCII whitespace, no duplicates). */
export function addClass(element: DomElement, ...tokens: string[]): void {
  const set = new Set((getAttribute(element, 'class') ?? '').split(/[\t\n\f\r ]+/).filter(Boolean));
  for (const token of tokens) set.add(token);
  setAttribute(element, 'class', [...set].join(' '));
}

export function textContent(node: DomNode | DomParent): string {
  if (isText(node as DomNode)) return (node as DomText).value;
  if (node.nodeName === '#comment') return (node as DefaultTreeAdapterTypes.CommentNode).data;
  if (!('childNodes' in node)) return '';
  let text = '';
  for (const child of node.childNodes) if (child.nodeName !== '#comment') text += textContent(child);
  return text;
}

export function replaceChildren(parent: DomParent, children: DomNode[]): void {
  for (const child of children) child.parentNode = parent;
  parent.childNodes = children;
}

export function setTextContent(element: DomElement, text: string): void {
  replaceChildren(element, text === '' ? [] : [createText(text)]);
}

/** innerHTML.trim() === '' without serializing: only text, blank once no-break spaces (written &nbsp;) count. */
export function isBlankInside(element: DomElement): boolean {
  return element.childNodes.every((child) => isText(child) && child.value.replace(/\u00a0/g, 'x').trim() === '');
}

/** Element.innerHTML, as the HTML serialization algorithm (and so Chromium) writes it. */
export function innerHTML(element: DomElement): string {
  if (element.namespaceURI === NS.HTML && RAW_TEXT.has(element.tagName) && element.childNodes.every(isText)) {
    return (element.childNodes as DomText[]).map((child) => child.value).join('');
  }
  return serializePlain(element.childNodes) ?? serialize(element);
}

/** Elements the quick serializer leaves to parse5's: no end tag, unescaped text, or a separate content. */
const NOT_PLAIN = new Set([...RAW_TEXT, 'template', 'area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** Text and ordinary HTML elements serialized directly; null when there is anything else. */
function serializePlain(nodes: DomNode[]): string | null {
  let out = '';
  for (const node of nodes) {
    if (isText(node)) {
      out += escapeText(node.value);
    } else if (isElement(node) && node.namespaceURI === NS.HTML && !NOT_PLAIN.has(node.tagName)) {
      let attributes = '';
      for (const attribute of node.attrs) {
        if (attribute.namespace) return null;
        attributes += ` ${attribute.name}="${escapeAttribute(attribute.value)}"`;
      }
      const inner = serializePlain(node.childNodes);
      if (inner === null) return null;
      out += `<${node.tagName}${attributes}>${inner}</${node.tagName}>`;
    } else {
      return null;
    }
  }
  return out;
}

/** Contexts where text and spans parse as in the parser's "in body" mode, with nothing special. */
const PLAIN_CONTEXTS = new Set(['code', 'span', 'td', 'th', 'div']);

/**
 * Element.innerHTML = markup, parsed in the element's context. What highlight.js writes (text and
 * `<span class="…">`) is parsed here without the full parser, which costs ~0.1 ms a call: same tree.
 */
export function setInnerHTML(element: DomElement, markup: string): void {
  const spans = element.namespaceURI === NS.HTML && PLAIN_CONTEXTS.has(element.tagName) ? parseSpans(markup) : null;
  replaceChildren(element, spans ?? parseFragment(element, markup, {}).childNodes);
}

const SPAN_TOKEN = /<span class="([^"<]*)">|<\/span>|[^<]+/y;

/**
 * Markup made only of text and `<span class="…">…</span>` as the HTML parser builds it in body
 * context: references decoded, an unclosed span closed at the end, a stray `</span>` ignored. null for
 * anything else (other tags, comments, CR or NUL, which the parser rewrites), left to the full parser.
 */
export function parseSpans(markup: string): DomNode[] | null {
  if (markup.includes('\r') || markup.includes('\0')) return null;
  const root = createElement('span', {});
  const open: DomElement[] = [root];
  SPAN_TOKEN.lastIndex = 0;
  while (SPAN_TOKEN.lastIndex < markup.length) {
    const at = SPAN_TOKEN.lastIndex;
    const match = SPAN_TOKEN.exec(markup);
    if (match === null) return null;
    const current = open[open.length - 1]!;
    const token = match[0];
    if (match[1] !== undefined) {
      const span = createElement('span', { class: match[1].includes('&') ? decodeHTMLAttribute(match[1]) : match[1] });
      appendChild(current, span);
      open.push(span);
    } else if (token === '</span>') {
      if (open.length > 1) open.pop();
    } else {
      const raw = markup.slice(at, SPAN_TOKEN.lastIndex);
      const text = raw.includes('&') ? decodeHTML(raw) : raw;
      const last = current.childNodes[current.childNodes.length - 1];
      if (last !== undefined && isText(last)) last.value += text;
      else appendChild(current, createText(text));
    }
  }
  for (const child of root.childNodes) child.parentNode = null;
  return root.childNodes;
}

export function appendChild(parent: DomParent, child: DomNode): void {
  child.parentNode = parent;
  parent.childNodes.push(child);
}

export function cloneNode<T extends DomNode>(node: T): T {
  if (isText(node)) return { ...node, parentNode: null };
  if (node.nodeName === '#comment') return { ...node, parentNode: null };
  if (!isElement(node)) return { ...node, parentNode: null };
  const copy = createElement(node.tagName, {}, node.namespaceURI);
  copy.attrs = node.attrs.map((attribute) => ({ ...attribute }));
  replaceChildren(copy, node.childNodes.map((child) => cloneNode(child)));
  if (node.tagName === 'template' && 'content' in node) {
    const content = (node as DefaultTreeAdapterTypes.Template).content;
    const copied = defaultTreeAdapter.createDocumentFragment();
    replaceChildren(copied, content.childNodes.map((child) => cloneNode(child)));
    (copy as DefaultTreeAdapterTypes.Template).content = copied;
  }
  return copy as T;
}

/** Descendant elements of `root` in document order (template contents excluded, as querySelectorAll does). */
export function descendants(root: DomParent): DomElement[] {
  const found: DomElement[] = [];
  const stack: DomNode[] = [...root.childNodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    found.push(node);
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
  return found;
}

export function hasAncestor(node: DomNode, test: (element: DomElement) => boolean): boolean {
  for (let parent = node.parentNode; parent !== null && isElement(parent); parent = parent.parentNode) {
    if (test(parent)) return true;
  }
  return false;
}

/** Whether `node` still hangs from `root` (an element whose ancestor's innerHTML was replaced does not). */
export function isInside(node: DomNode, root: DomParent): boolean {
  let parent = node.parentNode;
  while (parent !== null && parent !== root) parent = isElement(parent) ? parent.parentNode : null;
  return parent === root;
}

/** 1-based position among the parent's element children, as :nth-child counts. */
export function elementIndex(element: DomElement): number {
  const parent = element.parentNode;
  if (parent === null) return 1;
  let index = 0;
  for (const sibling of parent.childNodes) {
    if (isElement(sibling)) index++;
    if (sibling === element) return index;
  }
  return index;
}

/** Matches a `type` attribute selector value: HTML compares `type` values case-insensitively. */
export function isTemplateScript(element: DomElement): boolean {
  return element.tagName === 'script' && element.namespaceURI === NS.HTML && getAttribute(element, 'type')?.toLowerCase() === 'text/template';
}
