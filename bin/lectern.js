#!/usr/bin/env node
// Runs the CLI bundle that `npm install` builds, or the TypeScript sources through tsx when there is no
// bundle or a source file is newer than it: `npx lectern` works right after `npm install`, always current.
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../node_modules/.cache/lectern/cli.js', import.meta.url);
const sources = fileURLToPath(new URL('../src/', import.meta.url));

function bundleIsCurrent() {
  try {
    const built = statSync(bundle).mtimeMs;
    return readdirSync(sources, { recursive: true }).every((name) => statSync(sources + name).mtimeMs <= built);
  } catch {
    return false;
  }
}

if (bundleIsCurrent()) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/node/cli.ts');
}
