import { escapeHtml } from './escape.ts';
import type { Deck, Slide } from '../types.ts';

/** The `<aside>` reveal.js's notes plugin reads, '' when the slide has no notes. */
export function renderNotes(slide: Slide): string {
  return slide.notesHtml ? `<aside class="notes">${slide.notesHtml}</aside>` : '';
}

/**
 * One slide as the `<section>` reveal.js reads. `data-lectern-key` lets hot updates find it again;
 * `data-lectern-attributes` records what the author set, so an update can take exactly that back.
 */
export function renderSection(slide: Slide): string {
  const authored = Object.entries(slide.attributes).filter(([name]) => !name.startsWith('data-lectern-'));
  const attributes = authored.map(([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`)).join('');
  const record = authored.length ? ` data-lectern-attributes="${escapeHtml(JSON.stringify(Object.fromEntries(authored)))}"` : '';
  return `<section data-lectern-key="${slide.key}" data-lectern-line="${slide.line}"${record}${attributes}>${slide.html}${renderNotes(slide)}</section>`;
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
