import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from './options.ts';
import { customSeparators, runSeparators, type SeparatorStep } from './separators.ts';

const sources = { separator: '^===$', verticalSeparator: '^___$', notesSeparator: '^Note:' };

describe('running the separators as parseDeck does', () => {
  it('announces the cut into slides, then the notes, and counts the slides as parseDeck cuts them', () => {
    const steps: SeparatorStep[] = [];
    const slides = runSeparators({ body: '# A\n===\n## B\n___\n## C\nNote: hi\n', bodyLine: 1, sources }, (step) => steps.push(step));
    expect(steps).toEqual(['split', 'notes']);
    expect(slides).toBe(3);
    expect(runSeparators({ body: '# A\n===\n## B\n___\n## C\n', bodyLine: 1, sources: { ...sources, verticalSeparator: '' } }, () => {})).toBe(2);
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
