import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from './options.ts';
import { customSeparators, runSeparators, type SeparatorKey } from './separators.ts';

const sources = { separator: '^===$', verticalSeparator: '^___$', notesSeparator: '^Note:' };

describe('running the separators as parseDeck does', () => {
  it('announces the horizontal cut, the vertical cut and the notes, in that order, and counts the slides', () => {
    const steps: SeparatorKey[] = [];
    const slides = runSeparators({ body: '# A\n===\n## B\n___\n## C\nNote: hi\n', bodyLine: 1, sources }, (step) => steps.push(step));
    expect(steps).toEqual(['separator', 'verticalSeparator', 'notesSeparator']);
    expect(slides).toBe(3);
  });

  it('skips the vertical step when the deck has no vertical separator', () => {
    const steps: SeparatorKey[] = [];
    runSeparators({ body: '# A\n===\n## B\n', bodyLine: 1, sources: { ...sources, verticalSeparator: '' } }, (step) => steps.push(step));
    expect(steps).toEqual(['separator', 'notesSeparator']);
  });

  it('throws what the pattern throws, for the caller to report', () => {
    expect(() => runSeparators({ body: 'x', bodyLine: 1, sources: { ...sources, separator: '(' } }, () => {})).toThrow(SyntaxError);
  });
});

describe('custom separators', () => {
  it("lists the options that differ from reveal-md's defaults", () => {
    expect(customSeparators(DEFAULT_OPTIONS, DEFAULT_OPTIONS)).toEqual([]);
    expect(customSeparators({ ...DEFAULT_OPTIONS, notesSeparator: '^Notes:' }, DEFAULT_OPTIONS)).toEqual(['notesSeparator']);
    expect(customSeparators(sources, DEFAULT_OPTIONS)).toEqual(['separator', 'verticalSeparator', 'notesSeparator']);
  });
});
