import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './src/node/chromium.ts';

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

// Real Chromium (found as Lectern finds it), real dev servers started by the tests on 127.0.0.1.
export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list'], ['./e2e/summary-reporter.ts']],
  use: {
    viewport: { width: 1280, height: 720 },
    launchOptions: {
      executablePath: findChromium(),
      args: [...CHROMIUM_ARGS, ...(asRoot ? ['--no-sandbox'] : [])],
    },
  },
});
