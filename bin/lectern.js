#!/usr/bin/env node
// The `lectern` command: the CLI as built into dist/ when the package is built (npm install, npm pack).
await import('../dist/cli.js').catch((error) => {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli.js')) throw error;
  console.error('lectern: dist/ is missing; build it with `npm run build` (npm install does it in a clone)');
  process.exit(1);
});
