import { relative, resolve } from 'node:path';
import { formatWarning } from '../errors.ts';
import { compileDeckFile } from './compile.ts';
import { findProjectRoot } from './files.ts';

/** `lectern check`: compiles a deck and prints each warning as file:line; returns how many there were. */
export async function checkDeck(path: string): Promise<number> {
  const file = resolve(path);
  const { root } = await findProjectRoot(file);
  const { deck, warnings } = await compileDeckFile(file, root);
  for (const warning of warnings) console.log(formatWarning(warning, (path) => relative(process.cwd(), path), `${warning.code}: `));
  const slides = deck.stacks.flat();
  const fragments = slides.reduce((sum, slide) => sum + slide.fragments, 0);
  console.log(`${relative(process.cwd(), file)}: ${deck.stacks.length} horizontal slides, ${slides.length} in all, ${fragments} fragment steps, ${warnings.length} warnings`);
  return warnings.length;
}
