// Builds the published code into dist/ (at `prepare`, so on `npm install` in a clone, and at `prepack`):
// the CLI and the Vite plugin for Node, and the browser runtime with reveal.js. bin/lectern.js runs
// dist/ and nothing else; working on Lectern itself, `npm run dev` runs the TypeScript sources.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = 'dist';
rmSync(outdir, { recursive: true, force: true }); // chunk names change with their content

// Installed as they are: large, or loaded from files at run time (grammars, themes, the browser).
const external = ['vite', 'playwright-core', 'pdf-lib', 'reveal.js', 'highlight.js', 'katex', 'esbuild'];

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
