import { renderSection } from '../deck/render.ts';
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
