/**
 * `<!-- .slide: … -->` and `<!-- .element: … -->` comments, applied with reveal.js 6.0.2's markdown
 * plugin algorithm (addAttributes / addAttributeInElement), ported node for node onto a DOM.
 */

/** The parts of the DOM the walk needs; linkedom and browsers both provide them. */
interface WalkNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<WalkNode>;
  previousSibling: WalkNode | null;
  tagName?: string;
  lastElementChild?: WalkNode | null;
  setAttribute?: (name: string, value: string) => void;
}

const COMMENT_NODE = 8;
export const ELEMENT_ATTRIBUTES = '\\.element\\s*?(.+?)$';
export const SLIDE_ATTRIBUTES = '\\.slide:\\s*?(\\S.+?)$';
const ATTRIBUTE = /([^"= ]+?)="([^"]+?)"|(data-[^"= ]+?)(?=[" ])/gm;

export interface AttributeTarget {
  /** The element that received `.element` attributes, and the text between it and the comment. */
  element: WalkNode;
  comment: WalkNode;
}

/** Called whenever an `.element` comment lands somewhere, so callers can lint the choice. */
export type OnElementTarget = (target: AttributeTarget) => void;

function applyComment(comment: WalkNode, target: WalkNode, separator: string): boolean {
  const pattern = new RegExp(separator, 'mg');
  const value = comment.nodeValue ?? '';
  const match = pattern.exec(value);
  if (!match) return false;
  const attributes = match[1] ?? '';
  comment.nodeValue = value.slice(0, match.index) + value.slice(pattern.lastIndex);
  ATTRIBUTE.lastIndex = 0;
  for (let found = ATTRIBUTE.exec(attributes); found !== null; found = ATTRIBUTE.exec(attributes)) {
    if (found[2]) target.setAttribute?.(found[1]!, found[2]);
    else target.setAttribute?.(found[3]!, '');
  }
  return true;
}

/** Walks `element` as reveal.js does, starting with addAttributes(section, section, null, …). */
export function applyAttributeComments(section: WalkNode, onElementTarget?: OnElementTarget): void {
  walk(section, section, null, onElementTarget);
}

function walk(section: WalkNode, element: WalkNode, previousElement: WalkNode | null, onTarget?: OnElementTarget): void {
  const children = element.childNodes;
  if (children.length > 0) {
    let previousParent: WalkNode = element;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      for (let j = i - 1; j >= 0; j--) {
        const candidate = children[j]!;
        if (typeof candidate.setAttribute === 'function' && candidate.tagName !== 'BR') {
          previousParent = candidate;
          break;
        }
      }
      // reveal.js compares nodeName with 'section' in lower case, which HTML documents never report.
      if (typeof child.setAttribute === 'function' || child.nodeType === COMMENT_NODE) {
        walk(section, child, previousParent, onTarget);
      }
    }
  }
  if (element.nodeType === COMMENT_NODE) {
    let target = previousElement;
    const blankLineBefore = /\n[ \t]*\n/.test(element.previousSibling?.nodeValue ?? '');
    if (target && (target.tagName === 'UL' || target.tagName === 'OL') && !blankLineBefore) {
      target = target.lastElementChild ?? target;
    }
    // previousElement is never null for a comment: the loop above starts from the parent.
    if (target && applyComment(element, target, ELEMENT_ATTRIBUTES)) {
      onTarget?.({ element: target, comment: element });
    } else {
      applyComment(element, section, SLIDE_ATTRIBUTES);
    }
  }
}
