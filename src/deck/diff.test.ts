import { describe, expect, it } from 'vitest';
import { diffDecks } from './diff.ts';
import { parseSource } from '../node/renderers.ts';

const deck = (source: string) => parseSource(source, 'x.md').deck;

describe('diffDecks', () => {
  it('names unchanged slides by key and sends only new ones', () => {
    const before = deck('# A\n---\n# B\n---\n# C');
    const after = deck('# A\n---\n# B!\n---\n# C');
    const update = diffDecks(before, after);
    if (update.kind !== 'slides') throw new Error('expected slides');
    expect(Object.values(update.added).map((slide) => slide.heading)).toEqual(['B!']);
    const [a, b, c] = before.stacks.flat().map((slide) => slide.key);
    const bEdited = after.stacks[1]![0]!.key;
    expect(update.stacks).toEqual([[a], [bEdited], [c]]);
    expect(update.renamed).toEqual({ [b!]: bEdited });
  });

  it('renames nothing when slides are only inserted or removed', () => {
    const before = deck('# A\n---\n# B');
    const inserted = diffDecks(before, deck('# New\n---\n# A\n---\n# B'));
    expect(inserted.kind === 'slides' && inserted.renamed).toEqual({});
    const removed = diffDecks(before, deck('# B'));
    expect(removed.kind === 'slides' && removed.renamed).toEqual({});
  });

  it('asks for a reload when options change', () => {
    expect(diffDecks(deck('# A'), deck('---\ntheme: white\n---\n# A'))).toMatchObject({ kind: 'reload' });
  });
});
