import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import { LecternError } from '../errors.ts';

/** Reads a deck as text, refusing anything that is not UTF-8 with the line of the first bad byte. */
export async function readDeckFile(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new LecternError('not-found', code === 'ENOENT' ? `no such deck: ${file}` : `cannot read deck ${file}: ${code}`);
  }
  return decodeDeck(bytes, file);
}

export function decodeDeck(bytes: Uint8Array, file: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new LecternError('encoding', 'deck is UTF-16 text; save it as UTF-8', { file, line: 1 });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
    const byte = bytes[bad]?.toString(16).toUpperCase().padStart(2, '0') ?? '??';
    throw new LecternError('encoding', `deck is not UTF-8 text (byte 0x${byte} cannot start a character); save it as UTF-8`, { file, line });
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let low = 0;
  let high = bytes.length;
  // The longest valid prefix, by bisection: decoding a prefix fails iff it contains the bad byte.
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    try {
      decoder.decode(bytes.subarray(0, middle), { stream: true });
      decoder.decode();
      low = middle;
    } catch {
      high = middle - 1;
    }
  }
  return low;
}

/** Every Markdown deck below a folder, sorted, skipping hidden folders, node_modules and READMEs. */
export async function findDecks(folder: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    const parent = entry.parentPath;
    if (/(^|[/\\])(node_modules|\.[^/\\]+)([/\\]|$)/.test(parent.slice(folder.length))) continue;
    if (entry.isFile() && entry.name.endsWith('.md') && !/^readme\.md$/i.test(entry.name) && !entry.name.startsWith('.')) {
      found.push(join(parent, entry.name));
    }
  }
  return found.sort();
}

/** Writes next to the target and renames over it, so readers see the old file or the new one, never half. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, data);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** The project folder (the one Vite serves): the working directory when the decks are inside it, else their own folder. */
export async function findProjectRoot(target: string): Promise<{ root: string; isFile: boolean }> {
  const info = await stat(target).catch(() => null);
  if (!info) throw new LecternError('not-found', `no such deck or folder: ${target}`);
  const cwd = process.cwd();
  const folder = info.isFile() ? dirname(target) : target;
  const root = folder === cwd || folder.startsWith(cwd + sep) ? cwd : folder;
  return { root, isFile: info.isFile() };
}
