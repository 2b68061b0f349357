import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { showPath } from '../node/paths.ts';
import { LecternError } from '../errors.ts';
import { TALK_TEMPLATE } from './new-template.ts';

export interface Scaffolded {
  folder: string;
  files: string[];
  /** What to tell the author: where the talk is and the next two commands. */
  message: string;
}

const VERSION = '0.1.0';

/** `lectern new [dir]`: a talk project in a new or empty folder; never writes over anything. */
export async function scaffoldTalk(dir: string): Promise<Scaffolded> {
  const folder = resolve(dir);
  const existing = await readdir(folder).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)));
  if (existing !== null && existing.length > 0) {
    throw new LecternError('usage', `${showPath(folder)} is not empty; lectern new only writes into a new or empty folder`);
  }
  const name = basename(folder).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'talk';
  const title = basename(folder).replace(/[-_]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
  const fill = (text: string) => text.replaceAll('{{name}}', name).replaceAll('{{title}}', title).replaceAll('{{version}}', VERSION);
  const files = Object.keys(TALK_TEMPLATE);
  for (const file of files) {
    const path = join(folder, file);
    await mkdir(dirname(path), { recursive: true });
    // 'wx': fail rather than replace, should anything appear meanwhile.
    await writeFile(path, fill(TALK_TEMPLATE[file]!), { flag: 'wx' });
  }
  const shown = showPath(folder);
  return {
    folder,
    files,
    message: `Created a talk in ${shown}: decks/talk.md. Next:\n  cd ${shown} && npm install\n  npm run dev`,
  };
}
