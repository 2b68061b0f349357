import { describe, expect, it } from 'vitest';
import { notesText } from './notes-text.ts';

describe('notesText', () => {
  it('gives one line per paragraph and list item, entities decoded, spaces collapsed', () => {
    expect(notesText('<p>Say  hello\nto &amp; <em>everyone</em>.</p>\n<ul>\n<li>one</li>\n<li>two <strong>bold</strong></li>\n</ul>')).toBe(
      'Say hello to & everyone.\n• one\n• two bold',
    );
  });

  it('keeps the lines of code and breaks at <br>', () => {
    expect(notesText('<p>a<br>b</p><pre><code>x = 1\ny = 2\n</code></pre>')).toBe('a\nb\nx = 1\ny = 2');
  });

  it('is empty for no notes', () => {
    expect(notesText('')).toBe('');
  });
});
