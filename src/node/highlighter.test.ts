import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { LanguageFn } from 'highlight.js';
import { describe, expect, it } from 'vitest';
import { COMMON_ALIASES, ensureGrammar, hljs } from './highlighter.ts';

// A separate instance with every grammar, as `import hljs from 'highlight.js'` would have (that one is
// the same object as ours, so it cannot serve as the reference).
const load = createRequire(import.meta.url);
const folder = join(dirname(load.resolve('highlight.js/lib/core')), 'languages');
const full = hljs.newInstance();
for (const file of readdirSync(folder).filter((name) => name.endsWith('.js') && !name.endsWith('.js.js'))) {
  full.registerLanguage(file.slice(0, -3), load(join(folder, file)) as LanguageFn);
}

describe('grammars loaded on first use', () => {
  it('maps each common alias to the grammar highlight.js itself maps it to', () => {
    for (const [alias, name] of Object.entries(COMMON_ALIASES)) {
      expect(full.getLanguage(alias), alias).toBeDefined();
      expect(full.getLanguage(alias)).toBe(full.getLanguage(name));
    }
  });

  it('loads a grammar, its aliases and the grammars it embeds, and nothing else', () => {
    expect(hljs.listLanguages()).toEqual([]);
    ensureGrammar('HTML');
    expect(hljs.listLanguages().sort()).toEqual(['css', 'graphql', 'javascript', 'xml']);
    expect(hljs.getLanguage('svg')).toBe(hljs.getLanguage('xml'));
  });

  it('highlights exactly as highlight.js with every grammar does', () => {
    const samples: [string, string][] = [
      ['html', '<p class="a">Hi</p>\n<script>const x = 1 + "two";</script>\n<style>p { color: red; }</style>'],
      ['py', 'def f(x):\n    return [i ** 2 for i in range(x)]  # squares'],
      ['TypeScript', 'type A = { b: number };\nexport const c: A = { b: 1 };'],
      ['elixir', 'defmodule A do\n  def b, do: :ok\nend'],
      ['ex', 'IO.puts("an alias this file does not list")'],
    ];
    for (const [language, code] of samples) {
      ensureGrammar(language);
      expect(hljs.highlight(code, { language }).value, language).toBe(full.highlight(code, { language }).value);
    }
  });

  it('leaves unknown languages unknown', () => {
    ensureGrammar('no-such-language');
    expect(hljs.getLanguage('no-such-language')).toBeUndefined();
  });
});
