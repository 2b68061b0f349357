import { parseHtml, textOf } from './html.ts';
import type { Deck } from '../types.ts';

/** The deck's title: front matter's `title`, else its first heading, else its file name. */
export function titleOf(deck: Deck): string {
  if (deck.options.title) return deck.options.title;
  const heading = deck.stacks.flat().find((slide) => slide.heading)?.heading;
  return heading ?? deck.file.replace(/^.*[/\\]/, '').replace(/\.md$/, '');
}

/**
 * The deck's description for link previews: front matter's `description`, else the text of the first
 * slide after its heading (else with it), on one line, cut at a word near 200 characters.
 */
export function descriptionOf(deck: Deck): string {
  if (deck.options.description) return deck.options.description;
  const first = deck.stacks[0]?.[0];
  if (!first) return '';
  const text = textOf(parseHtml(first.html)).replace(/\s+/g, ' ').trim();
  const body = first.heading && text.startsWith(first.heading) && text.length > first.heading.length ? text.slice(first.heading.length).trim() : text;
  if (body.length <= 200) return body;
  const cut = body.slice(0, 200);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 150)).trimEnd()}…`;
}
