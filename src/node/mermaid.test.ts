import { describe, expect, it } from 'vitest';
import { toResult } from './mermaid.ts';

describe("Mermaid's errors", () => {
  it('keep the message and the line it names, not the diagram text Mermaid quotes', () => {
    expect(toResult({ error: "Parse error on line 4:\n... A --> B B -- C ->\n---------------------^\nExpecting 'LINK', 'UNICODE_TEXT', got '1'" })).toEqual({
      error: "Parse error on line 4: expecting 'LINK', 'UNICODE_TEXT', got '1'",
      line: 4,
    });
    expect(toResult({ error: 'No diagram type detected matching given configuration for text: notadiagram\n x' })).toEqual({
      error: 'No diagram type detected matching given configuration',
    });
    expect(toResult({ error: 'Lexical error on line 2. Unrecognized text.\n...x' })).toEqual({ error: 'Lexical error on line 2. Unrecognized text', line: 2 });
    expect(toResult({ svg: '<svg></svg>' })).toEqual({ svg: '<svg></svg>' });
  });
});
