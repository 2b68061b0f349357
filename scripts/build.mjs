// Builds the published code into dist/ (at `prepare`, so on `npm install` in a clone, and at `prepack`):
// the CLI and the Vite plugin for Node, and the browser runtime with reveal.js. bin/lectern.js runs
// dist/ and nothing else; working on Lectern itself, `npm run dev` runs the TypeScript sources.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);

const outdir = 'dist';
rmSync(outdir, { recursive: true, force: true }); // chunk names change with their content

// Installed as they are: large, or loaded from files at run time (grammars, themes, the browser).
const external = ['vite', 'playwright-core', 'pdf-lib', 'pptxgenjs', 'reveal.js', 'highlight.js', 'katex', '@mathjax/src', 'esbuild'];

await build({
  // The separator worker is its own entry: src/node/separator-runner.ts starts it from dist/.
  entryPoints: { cli: 'src/commands/cli.ts', vite: 'src/vite/index.ts', 'separator-worker': 'src/node/separator-worker.ts' },
  outdir,
  bundle: true,
  // Each command's code in its own chunk: `lectern dev` never loads Playwright.
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  define: { __LECTERN_BUNDLED__: 'true' },
  // Bundled CommonJS dependencies call require() for Node's built-ins.
  banner: { js: "import { createRequire as __lecternRequire } from 'node:module'; const require = __lecternRequire(import.meta.url);" },
  logLevel: 'warning',
});

await build({
  entryPoints: ['src/client/runtime.ts'],
  outdir: `${outdir}/runtime`,
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  logLevel: 'warning',
});

// MathJax's SVG stylesheet, for decks whose math MathJax renders at compile time.
copyFileSync('src/client/mathjax.css', `${outdir}/runtime/mathjax.css`);

// Mermaid's browser bundle is all Lectern uses of Mermaid (it runs in Chromium): one file, with its licence,
// instead of Mermaid's dependency tree in every install.
const mermaid = dirname(dirname(require.resolve('mermaid/dist/mermaid.min.js')));
mkdirSync(`${outdir}/vendor`, { recursive: true });
copyFileSync(join(mermaid, 'dist/mermaid.min.js'), `${outdir}/vendor/mermaid.min.js`);
copyFileSync(join(mermaid, 'LICENSE'), `${outdir}/vendor/mermaid.LICENSE`);
