// Whether an install-time bundle may be used: it exists and no file under the sources folder is newer
// (tests aside: they are not part of what runs). Plain JavaScript, so bin/lectern.js can use it before
// any TypeScript can run; src/vite/entry.ts uses it too.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** @param {string} bundle @param {string} sources */
export function isBundleCurrent(bundle, sources) {
  try {
    const built = statSync(bundle).mtimeMs;
    return readdirSync(sources, { recursive: true })
      .map(String)
      .filter((name) => !/\.test\.ts$/.test(name))
      .every((name) => statSync(join(sources, name)).mtimeMs <= built);
  } catch {
    return false; // no bundle (installed without scripts)
  }
}
