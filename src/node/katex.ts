import { createRequire } from 'node:module';
import type { Renderers } from '../types.ts';

const load = createRequire(import.meta.url);

/** KaTeX, required on first use (most decks have no math); Node's module cache keeps it loaded. */
export const loadKatex: Renderers['katex'] = (extensions) => {
  const katex = load('katex') as ReturnType<Renderers['katex']>;
  if (extensions.includes('mhchem')) load('katex/contrib/mhchem');
  return katex;
};
