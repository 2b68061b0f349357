import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { parseInfoString, parseSteps, renderCode, splitHighlightedLines } from './code.ts';
import { highlightCode } from '../node/highlighter.ts';

function render(code: string, info: string) {
  return parseHTML(`<!doctype html><html><body>${renderCode(code, info, highlightCode)}</body></html>`).document;
}

describe('code fences', () => {
  it('reads reveal.js info strings', () => {
    expect(parseInfoString('js [5: 1|2-3]')).toEqual({ language: 'js', lineNumbers: '1|2-3', startFrom: '5' });
    expect(parseInfoString('python [1,3]')).toEqual({ language: 'python', lineNumbers: '1,3', startFrom: null });
    expect(parseInfoString('python []')).toEqual({ language: 'python', lineNumbers: '', startFrom: null });
    expect(parseInfoString('rust')).toEqual({ language: 'rust', lineNumbers: null, startFrom: null });
  });

  it('parses steps as reveal.js does', () => {
    expect(parseSteps('1,3|4-5')).toEqual([[{ start: 1 }, { start: 3 }], [{ start: 4, end: 5 }]]);
  });

  it('highlights with highlight.js and escapes the code', () => {
    const document = render('const a = "<b>";', 'js');
    const code = document.querySelector('pre.code-wrapper > code')!;
    expect(code.className).toContain('hljs');
    expect(code.querySelector('.hljs-keyword')!.textContent).toBe('const');
    expect(code.textContent).toBe('const a = "<b>";');
  });

  it('preserves whitespace exactly', () => {
    const source = 'def f():\n\tif x:\n        return  1\n\n\n    pass';
    expect(render(source, 'python').querySelector('code')!.textContent).toBe(source);
    expect(render(source, 'nohighlight').querySelector('code')!.textContent).toBe(source);
    expect(render(source, 'unknown-lang').querySelector('code')!.textContent).toBe(source);
  });

  it('builds line-number tables and one fragment per extra step', () => {
    const document = render('a = 1\nb = 2\nc = 3\nd = 4', 'python [1|2-3|4]');
    const blocks = Array.from(document.querySelectorAll('pre > code'));
    expect(blocks.map((b) => b.getAttribute('data-line-numbers'))).toEqual(['1', '2-3', '4']);
    expect(blocks.map((b) => b.classList.contains('fragment'))).toEqual([false, true, true]);
    expect(blocks[1]!.querySelectorAll('tr.highlight-line')).toHaveLength(2);
    expect(blocks[1]!.querySelectorAll('tr')).toHaveLength(4);
    expect(blocks[0]!.classList.contains('has-highlights')).toBe(true);
  });

  it('numbers lines from the offset', () => {
    const document = render('x\ny', 'js [10: 2]');
    const numbers = Array.from(document.querySelectorAll('.hljs-ln-n')).map((n) => n.getAttribute('data-line-number'));
    expect(numbers).toEqual(['10', '11']);
    expect(document.querySelector('code')!.getAttribute('data-ln-start-from')).toBe('10');
    expect(document.querySelector('tr.highlight-line .hljs-ln-code')!.textContent).toBe('y');
  });

  it('keeps spans valid when a token spans lines', () => {
    expect(splitHighlightedLines('<span class="a">x\n<span class="b">y\nz</span></span>w')).toEqual([
      '<span class="a">x</span>',
      '<span class="a"><span class="b">y</span></span>',
      '<span class="a"><span class="b">z</span></span>w',
    ]);
  });
});
