#!/usr/bin/env node
// Runs the CLI bundle that `npm install` builds, or the TypeScript sources through tsx when there is no
// bundle or a source file is newer than it: `npx lectern` works right after `npm install`, always current.
import { fileURLToPath } from 'node:url';
import { isBundleCurrent } from './bundle-state.js';

const bundle = new URL('../node_modules/.cache/lectern/cli.js', import.meta.url);

if (isBundleCurrent(fileURLToPath(bundle), fileURLToPath(new URL('../src/', import.meta.url)))) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/node/cli.ts');
}
