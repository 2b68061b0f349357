import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** Set to true by the build of dist/ (scripts/build.mjs); absent when the TypeScript sources run. */
declare const __LECTERN_BUNDLED__: boolean | undefined;
export const BUNDLED = typeof __LECTERN_BUNDLED__ !== 'undefined' && __LECTERN_BUNDLED__;

/** Lectern's own folder (found upwards: this code runs from src/ or from dist/), which Vite must serve. */
export const LECTERN_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  for (let folder = start; ; folder = dirname(folder)) {
    const manifest = resolve(folder, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'lectern') return folder;
    if (dirname(folder) === folder) throw new Error(`Lectern's package.json not found above ${start}`);
  }
}

/**
 * The browser runtime: prebuilt in dist/runtime when Lectern runs from dist/ (an installed package),
 * the TypeScript sources (which import their own stylesheet) when it runs from src/.
 */
export const RUNTIME = BUNDLED
  ? { module: resolve(LECTERN_ROOT, 'dist/runtime/runtime.js'), styles: [resolve(LECTERN_ROOT, 'dist/runtime/runtime.css')] }
  : { module: resolve(LECTERN_ROOT, 'src/client/runtime.ts'), styles: [] as string[] };

/** The stylesheet MathJax's SVG output needs, for decks whose math MathJax rendered at compile time. */
export const MATHJAX_STYLES = resolve(LECTERN_ROOT, BUNDLED ? 'dist/runtime/mathjax.css' : 'src/client/mathjax.css');

/** Mermaid's browser bundle, which draws diagrams in Chromium (copied into dist/ by the build). */
export const MERMAID_SCRIPT = BUNDLED ? resolve(LECTERN_ROOT, 'dist/vendor/mermaid.min.js') : packageFile('mermaid/dist/mermaid.min.js');

/** Lectern's default index page template (the project's own index.html wins). */
export const INDEX_TEMPLATE = resolve(LECTERN_ROOT, 'index.html');

/** An installed package's file, or null when it has none by that name. */
export function packageFile(specifier: string): string | null {
  try {
    return require.resolve(specifier);
  } catch {
    return null;
  }
}
