import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { createMarkdown, renderMarkdown } from './markdown.ts';

describe('createMarkdown', () => {
  // Lists are lexed with marked's own tokenizer, its patterns built once per instance: the result must be
  // marked's (no code blocks here: Lectern writes those as reveal.js does).
  const lists = [
    '- a\n- b\n- c',
    '* a\n\n* b\n\n  continued\n* c',
    '1. one\n2. two\n   - nested\n     - deeper\n3) other bullet\n10. ten',
    '- [ ] task\n- [x] done\n  - [ ] nested task',
    '  - indented\n    - more\n - less\n- none',
    '- item\n\n  second paragraph\n- after\n\n  lazy\ncontinuation',
    '- a\n---\n- b\n***\n+ c\n+ d',
    '- a\n# heading\n- b\n<div>html</div>\n- c\n> quote',
    '1. a\n\n\n2. b\n   1. c\n      1. d\n         - e',
    '-\n  empty first line\n- \tx\n-\ty',
    '- <!-- .element: class="fragment" --> a\n- **b** <!-- c -->',
  ];
  const plain = new Marked({ renderer: { space: ({ raw }) => raw } });

  it('renders lists exactly as marked does, nested and mixed, again and again', () => {
    const markdown = createMarkdown();
    for (let round = 0; round < 2; round++) {
      for (const text of lists) expect(renderMarkdown(markdown, text)).toBe(plain.parse(text, { async: false }));
    }
    // Each list of the whole set in one text: items of every indent after one another.
    const all = lists.join('\n\n');
    expect(renderMarkdown(markdown, all)).toBe(plain.parse(all, { async: false }));
  });
});
