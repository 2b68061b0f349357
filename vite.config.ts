/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import lectern from './src/vite/index.ts';

// `npx vite` serves the example decks with live updates, through the same plugin a talk project uses
// (`import lectern from 'lectern/vite'`). Vitest reads this file too: it runs the unit tests beside the
// code, without the plugin; browser tests live in e2e/ (Playwright).
export default defineConfig({
  plugins: process.env['VITEST'] ? [] : [lectern({ decks: 'decks' })],
  server: { host: '127.0.0.1' },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // A code block without a language is auto-detected among every highlight.js grammar, as reveal.js does:
    // the first one in a test file compiles them all (~1.3 s of CPU, several seconds on a busy machine).
    testTimeout: 30_000,
  },
});
