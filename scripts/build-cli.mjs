// Bundles, on `npm install` (the `prepare` script): the CLI, so `lectern` starts without compiling
// TypeScript on every run; and the browser runtime with reveal.js, so a deck's first page load asks the dev
// server for one module, not twenty. Both are used only while no file under src/ is newer than them
// (bin/lectern.js and src/vite/entry.ts check), so editing src/ never runs stale code.
import { rmSync } from 'node:fs';

// Without dev dependencies (npm install --omit=dev) there is no esbuild: Lectern then runs its sources.
const esbuild = await import('esbuild').catch(() => null);
if (esbuild === null) {
  console.warn('lectern: esbuild is not installed; skipping the install-time bundles (Lectern will run its sources)');
  process.exit(0);
}
const { build } = esbuild;

const outdir = 'node_modules/.cache/lectern';
rmSync(outdir, { recursive: true, force: true }); // chunk names change with their content

await build({
  entryPoints: ['src/node/cli.ts'],
  outdir,
  bundle: true,
  // Each command's code in its own chunk: `lectern dev` never loads Playwright.
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['vite', 'playwright-core', 'pdf-lib', 'tsx', 'esbuild', 'reveal.js'],
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
