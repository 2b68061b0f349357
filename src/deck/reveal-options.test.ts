import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from './options.ts';
import { PLUGIN_OPTION_KEYS, REVEAL_CONFIG_KEYS, REVEAL_OPTION_KEYS } from './reveal-options.ts';

const dist = dirname(createRequire(import.meta.url).resolve('reveal.js'));

/** The property names of an interface in a declaration file, read with the TypeScript compiler. */
function interfaceKeys(file: string, name: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const declaration = source.statements.find((statement): statement is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(statement) && statement.name.text === name);
  if (!declaration) throw new Error(`${name} is not declared in ${file}`);
  return declaration.members.flatMap((member) => (member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) ? [member.name.text] : []));
}

/** The keys a plugin's code reads from reveal.js's configuration (and, for notes, its speaker view's copy). */
function keysReadBy(plugin: string): Set<string> {
  const code = readFileSync(join(dist, 'plugin', `${plugin}.mjs`), 'utf8');
  const keys = new Set<string>();
  for (const match of code.matchAll(/getConfig\(\)\.(\w+)/g)) keys.add(match[1]!);
  if (plugin === 'notes') for (const match of code.matchAll(/\bconfig\.(\w+)/g)) keys.add(match[1]!);
  return keys;
}

describe('known reveal.js options', () => {
  it('are exactly the keys of reveal.js\'s RevealConfig type', () => {
    expect([...REVEAL_CONFIG_KEYS].sort()).toEqual(interfaceKeys(join(dist, 'config.d.ts'), 'RevealConfig').sort());
  });

  it('include every option the built-in plugins read, and nothing they do not', () => {
    for (const [plugin, own] of Object.entries(PLUGIN_OPTION_KEYS)) {
      const read = keysReadBy(plugin);
      for (const key of read) expect(REVEAL_OPTION_KEYS, `${plugin} reads ${key}`).toContain(key);
      for (const key of own) expect([...read], `${plugin} declares ${key}`).toContain(key);
    }
    expect(keysReadBy('notes')).toEqual(new Set(['url', 'totalTime', 'minimumTimePerSlide', 'defaultTiming']));
  });

  it('let a deck set the speaker view\'s pacing options without a warning', () => {
    const yaml = 'revealOptions:\n  totalTime: 1200\n  minimumTimePerSlide: 30\n  defaultTiming: 60\n  zoomKey: shift\n  url: https://example.com/talk\n';
    expect(resolveOptions(yaml, 'deck.md', 2).warnings).toEqual([]);
    expect(resolveOptions('revealOptions:\n  totalTme: 1200\n', 'deck.md', 2).warnings[0]!.message).toBe("unknown reveal.js option 'totalTme' — did you mean 'totalTime'?");
  });
});
