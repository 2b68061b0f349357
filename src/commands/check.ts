import { resolve } from 'node:path';
import { compileDeckFile, type CompileOptions } from '../node/compile.ts';
import { findDecks, findProjectRoot } from '../node/files.ts';
import { createMermaidRenderer } from '../node/mermaid.ts';
import { readProjectDefaults } from '../node/project-config.ts';
import { checkPublicFolder } from '../node/public-folder.ts';
import { mergeDefaults } from '../vite/plugin.ts';
import { plural, type Reporter } from './reporter.ts';
import { loadProjectViteConfig } from './vite-config.ts';
import { LecternError } from '../errors.ts';

/**
 * `lectern check`: compiles a deck (or every deck of a folder) as dev, build and pdf do, and lists every
 * problem as file:line; returns how many there were.
 */
export async function checkDecks(path: string, reporter: Reporter): Promise<number> {
  const { root, isFile, target } = await findProjectRoot(resolve(path));
  const files = isFile ? [target] : await findDecks(target);
  if (files.length === 0) throw new LecternError('not-found', `no decks (*.md) in ${reporter.showPath(target)}`);
  const project = await loadProjectViteConfig(root, { command: 'serve', mode: 'development' });
  const defaults = mergeDefaults(await readProjectDefaults(isFile ? resolve(target, '..') : target), project.lectern?.defaults ?? {});
  // What build refuses in public/, check reports.
  const published = (await checkPublicFolder(root)).map((problem) => problem.warning);
  reporter.warnings(published);
  let problems = published.length;
  // One browser draws every deck's diagrams (Mermaid reports what does not parse only when it draws).
  const diagrams = createMermaidRenderer();
  try {
    for (const file of files) problems += await checkDeck(file, { root, defaults, diagrams }, isFile, reporter);
  } finally {
    await diagrams.close();
  }
  return problems;
}

/** Checks one deck: its warnings, or its compile error (one problem) when it is one of a folder's. */
async function checkDeck(file: string, options: CompileOptions, isFile: boolean, reporter: Reporter): Promise<number> {
  let compiled;
  try {
    compiled = await compileDeckFile(file, options);
  } catch (error) {
    // A deck that does not compile is one problem; the folder's other decks are still checked.
    if (isFile) throw error;
    reporter.error(error);
    return 1;
  }
  const { deck, warnings } = compiled;
  reporter.warnings(warnings);
  const slides = deck.stacks.flat();
  const fragments = slides.reduce((sum, slide) => sum + slide.fragments, 0);
  reporter.info(
    `${reporter.showPath(file)}: ${plural(deck.stacks.length, 'horizontal slide')}, ${slides.length} in all, ${plural(fragments, 'fragment step')}, ${plural(warnings.length, 'warning')}`,
  );
  return warnings.length;
}
