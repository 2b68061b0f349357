import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { DeckWarning } from '../types.ts';
import { isInside } from './paths.ts';

/** Something in public/ that cannot be published as it is. */
export interface PublicProblem {
  /** Its path below public/, with the platform's separators. */
  path: string;
  warning: DeckWarning;
  /** A FIFO or a device: copying it would wait forever, so no build may even start. */
  blocking: boolean;
}

/** public/ is walked whole; a project with more entries than this is reported, not walked on. */
const MAX_ENTRIES = 50_000;

/**
 * What Vite would copy from the project's public/ folder that it must not: a symlink whose target
 * leaves the project (Vite copies the target), and anything that is not a regular file or folder.
 * Symlinked folders inside the project are walked too (Vite copies through them), each once.
 */
export async function checkPublicFolder(root: string): Promise<PublicProblem[]> {
  const publicDir = join(root, 'public');
  const realRoot = await realpath(root).catch(() => root);
  const problems: PublicProblem[] = [];
  const visited = new Set<string>();
  let seen = 0;
  const report = (path: string, warning: Omit<DeckWarning, 'file' | 'line'>, blocking: boolean) =>
    problems.push({ path: relative(publicDir, path), warning: { ...warning, file: path, line: 1 }, blocking });

  // `shown` is the path as Vite sees it (below public/), `folder` where its entries really are.
  const walk = async (shown: string, folder: string): Promise<void> => {
    if (visited.has(folder)) return;
    visited.add(folder);
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (++seen > MAX_ENTRIES) return;
      const path = join(shown, entry.name);
      const actual = join(folder, entry.name);
      if (entry.isDirectory()) {
        await walk(path, actual);
        continue;
      }
      if (entry.isSymbolicLink()) {
        const target = await realpath(actual).catch(() => null);
        if (target === null) continue; // a dangling link: Vite skips it
        if (!isInside(realRoot, target)) {
          report(path, { code: 'outside-project', message: 'links outside the project folder; it is not published' }, false);
          continue;
        }
        const info = await stat(target);
        if (info.isDirectory()) await walk(path, target);
        else if (!info.isFile()) report(path, { code: 'missing-asset', message: 'is not a regular file (a FIFO or a device); it cannot be published' }, true);
        continue;
      }
      if (!entry.isFile()) report(path, { code: 'missing-asset', message: 'is not a regular file (a FIFO or a device); it cannot be published' }, true);
    }
  };
  if ((await stat(publicDir).catch(() => null))?.isDirectory()) await walk(publicDir, publicDir);
  if (seen > MAX_ENTRIES) {
    problems.push({ path: '', warning: { code: 'missing-asset', file: publicDir, line: 1, message: `holds more than ${MAX_ENTRIES} entries; not checked further` }, blocking: true });
  }
  return problems;
}
