import render from 'dom-serializer';
import { Document, Element, isComment, isTag, isText, type ChildNode, type ParentNode } from 'domhandler';
import { textContent } from 'domutils';
import { decodeHTML } from 'entities';
import { parseDocument } from 'htmlparser2';

/**
 * A small, fast HTML tree for slide post-processing (htmlparser2/domhandler: several times faster than
 * a full DOM). Entities stay as written, so what marked produced comes back out byte for byte.
 */
export function parseHtml(html: string, { withIndices = false } = {}): Document {
  // Indices (where each element starts and ends in `html`) let code blocks be re-read from their source.
  return parseDocument(html, { decodeEntities: false, withStartIndices: withIndices, withEndIndices: withIndices });
}

export function serializeHtml(node: ParentNode): string {
  return flat(render(node.children, { decodeEntities: false, encodeEntities: false }));
}

/**
 * `text`, made one piece. Strings built by `+=` (dom-serializer's and marked's output) are ropes in V8:
 * hundreds of small pieces, kept alive with every string they were sliced from, until the whole text is
 * read. Reading a character makes V8 copy it into one flat string there and then, so what a deck keeps
 * per slide is its HTML, not several times that in pieces for the garbage collector to copy around.
 */
export function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

/** Decoded text of a node, as the DOM's textContent gives it. */
export function textOf(node: ChildNode | ParentNode): string {
  return decodeHTML(textContent(node as ChildNode));
}

/** A text node's data as the DOM holds it: the tree keeps entities as written. */
export function decodeText(data: string): string {
  return data.includes('&') ? decodeHTML(data) : data;
}

export function lastElementChild(node: ParentNode): Element | null {
  for (let i = node.children.length - 1; i >= 0; i--) {
    const child = node.children[i]!;
    if (isTag(child)) return child;
  }
  return null;
}

/** What the DOM calls nodeValue: the data of text and comment nodes, null for elements. */
export function nodeValue(node: ChildNode | null): string | null {
  return node !== null && (isText(node) || isComment(node)) ? node.data : null;
}

export function hasClass(element: Element, name: string): boolean {
  const classes = element.attribs['class'];
  return classes !== undefined && classes.includes(name) && classes.split(/\s+/).includes(name);
}

export { Element, isComment, isTag, isText };
export type { Comment } from 'domhandler';
export type { ChildNode, Document, ParentNode };
