import { describe, expect, it } from 'vitest';
import { parseSource } from '../node/renderers.ts';
import { parseRange, selectSlides } from './range.ts';

describe('slide ranges', () => {
  it('parses lists of numbers and ranges', () => {
    expect([...parseRange('3-5,1', 10)]).toEqual([3, 4, 5, 1]);
  });

  it('rejects ranges outside the deck or malformed', () => {
    expect(() => parseRange('0-2', 5)).toThrow(/outside the deck's slides 1-5/);
    expect(() => parseRange('4-9', 5)).toThrow(/outside/);
    expect(() => parseRange('a', 5)).toThrow(/not a slide number/);
  });

  it('keeps the selected slides, counting vertical ones', () => {
    const { deck } = parseSource('# 1\n---\n# 2\n----\n# 3\n---\n# 4', 'x.md');
    const picked = selectSlides(deck, new Set([1, 3]));
    expect(picked.stacks.map((stack) => stack.map((slide) => slide.heading))).toEqual([['1'], ['3']]);
  });
});
