import { LecternError } from '../errors.ts';
import type { Deck } from '../types.ts';

/** "3-7,10" → the slide numbers it names (1-based, counting vertical slides), checked against the deck. */
export function parseRange(range: string, slideCount: number): Set<number> {
  const selected = new Set<number>();
  for (const part of range.split(',').map((p) => p.trim())) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!match) throw new LecternError('usage', `'${part}' is not a slide number or a range like 3-7`);
    const start = Number(match[1]);
    const end = match[2] === undefined ? start : Number(match[2]);
    if (start < 1 || end < start || end > slideCount) {
      throw new LecternError('usage', `'${part}' is outside the deck's slides 1-${slideCount}`);
    }
    for (let n = start; n <= end; n++) selected.add(n);
  }
  return selected;
}

/** The deck with only the selected slides; stacks left empty disappear. */
export function selectSlides(deck: Deck, selected: Set<number>): Deck {
  let number = 0;
  const stacks = deck.stacks
    .map((stack) => stack.filter(() => selected.has(++number)))
    .filter((stack) => stack.length > 0);
  return { ...deck, stacks };
}
