import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Layers import one way only: commands → vite → node → deck. types.ts and errors.ts are for everyone;
 * the browser runtime (client) may use the pure core only. Tests wire layers together and are left out.
 */
const RANK: Record<string, number> = { deck: 0, node: 1, vite: 2, commands: 3 };
const SHARED = new Set(['types.ts', 'errors.ts']);

type Sources = Map<string, string>;

function readSources(): Sources {
  const src = import.meta.dirname;
  const files = readdirSync(src, { recursive: true })
    .map((name) => String(name).split('\\').join('/'))
    .filter((file) => /\.ts$/.test(file) && !/\.test\.ts$/.test(file));
  return new Map(files.map((file) => [file, readFileSync(join(src, file), 'utf8')]));
}

function relativeImports(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
  const pattern = /(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  return Array.from(code.matchAll(pattern), (m) => m[1] ?? m[2] ?? m[3]!).filter((s) => s.startsWith('.'));
}

/** Every import that points up a layer, sideways into another edge, or out of src/. */
function layerViolations(sources: Sources): string[] {
  const violations: string[] = [];
  for (const [file, text] of sources) {
    const layer = file.split('/')[0]!;
    for (const specifier of relativeImports(text)) {
      const target = posix.normalize(posix.join(posix.dirname(file), specifier));
      const targetLayer = target.split('/')[0]!;
      if (target.startsWith('..')) violations.push(`${file} imports ${specifier}, outside src/`);
      else if (SHARED.has(target) || targetLayer === layer) continue;
      else if (layer === 'client') {
        if (targetLayer !== 'deck') violations.push(`${file} (client) imports ${target}`);
      } else if (RANK[layer] === undefined || RANK[targetLayer] === undefined || RANK[targetLayer]! > RANK[layer]!) {
        violations.push(`${file} (${layer}) imports ${target} (${targetLayer})`);
      }
    }
  }
  return violations;
}

/** What makes the core impure: Node built-ins, the console, the process, module-level mutable state. */
function impurities(sources: Sources): string[] {
  const found: string[] = [];
  for (const [file, text] of sources) {
    if (!file.startsWith('deck/')) continue;
    const code = text.replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
    if (/from\s+['"]node:/.test(code)) found.push(`${file}: imports a Node built-in`);
    if (/\bconsole\./.test(code)) found.push(`${file}: writes to the console`);
    if (/^(export\s+)?let\s/m.test(code)) found.push(`${file}: module-level let`);
    if (/createRequire|\bprocess\./.test(code)) found.push(`${file}: loads modules or reads the process`);
  }
  return found;
}

describe('layers', () => {
  const sources = readSources();

  it('import one way only in src/: commands → vite → node → deck', () => {
    expect(layerViolations(sources)).toEqual([]);
  });

  it('keep the core pure: no Node built-ins, console, process or module-level state in deck/', () => {
    expect(impurities(sources)).toEqual([]);
  });

  it('are checked by rules that catch what they forbid', () => {
    const bad: Sources = new Map([
      ['deck/a.ts', "import { x } from '../node/files.ts';\nimport { readFile } from 'node:fs';\nlet cache = 1;"],
      ['node/b.ts', "export { y } from '../vite/plugin.ts';"],
      ['vite/c.ts', "const m = await import('../commands/cli.ts');"],
      ['client/d.ts', "import { z } from '../node/files.ts';"],
      ['commands/e.ts', "import '../../bin/lectern.js';\nimport { ok } from '../deck/title.ts';\nimport type { Deck } from '../types.ts';"],
    ]);
    expect(layerViolations(bad)).toEqual([
      'deck/a.ts (deck) imports node/files.ts (node)',
      'node/b.ts (node) imports vite/plugin.ts (vite)',
      'vite/c.ts (vite) imports commands/cli.ts (commands)',
      'client/d.ts (client) imports node/files.ts',
      'commands/e.ts imports ../../bin/lectern.js, outside src/',
    ]);
    expect(impurities(bad)).toEqual(['deck/a.ts: imports a Node built-in', 'deck/a.ts: module-level let']);
  });
});
