// Bundles the CLI's TypeScript into one ES module on `npm install` (the `prepare` script), so
// `lectern` starts without compiling TypeScript on every run. bin/lectern.js falls back to the sources
// (through tsx) whenever they are newer than this bundle, so editing src/ never runs stale code.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

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
  packages: 'external',
  logLevel: 'warning',
});
