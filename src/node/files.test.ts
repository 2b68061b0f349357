import { describe, expect, it } from 'vitest';
import { LecternError } from '../errors.ts';
import { decodeDeck } from './files.ts';

describe('reading decks', () => {
  it('decodes UTF-8, any Unicode', () => {
    expect(decodeDeck(new TextEncoder().encode('# Héllo 🎉'), 'a.md')).toBe('# Héllo 🎉');
  });

  it('refuses a Latin-1 deck, naming the line of the first bad byte', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('# Title\n\nok\n'), 0x63, 0x61, 0x66, 0xe9, 0x0a]);
    expect(() => decodeDeck(bytes, 'talk.md')).toThrow(LecternError);
    try {
      decodeDeck(bytes, 'talk.md');
    } catch (error) {
      expect((error as LecternError).location).toEqual({ file: 'talk.md', line: 4 });
      expect((error as Error).message).toContain('not UTF-8');
      expect((error as Error).message).toContain('0xE9');
    }
  });

  it('names UTF-16 for what it is', () => {
    expect(() => decodeDeck(new Uint8Array([0xff, 0xfe, 0x23, 0x00]), 'w.md')).toThrow(/UTF-16/);
  });
});
