#!/usr/bin/env node
// Runs the TypeScript sources directly, so `npx lectern` works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
await import('../src/node/cli.ts');
