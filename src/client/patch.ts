import { renderNotes, renderSection } from '../deck/render.ts';
import type { Slide } from '../types.ts';

function elementFrom(html: string): HTMLElement {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content.firstElementChild as HTMLElement;
}

function keysOf(stackElement: Element): string[] {
  if (stackElement.hasAttribute('data-lectern-key')) return [stackElement.getAttribute('data-lectern-key')!];
  return Array.from(stackElement.children, (child) => child.getAttribute('data-lectern-key') ?? '');
}

/**
 * Brings `.slides` to the new shape, reusing every section whose key survived (it keeps reveal.js's
 * state) and building only the slides that changed. Returns how many sections were created.
 */
export function patchSlides(slidesElement: HTMLElement, stacks: string[][], added: Record<string, Slide>): number {
  const existing = new Map<string, HTMLElement>();
  for (const section of Array.from(slidesElement.querySelectorAll<HTMLElement>('section[data-lectern-key]'))) {
    existing.set(section.dataset['lecternKey']!, section);
  }
  const currentStacks = Array.from(slidesElement.children).filter((child) => child.tagName === 'SECTION');
  let created = 0;
  const sectionFor = (key: string): HTMLElement => {
    const found = existing.get(key);
    if (found) return found;
    created++;
    return elementFrom(renderSection(added[key]!));
  };
  const desired = stacks.map((keys, index) => {
    const current = currentStacks[index];
    if (current && keysOf(current).join('\n') === keys.join('\n')) return current;
    if (keys.length === 1) return sectionFor(keys[0]!);
    const wrapper = document.createElement('section');
    for (const key of keys) wrapper.appendChild(sectionFor(key));
    return wrapper;
  });
  desired.forEach((element, index) => {
    const atIndex = slidesElement.children[index];
    if (atIndex !== element) slidesElement.insertBefore(element, atIndex ?? null);
  });
  while (slidesElement.children.length > desired.length) slidesElement.lastElementChild!.remove();
  return created;
}

/** Whether a slide's authored attributes (state, background, transition…) are those its section carries. */
export function sameAttributes(section: HTMLElement, slide: Slide): boolean {
  const previous = section.dataset['lecternAttributes'] ?? '{}';
  return previous === (Object.keys(slide.attributes).length ? JSON.stringify(slide.attributes) : '{}');
}

/** Replaces a section's content and authored attributes, keeping the element reveal.js knows. */
export function updateSectionInPlace(section: HTMLElement, slide: Slide): void {
  const previous = JSON.parse(section.dataset['lecternAttributes'] ?? '{}') as Record<string, string>;
  for (const [name, value] of Object.entries(previous)) {
    if (name === 'class') section.classList.remove(...value.split(/\s+/).filter(Boolean));
    else section.removeAttribute(name);
  }
  for (const [name, value] of Object.entries(slide.attributes)) {
    if (name === 'class') section.classList.add(...value.split(/\s+/).filter(Boolean));
    else section.setAttribute(name, value);
  }
  if (Object.keys(slide.attributes).length) section.dataset['lecternAttributes'] = JSON.stringify(slide.attributes);
  else delete section.dataset['lecternAttributes'];
  section.dataset['lecternKey'] = slide.key;
  section.dataset['lecternLine'] = String(slide.line);
  section.innerHTML = slide.html + renderNotes(slide);
}

/**
 * When the deck kept its shape and only some slides were edited, the sections to update in place;
 * null when slides moved, appeared or went away.
 */
export function inPlaceEdits(slidesElement: HTMLElement, stacks: string[][], added: Record<string, Slide>, renamed: Record<string, string>): [HTMLElement, Slide][] | null {
  const current = Array.from(slidesElement.children).filter((child) => child.tagName === 'SECTION');
  if (current.length !== stacks.length) return null;
  const edits: [HTMLElement, Slide][] = [];
  for (const [index, keys] of stacks.entries()) {
    const stack = current[index]!;
    const sections = stack.hasAttribute('data-lectern-key') ? [stack] : Array.from(stack.children);
    if (sections.length !== keys.length) return null;
    for (const [position, key] of keys.entries()) {
      const section = sections[position] as HTMLElement;
      // getAttribute, not dataset: this runs for every slide on every save.
      const oldKey = section.getAttribute('data-lectern-key') ?? '';
      if (oldKey === key) continue;
      const slide = added[key];
      if (renamed[oldKey] !== key || !slide) return null;
      edits.push([section, slide]);
    }
  }
  return edits;
}
