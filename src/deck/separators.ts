import type { DeckOptions } from '../types.ts';
import { slideNotes, splitSlides } from './split.ts';

/** The three options that are the author's regular expressions, run on the deck's text. */
export const SEPARATOR_KEYS = ['separator', 'verticalSeparator', 'notesSeparator'] as const;
export type SeparatorKey = (typeof SEPARATOR_KEYS)[number];
export type SeparatorSources = Pick<DeckOptions, SeparatorKey>;

/** The author's separators as reveal.js compiles them: once per deck. */
export interface DeckPatterns {
  separator: RegExp;
  verticalSeparator: RegExp | null;
  notesSeparator: RegExp;
}

export function compilePatterns(options: SeparatorSources): DeckPatterns {
  return {
    separator: new RegExp(options.separator, 'mg'),
    verticalSeparator: options.verticalSeparator ? new RegExp(options.verticalSeparator, 'mg') : null,
    notesSeparator: new RegExp(options.notesSeparator, 'mgi'),
  };
}

/** The separators a deck sets to something else than `known` (reveal-md's defaults, which run in linear time). */
export function customSeparators(options: SeparatorSources, known: SeparatorSources): SeparatorKey[] {
  return SEPARATOR_KEYS.filter((key) => options[key] !== known[key]);
}

export interface SeparatorRun {
  body: string;
  bodyLine: number;
  sources: SeparatorSources;
}

/** The two stages of a run: cutting the body into slides (both cutting separators), then each slide's notes. */
export type SeparatorStep = 'split' | 'notes';

/**
 * Runs every regular-expression search parseDeck makes with the author's separators, in the order it
 * makes them and through the same functions: the cut into slides, then the notes separator on each
 * slide. `onStep` is told before each stage, so a caller that stops a run taking too long knows which
 * stage was at work. Returns how many slides there were.
 */
export function runSeparators({ body, bodyLine, sources }: SeparatorRun, onStep: (step: SeparatorStep) => void): number {
  const patterns = compilePatterns(sources);
  onStep('split');
  const slides = splitSlides({ body, bodyLine, separator: patterns.separator, verticalSeparator: patterns.verticalSeparator, file: '' }).stacks.flat();
  onStep('notes');
  for (const slide of slides) slideNotes(slide.text, patterns.notesSeparator);
  return slides.length;
}
