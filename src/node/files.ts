import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, open, readdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { LecternError } from '../errors.ts';

/** Thrown by readRegularFile for a FIFO, a device, a socket or a folder. */
export class NotRegularFileError extends Error {
  readonly code = 'ENOTREGULAR';
  constructor(readonly file: string) {
    super(`${file} is not a regular file`);
  }
}

/**
 * Reads a file that must be a regular file. It is opened without waiting (O_NONBLOCK) and checked on
 * the open handle: reading a FIFO or a device would wait forever, holding one of Node's few file
 * threads, and checking the path first would leave a moment for it to be swapped.
 */
export async function readRegularFile(file: string): Promise<Buffer> {
  const handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    if (!(await handle.stat()).isFile()) throw new NotRegularFileError(file);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** Reads a deck as text, refusing anything that is not UTF-8 with the line of the first bad byte. */
export async function readDeckFile(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(file);
  } catch (error) {
    if (error instanceof NotRegularFileError) throw new LecternError('not-found', `${file} is not a regular file (a FIFO, device or folder); a deck must be a file`);
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
export async function writeFileAtomic(file: string, data: string | Uint8Array, { mode }: { mode?: number } = {}): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, data, mode !== undefined ? { mode } : {});
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

const PROJECT_MARKERS = ['package.json', 'vite.config.ts', 'vite.config.js', 'vite.config.mjs', 'vite.config.mts'];

/**
 * The project folder, the one root that is served, built from and checked against: the nearest folder
 * above the decks with a package.json or a Vite config, else the decks' own folder. Never the working
 * directory by accident.
 */
export async function findProjectRoot(target: string): Promise<{ root: string; isFile: boolean; target: string }> {
  const info = await stat(target).catch(() => null);
  if (!info) throw new LecternError('not-found', `no such deck or folder: ${target}`);
  if (!info.isFile() && !info.isDirectory()) throw new LecternError('not-found', `${target} is not a regular file nor a folder (a FIFO, a device or a socket); a deck must be a file`);
  // Real paths: symlinks are judged by where they lead.
  const real = await realpath(target);
  const folder = info.isFile() ? dirname(real) : real;
  for (let candidate = folder; ; candidate = dirname(candidate)) {
    const marked = await Promise.all(PROJECT_MARKERS.map((name) => access(join(candidate, name)).then(() => true, () => false)));
    if (marked.some(Boolean)) return { root: candidate, isFile: info.isFile(), target: real };
    if (dirname(candidate) === candidate) return { root: folder, isFile: info.isFile(), target: real };
  }
}
