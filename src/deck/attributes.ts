/**
 * `<!-- .slide: … -->` and `<!-- .element: … -->` comments, applied with reveal.js 6.0.2's markdown
 * plugin algorithm (addAttributes / addAttributeInElement), ported node for node onto a domhandler tree.
 */
import { isComment, isTag, lastElementChild, nodeValue, type ChildNode, type Comment, type Element, type ParentNode } from './html.ts';

export const ELEMENT_ATTRIBUTES = '\\.element\\s*?(.+?)$';
export const SLIDE_ATTRIBUTES = '\\.slide:\\s*?(\\S.+?)$';
const ATTRIBUTE = /([^"= ]+?)="([^"]+?)"|(data-[^"= ]+?)(?=[" ])/gm;
// Compiled once; lastIndex is reset before each use.
const ELEMENT_PATTERN = new RegExp(ELEMENT_ATTRIBUTES, 'mg');
const SLIDE_PATTERN = new RegExp(SLIDE_ATTRIBUTES, 'mg');

/** The slide's `<section>` attributes; `.slide` comments write here. */
export type SectionAttributes = Record<string, string>;

/** Called whenever an `.element` comment lands somewhere, so callers can lint the choice. */
export type OnElementTarget = (element: Element, comment: Comment) => void;

type Target = { kind: 'element'; element: Element } | { kind: 'section'; attributes: SectionAttributes };

function applyComment(comment: Comment, target: Target, pattern: RegExp): boolean {
  pattern.lastIndex = 0;
  const match = pattern.exec(comment.data);
  if (!match) return false;
  const attributes = match[1] ?? '';
  comment.data = comment.data.slice(0, match.index) + comment.data.slice(pattern.lastIndex);
  const into = target.kind === 'element' ? target.element.attribs : target.attributes;
  ATTRIBUTE.lastIndex = 0;
  for (let found = ATTRIBUTE.exec(attributes); found !== null; found = ATTRIBUTE.exec(attributes)) {
    // setAttribute lower-cases names in HTML documents.
    if (found[2]) into[found[1]!.toLowerCase()] = found[2];
    else into[found[3]!.toLowerCase()] = '';
  }
  return true;
}

/** Walks the slide as reveal.js does, starting with addAttributes(section, section, null, …). */
export function applyAttributeComments(slide: ParentNode, section: SectionAttributes, onElementTarget?: OnElementTarget): void {
  walkChildren(slide, section, onElementTarget);
}

function walkChildren(parent: ParentNode, section: SectionAttributes, onTarget?: OnElementTarget): void {
  const children = parent.children;
  // reveal.js starts from the parent itself; on the slide's top level (null here) that is the section.
  let previousParent: Element | null = isTag(parent as ChildNode) ? (parent as Element) : null;
  // reveal.js looks back from each child for the nearest element before it that is not a <br>.
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (isTag(child)) {
      walkChildren(child, section, onTarget);
      if (child.name !== 'br') previousParent = child;
    } else if (isComment(child)) {
      applyCommentNode(child, previousParent, section, onTarget);
    }
  }
}

function applyCommentNode(comment: Comment, previous: Element | null, section: SectionAttributes, onTarget?: OnElementTarget): void {
  let target: Target = previous === null ? { kind: 'section', attributes: section } : { kind: 'element', element: previous };
  const blankLineBefore = /\n[ \t]*\n/.test(nodeValue(comment.prev as ChildNode | null) ?? '');
  if (target.kind === 'element' && (target.element.name === 'ul' || target.element.name === 'ol') && !blankLineBefore) {
    target = { kind: 'element', element: lastElementChild(target.element) ?? target.element };
  }
  if (applyComment(comment, target, ELEMENT_PATTERN)) {
    if (target.kind === 'element') onTarget?.(target.element, comment);
  } else {
    applyComment(comment, { kind: 'section', attributes: section }, SLIDE_PATTERN);
  }
}
