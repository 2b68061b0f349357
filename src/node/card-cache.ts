import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { writeFileAtomic } from './files.ts';
import { userTempFolder } from './user-folder.ts';

/** Cards kept; the oldest go first. */
const MAX_CARDS = 64;
/** Files a site may hold for its digest; past that, no caching (a site that big is not hashed on every build). */
const MAX_FILES = 5_000;

/**
 * What a social card depends on: every file of the built site (pages, stylesheets, fonts, images,
 * the runtime), the page, the slide and the window it is taken at. The same key, the same picture.
 */
export async function cardKey(site: string, page: string, shot: { slide: number; width: number; height: number }): Promise<string | null> {
  const files = await listFiles(site);
  if (files === null) return null;
  const hash = createHash('sha256').update(JSON.stringify({ page, ...shot })).update('\0');
  for (const file of files.sort()) hash.update(relative(site, file).split(sep).join('/')).update('\0').update(await readFile(file)).update('\0');
  return hash.digest('hex');
}

export async function readCachedCard(key: string): Promise<Buffer | null> {
  const folder = await cardFolder();
  return folder === null ? null : readFile(join(folder, `${key}.png`)).catch(() => null);
}

export async function writeCachedCard(key: string, png: Uint8Array): Promise<void> {
  const folder = await cardFolder();
  if (folder === null) return;
  await writeFileAtomic(join(folder, `${key}.png`), png);
  await pruneCards(folder);
}

async function cardFolder(): Promise<string | null> {
  const user = await userTempFolder();
  if (user === null) return null;
  const folder = join(user, 'cards');
  await mkdir(folder, { recursive: true, mode: 0o700 });
  return folder;
}

async function pruneCards(folder: string): Promise<void> {
  const names = (await readdir(folder)).filter((name) => name.endsWith('.png'));
  if (names.length <= MAX_CARDS) return;
  const dated = await Promise.all(names.map(async (name) => ({ name, time: (await stat(join(folder, name)).catch(() => null))?.mtimeMs ?? 0 })));
  for (const { name } of dated.sort((a, b) => a.time - b.time).slice(0, names.length - MAX_CARDS)) await rm(join(folder, name), { force: true });
}

async function listFiles(folder: string): Promise<string[] | null> {
  const files: string[] = [];
  const pending = [folder];
  while (pending.length > 0) {
    const current = pending.pop()!;
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile()) files.push(path);
      if (files.length > MAX_FILES) return null;
    }
  }
  return files;
}
