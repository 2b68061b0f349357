import { constants } from 'node:fs';
import { access, readdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, parse, resolve } from 'node:path';
import { LecternError } from '../errors.ts';
import { isInside } from './paths.ts';

/** Written into every site Lectern builds: only such a folder (or an empty one) is ever replaced. */
export const BUILD_MARKER = '.lectern-build';

export interface Inputs {
  root: string;
  decks: string[];
  /** The working directory: a build never replaces the folder the author is in. */
  cwd: string;
}

/** Paths an output must never be, nor contain: the project, its decks and their folders, public/, the working directory, `/`. */
function protectedPaths({ root, decks, cwd }: Inputs): { path: string; what: string }[] {
  return [
    { path: parse(root).root, what: 'the file-system root' },
    { path: cwd, what: 'the working directory' },
    { path: root, what: 'the project folder' },
    { path: join(root, 'public'), what: "the project's public/ folder" },
    ...decks.flatMap((deck) => [
      { path: deck, what: `the deck ${deck}` },
      { path: dirname(deck), what: `the folder of the deck ${deck}` },
    ]),
  ];
}

/**
 * Refuses (a usage error, before any work) a site folder that would replace an input, a folder Lectern
 * did not build, or one it cannot write.
 */
export async function checkSiteOutput(out: string, inputs: Inputs, show: (path: string) => string): Promise<void> {
  for (const { path, what } of protectedPaths(inputs)) {
    if (isInside(out, path)) throw new LecternError('usage', `--out ${show(out)} would replace ${what}; choose a new folder such as dist/`);
  }
  const existing = await stat(out).catch(() => null);
  if (existing !== null) {
    if (!existing.isDirectory()) throw new LecternError('usage', `--out ${show(out)} is a file, not a folder`);
    // A mount point cannot be renamed away, and the site is swapped in whole.
    const parent = await stat(dirname(out)).catch(() => null);
    if (parent !== null && parent.dev !== existing.dev) {
      throw new LecternError('usage', `--out ${show(out)} is a mount point, which Lectern cannot replace as a whole; choose a folder inside it, such as ${show(join(out, 'dist'))}`);
    }
    const entries = await readdir(out);
    if (entries.length > 0 && !entries.includes(BUILD_MARKER)) {
      throw new LecternError('usage', `--out ${show(out)} holds files Lectern did not build; refusing to replace it (empty it, or choose a new folder)`);
    }
  }
  await checkWritable(dirname(out), show);
}

/** Refuses a file output (a PDF, an image) that is an input deck or not a regular file, or cannot be written. */
export async function checkFileOutput(output: string, decks: string[], show: (path: string) => string): Promise<void> {
  const target = resolve(output);
  if (decks.some((deck) => resolve(deck) === target) || target.endsWith('.md')) {
    throw new LecternError('usage', `${show(target)} is a deck; Lectern never writes over a deck`);
  }
  const existing = await stat(target).catch(() => null);
  if (existing !== null && !existing.isFile()) throw new LecternError('usage', `${show(target)} exists and is not a regular file`);
  await checkWritable(dirname(target), show);
}

/**
 * Refuses an output that is a file the deck reads (an image, a stylesheet, a script), which is known once
 * the deck is compiled: compared by real path, so no link or `..` gets past it.
 */
export async function refuseInputAsOutput(outputs: readonly string[], inputs: readonly string[], show: (path: string) => string, hint = 'choose another -o'): Promise<void> {
  const real = (path: string) => realpath(path).catch(() => resolve(path));
  const used = new Set(await Promise.all(inputs.map(real)));
  for (const output of outputs) {
    if (used.has(await real(output))) throw new LecternError('usage', `${show(resolve(output))} is a file the deck uses; Lectern never replaces one (${hint})`);
  }
}

/**
 * Refuses an image folder that is a deck or a file, or that cannot be made or written. The folder may hold
 * other files (by default it is the deck's own): each image is checked by name once the slides are known.
 */
export async function checkImageFolder(folder: string, decks: string[], show: (path: string) => string): Promise<void> {
  const target = resolve(folder);
  if (decks.some((deck) => resolve(deck) === target) || target.endsWith('.md')) {
    throw new LecternError('usage', `${show(target)} is a deck; images go into a folder`);
  }
  const existing = await stat(target).catch(() => null);
  if (existing !== null && !existing.isDirectory()) throw new LecternError('usage', `${show(target)} is a file, not a folder for images`);
  await checkWritable(existing === null ? dirname(target) : target, show);
}

async function checkWritable(folder: string, show: (path: string) => string): Promise<void> {
  const info = await stat(folder).catch(() => null);
  if (info === null || !info.isDirectory()) throw new LecternError('usage', `cannot write into ${show(folder)}: no such folder`);
  await access(folder, constants.W_OK).catch(() => {
    throw new LecternError('usage', `cannot write into ${show(folder)}: permission denied`);
  });
}

/** Marks a finished site, then puts it in place of `out`; the previous site stays until the last moment. */
export async function swapInSite(temporary: string, out: string): Promise<void> {
  await writeFile(join(temporary, BUILD_MARKER), 'Built by Lectern: `lectern build` may replace this folder.\n');
  const previous = await stat(out).catch(() => null);
  if (previous === null) {
    await rename(temporary, out);
    return;
  }
  const old = `${temporary}-old`;
  try {
    await rename(out, old);
  } catch (error) {
    throw new LecternError('build', `could not replace ${out} (${(error as NodeJS.ErrnoException).code ?? String(error)}); the previous site is unchanged`);
  }
  try {
    await rename(temporary, out);
  } catch (error) {
    await rename(old, out).catch(() => {});
    throw new LecternError('build', `could not put the site in place at ${out} (${(error as NodeJS.ErrnoException).code ?? String(error)}); the previous site is unchanged`);
  }
  await rm(old, { recursive: true, force: true });
}
