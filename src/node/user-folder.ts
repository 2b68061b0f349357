import { lstat, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Lectern's folder of the user's own in the temp folder (0700): the registry of running previews and
 * cached social cards. Null when someone else made it first, or it is open to others: then nothing is
 * read from it or written to it.
 */
export async function userTempFolder(): Promise<string | null> {
  const uid = process.getuid?.() ?? -1;
  const folder = join(tmpdir(), `lectern-${uid >= 0 ? uid : 'user'}`);
  await mkdir(folder, { recursive: true, mode: 0o700 }).catch(() => {});
  const info = await lstat(folder).catch(() => null);
  if (!info?.isDirectory() || (uid >= 0 && info.uid !== uid) || (info.mode & 0o077) !== 0) return null;
  return folder;
}
