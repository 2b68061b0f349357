import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { LanguageFn } from 'highlight.js';
import { describe, expect, it } from 'vitest';
import { COMMON_ALIASES, ensureGrammar, highlightCode as highlighter, hljs } from './highlighter.ts';

// A separate instance with every grammar, as `import hljs from 'highlight.js'` would have (that one is
// the same object as ours, so it cannot serve as the reference).
const load = createRequire(import.meta.url);
const folder = join(dirname(load.resolve('highlight.js/lib/core')), 'languages');
const full = hljs.newInstance();
for (const file of readdirSync(folder).filter((name) => name.endsWith('.js') && !name.endsWith('.js.js'))) {
  full.registerLanguage(file.slice(0, -3), load(join(folder, file)) as LanguageFn);
}

// Another, registered in the order of highlight.js's main module (reveal.js's bundle has that order):
// auto-detection ranks tied grammars in that order.
const indexOrder = Array.from(readFileSync(join(dirname(load.resolve('highlight.js/lib/core')), 'index.js'), 'utf8').matchAll(/registerLanguage\('([^']+)'/g), (match) => match[1]!);
const ordered = hljs.newInstance();
for (const name of indexOrder) ordered.registerLanguage(name, load(join(folder, `${name}.js`)) as LanguageFn);

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

describe('the highlighter the highlight plugin port uses', () => {
  it('auto-detects as highlight.js with every grammar does, ties broken in its own order', () => {
    const samples = ['// c', 'SELECT 1', 'true', '<div class="a"></div>', 'let a = 1;\nlet b = <b>2</b>;', '{"a": [1, 2]}', 'def f(x):\n    return x', '   ', 'SELECT * FROM t;'];
    for (const code of samples) {
      const expected = ordered.highlightAuto(code);
      expect(highlighter.highlightAuto(code), code).toEqual({ value: expected.value, language: expected.language });
    }
  });

  it('answers alias look-ups as highlight.js\'s alias table does (lower case, aliases only, the last grammar to claim one)', () => {
    const aliases = new Map<string, string>();
    for (const name of indexOrder) for (const alias of ordered.getLanguage(name)!.aliases ?? []) aliases.set(alias.toLowerCase(), name);
    for (const [alias, name] of aliases) {
      expect(highlighter.aliasOf(alias), alias).toBe(name);
      if (alias !== alias.toUpperCase()) expect(highlighter.aliasOf(alias.toUpperCase()), alias).toBeUndefined();
    }
    for (const name of indexOrder) expect(highlighter.aliasOf(name), name).toBe(aliases.get(name));
    expect(highlighter.hasLanguage('')).toBe(false);
    expect(highlighter.hasLanguage('code-wrapper')).toBe(false);
    expect(highlighter.hasLanguage('JS')).toBe(true);
  });
});
