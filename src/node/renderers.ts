import { parseDeck, type ParseOutput } from '../deck/parse.ts';
import type { DeckDefaults } from '../deck/options.ts';
import type { Renderers } from '../types.ts';
import { highlightCode } from './highlighter.ts';
import { loadKatex } from './katex.ts';
import { createMathJax } from './mathjax.ts';

/** highlight.js, KaTeX and MathJax as installed: what the pure core is given to render code and math. */
export function createRenderers(): Renderers {
  return { highlight: highlightCode, katex: loadKatex, mathjax: createMathJax() };
}

/** The renderers compiles share (MathJax keeps its engines between compiles). */
export const nodeRenderers: Renderers = createRenderers();

/** parseDeck with the installed renderers (tests, benchmarks): no project defaults unless given. */
export function parseSource(source: string, file: string, defaults?: DeckDefaults): ParseOutput {
  return parseDeck({ source, file, renderers: nodeRenderers, ...(defaults ? { defaults } : {}) });
}
