import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isIndexTemplate } from '../deck/page.ts';
import { readRegularFile } from './files.ts';
import { INDEX_TEMPLATE } from './package-files.ts';

/** The index page template: the project's index.html when it has the `<!-- lectern:decks -->` slot, else Lectern's. */
export async function readIndexTemplate(root: string): Promise<string> {
  const own = await readRegularFile(resolve(root, 'index.html')).then((bytes) => bytes.toString('utf8'), () => null);
  if (own !== null && isIndexTemplate(own)) return own;
  return readFile(INDEX_TEMPLATE, 'utf8');
}
