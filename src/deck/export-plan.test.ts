import { describe, expect, it } from 'vitest';
import { imageName, slideSize } from './export-plan.ts';

describe('slideSize', () => {
  it("is reveal.js's 960×700 unless the deck sets pixels", () => {
    expect(slideSize({})).toEqual({ width: 960, height: 700 });
    expect(slideSize({ width: 1280, height: '720px' })).toEqual({ width: 1280, height: 720 });
    expect(slideSize({ width: '100%', height: -3 })).toEqual({ width: 960, height: 700 });
  });
});

describe('imageName', () => {
  it('pads slide numbers to three digits, or to the deck size', () => {
    expect(imageName('talk', 7, null, 20, 1)).toBe('talk-007.png');
    expect(imageName('talk', 7, null, 1000, 1)).toBe('talk-0007.png');
  });

  it('adds the fragment step, padded to the longest slide', () => {
    expect(imageName('talk', 12, 2, 20, 4)).toBe('talk-012-2.png');
    expect(imageName('talk', 12, 2, 20, 12)).toBe('talk-012-02.png');
  });
});
