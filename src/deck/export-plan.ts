import type { RevealOptions } from '../types.ts';

/** A deck's slide size in CSS pixels: revealOptions width and height (reveal.js's 960×700 when unset or in percent). */
export function slideSize(revealOptions: RevealOptions): { width: number; height: number } {
  const pixels = (value: unknown, fallback: number): number => {
    if (typeof value === 'number' && value > 0) return value;
    if (typeof value === 'string' && /^\d+(\.\d+)?(px)?$/.test(value.trim())) return Number.parseFloat(value);
    return fallback;
  };
  return { width: Math.round(pixels(revealOptions['width'], 960)), height: Math.round(pixels(revealOptions['height'], 700)) };
}

/**
 * The file name of one slide image: `talk-007.png` for slide 7, `talk-007-2.png` for its second fragment
 * step. Numbers are the slides' numbers in the whole deck (as --range counts them), padded to sort.
 */
export function imageName(deckName: string, slide: number, step: number | null, slideCount: number, maxSteps: number): string {
  const number = String(slide).padStart(Math.max(3, String(slideCount).length), '0');
  const suffix = step === null ? '' : `-${String(step).padStart(String(maxSteps).length, '0')}`;
  return `${deckName}-${number}${suffix}.png`;
}
