import type { Deck, Slide } from '../types.ts';

export interface NumberedSlide {
  slide: Slide;
  /** 1-based, as shown: vertical slides counted. */
  number: number;
}

/** A deck's slides by key, with their numbers as shown. */
export function slideFinder(deck: Deck): (key: string) => NumberedSlide | null {
  const byKey = new Map(deck.stacks.flat().map((slide, index) => [slide.key, { slide, number: index + 1 }]));
  return (key) => byKey.get(key) ?? null;
}
