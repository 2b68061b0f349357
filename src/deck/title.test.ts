import { describe, expect, it } from 'vitest';
import { parseSource } from '../node/renderers.ts';
import { descriptionOf } from './title.ts';

describe('descriptionOf', () => {
  it("is front matter's description, else the first slide's text after its heading", () => {
    expect(descriptionOf(parseSource('---\ndescription: A talk about fonts\n---\n# Title\n\nBody', 'talk.md').deck)).toBe('A talk about fonts');
    expect(descriptionOf(parseSource('# Title\n\nWhy slides\n  travel badly\n\n---\n\n## Two', 'talk.md').deck)).toBe('Why slides travel badly');
    expect(descriptionOf(parseSource('# Only a title', 'talk.md').deck)).toBe('Only a title');
  });

  it('cuts a long text at a word', () => {
    const description = descriptionOf(parseSource(`# T\n\n${'word '.repeat(100)}`, 'talk.md').deck);
    expect(description.length).toBeLessThanOrEqual(201);
    expect(description).toMatch(/word…$/);
  });
});
