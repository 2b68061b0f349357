import type { Deck, Slide } from '../types.ts';

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** One slide as the `<section>` reveal.js reads; `data-lectern-key` lets hot updates find it again. */
export function renderSection(slide: Slide): string {
  const attributes = Object.entries(slide.attributes)
    .filter(([name]) => name !== 'data-lectern-key' && name !== 'data-lectern-line')
    .map(([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`))
    .join('');
  const notes = slide.notesHtml ? `<aside class="notes">${slide.notesHtml}</aside>` : '';
  return `<section data-lectern-key="${slide.key}" data-lectern-line="${slide.line}"${attributes}>${slide.html}${notes}</section>`;
}

/** A horizontal stack: a lone slide stays a plain section, several nest as reveal.js expects. */
export function renderStack(stack: Slide[]): string {
  if (stack.length === 1) return renderSection(stack[0]!);
  return `<section>${stack.map(renderSection).join('')}</section>`;
}

/** The contents of reveal.js's `.slides` element. */
export function renderSlides(deck: Deck): string {
  return deck.stacks.map(renderStack).join('\n');
}
