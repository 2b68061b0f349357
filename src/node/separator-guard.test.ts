import { describe, expect, it } from 'vitest';

// Each stopped separator costs its budget (about a second) and a new worker: bounds, not assertions.
const SLOW = 60_000;
import { parseDeck } from '../deck/parse.ts';
import { formatWarning } from '../errors.ts';
import { nodeRenderers } from './renderers.ts';
import { guardSeparators } from './separator-guard.ts';

/** A line on which `(a+)+$` backtracks 2^40 times before failing. */
const TRAP = `${'a'.repeat(40)}b`;

async function compile(source: string, defaults = {}) {
  const guard = await guardSeparators(source, 'deck.md', defaults);
  const { deck, warnings } = parseDeck({ source, file: 'deck.md', renderers: nodeRenderers, defaults, overrides: guard.overrides });
  return { guard, deck, warnings: [...guard.warnings, ...warnings].map((warning) => formatWarning(warning)) };
}

describe('separators that backtrack without end', () => {
  it('a pathological separator is stopped, named with its line, and the default one cuts the deck', async () => {
    // With a vertical separator of the author's too: which of the two held the cut is found out.
    const { guard, deck, warnings } = await compile(`---\ntitle: T\nseparator: '(a+)+$'\nverticalSeparator: '^___$'\n---\n# One\n\n${TRAP}\n\n---\n\n## Two\n\n___\n\n## Three\n`);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^deck\.md:3: separator-timeout: separator takes too long on this deck \(stopped after \d+ ms/);
    expect(warnings[0]).toContain("using the default separator '\\r?\\n---\\r?\\n'");
    expect(guard.overrides).toEqual({ separator: '\\r?\\n---\\r?\\n' });
    expect(deck.options.separator).toBe('\\r?\\n---\\r?\\n');
    expect(deck.stacks.map((stack) => stack.map((slide) => slide.heading))).toEqual([['One'], ['Two', 'Three']]);
  }, SLOW);

  it('blames the vertical and the notes separators when they are the ones, and keeps a good separator', async () => {
    const source = `---\nseparator: '^===$'\nverticalSeparator: '(a+)+$'\nnotesSeparator: '(a|a)+$'\n---\n# One\n\n${TRAP}\n\n===\n\n## Two\n\nNote: said\n`;
    const { guard, deck, warnings } = await compile(source);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^deck\.md:3: separator-timeout: verticalSeparator takes too long on this deck/);
    expect(warnings[1]).toMatch(/^deck\.md:4: separator-timeout: notesSeparator takes too long on this deck/);
    expect(Object.keys(guard.overrides).sort()).toEqual(['notesSeparator', 'verticalSeparator']);
    expect(deck.stacks.map((stack) => stack.map((slide) => slide.heading))).toEqual([['One'], ['Two']]);
    expect(deck.stacks[1]![0]!.notesHtml).toContain('said');
  }, SLOW);

  it('a separator set in the project options is named as such', async () => {
    const { warnings } = await compile(`# One\n\n${TRAP}\n`, { separator: '(a+)+$' });
    expect(warnings).toEqual([expect.stringMatching(/^deck\.md:1: separator-timeout: separator \(set in the project's options\) takes too long/)]);
  }, SLOW);

  it('leaves custom separators that run in time alone, lookahead and back-references included', async () => {
    const source = `---\nseparator: '^(?=={3}$)(=)\\1\\1$'\nverticalSeparator: '^___$'\n---\n# One\n\n===\n\n## Two\n\n___\n\n## Three\n`;
    const { guard, deck, warnings } = await compile(source);
    expect(warnings).toEqual([]);
    expect(guard.overrides).toEqual({});
    expect(deck.stacks.map((stack) => stack.length)).toEqual([1, 2]);
  }, SLOW);
});
