import { realpathSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { relative, isAbsolute, resolve } from 'node:path';

/** True when `path` is `folder` or below it (separator-safe: `/site-evil` is not inside `/site`). */
export function isInside(folder: string, path: string): boolean {
  const rest = relative(folder, path);
  return rest === '' || (!rest.startsWith('..') && !isAbsolute(rest));
}

/**
 * The file a path really names, symlinks resolved; null when it does not exist. A path whose real
 * location leaves `root` is reported as outside, whatever the link's own path says.
 */
export async function realPathIn(root: string, path: string): Promise<{ real: string; inside: boolean } | null> {
  const real = await realpath(path).catch(() => null);
  if (real === null) return null;
  return { real, inside: isInside(realRoot(root), real) };
}

export function realPathInSync(root: string, path: string): { real: string; inside: boolean } | null {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return null;
  }
  return { real, inside: isInside(realRoot(root), real) };
}

function realRoot(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    return resolve(root);
  }
}

/** A path as the user would type it: relative to the working directory ('.' for the directory itself). */
export function showPath(file: string): string {
  return relative(process.cwd(), file) || '.';
}
