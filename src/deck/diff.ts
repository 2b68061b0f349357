import type { Deck, DeckOptions, DeckUpdate, Slide } from '../types.ts';

/** Options that the runtime can only apply by mounting reveal.js again. */
export function optionsDiffer(a: DeckOptions, b: DeckOptions): boolean {
  return JSON.stringify(a) !== JSON.stringify(b);
}

/**
 * Compares two compilations of a deck. Unchanged slides are named by key only; edited slides are
 * paired with the old slide they replace (same place between unchanged neighbours).
 */
export function diffDecks(previous: Deck, next: Deck): DeckUpdate {
  if (optionsDiffer(previous.options, next.options)) return { kind: 'reload', reason: 'deck options changed' };
  const oldKeys = previous.stacks.flat().map((slide) => slide.key);
  const newSlides = next.stacks.flat();
  const oldSet = new Set(oldKeys);
  const added: Record<string, Slide> = {};
  for (const slide of newSlides) if (!oldSet.has(slide.key)) added[slide.key] = slide;
  return {
    kind: 'slides',
    stacks: next.stacks.map((stack) => stack.map((slide) => slide.key)),
    added,
    renamed: pairEdited(oldKeys, newSlides.map((slide) => slide.key)),
  };
}

/** Pairs runs of removed and added keys that sit between the same unchanged neighbours. */
function pairEdited(oldKeys: string[], newKeys: string[]): Record<string, string> {
  const newSet = new Set(newKeys);
  const oldSet = new Set(oldKeys);
  const renamed: Record<string, string> = {};
  let i = 0;
  let j = 0;
  while (i < oldKeys.length || j < newKeys.length) {
    if (i < oldKeys.length && j < newKeys.length && oldKeys[i] === newKeys[j]) {
      i++;
      j++;
      continue;
    }
    const removed: string[] = [];
    const inserted: string[] = [];
    while (i < oldKeys.length && !newSet.has(oldKeys[i]!)) removed.push(oldKeys[i++]!);
    while (j < newKeys.length && !oldSet.has(newKeys[j]!)) inserted.push(newKeys[j++]!);
    removed.forEach((key, index) => {
      const replacement = inserted[Math.min(index, inserted.length - 1)];
      if (replacement !== undefined) renamed[key] = replacement;
    });
    if (removed.length === 0 && inserted.length === 0) {
      // Both sides hold known keys that were reordered: skip the one that moved.
      if (i < oldKeys.length) i++;
      if (j < newKeys.length) j++;
    }
  }
  return renamed;
}
