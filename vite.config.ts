/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// Vitest runs the pure unit tests that sit beside the code; browser tests live in e2e/ (Playwright).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
