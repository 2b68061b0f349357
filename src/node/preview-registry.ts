import { createHash, randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './files.ts';
import { userTempFolder } from './user-folder.ts';

/** A running dev server that prints PDFs for `lectern pdf` (see src/vite/preview-export.ts). */
export interface PreviewEntry {
  /** Where the server answers, on the loopback address. */
  origin: string;
  /** Sent with each export request: only who can read this file (its owner) may ask. */
  token: string;
  pid: number;
  /** The project folder the server serves. */
  root: string;
}

const entryName = (root: string) => `preview-${createHash('sha256').update(root).digest('hex').slice(0, 16)}.json`;

/** Says that a dev server serves `root` at `origin`; returns its token and how to take the entry back. */
export async function registerPreview(root: string, origin: string): Promise<{ token: string; unregister: () => Promise<void> } | null> {
  const folder = await userTempFolder();
  if (folder === null) return null;
  const token = randomBytes(24).toString('hex');
  const file = join(folder, entryName(root));
  const entry: PreviewEntry = { origin, token, pid: process.pid, root };
  await writeFileAtomic(file, JSON.stringify(entry), { mode: 0o600 });
  return {
    token,
    // Only our own entry: another server may have taken the project over since.
    unregister: async () => {
      const now = await readEntry(file);
      if (now?.token === token) await rm(file, { force: true });
    },
  };
}

/** The dev server serving `root`, if one says so and its process runs. */
export async function findPreview(root: string): Promise<PreviewEntry | null> {
  const folder = await userTempFolder();
  if (folder === null) return null;
  const entry = await readEntry(join(folder, entryName(root)));
  if (entry === null || entry.root !== root || !isRunning(entry.pid)) return null;
  return entry;
}

async function readEntry(file: string): Promise<PreviewEntry | null> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as Partial<PreviewEntry>;
    if (typeof value.origin !== 'string' || typeof value.token !== 'string' || typeof value.pid !== 'number' || typeof value.root !== 'string') return null;
    return value as PreviewEntry;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
