import type { Deck } from '../types.ts';

/** The deck's title: front matter's `title`, else its first heading, else its file name. */
export function titleOf(deck: Deck): string {
  if (deck.options.title) return deck.options.title;
  const heading = deck.stacks.flat().find((slide) => slide.heading)?.heading;
  return heading ?? deck.file.replace(/^.*[/\\]/, '').replace(/\.md$/, '');
}
