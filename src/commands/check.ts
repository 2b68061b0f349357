import { resolve } from 'node:path';
import { LecternError } from '../errors.ts';
import { compileDeckFile, type CompiledDeck } from '../node/compile.ts';
import { findDecks, findProjectRoot } from '../node/files.ts';
import { createMermaidRenderer } from '../node/mermaid.ts';
import { readProjectDefaults } from '../node/project-config.ts';
import { checkPublicFolder } from '../node/public-folder.ts';
import type { DeckWarning } from '../types.ts';
import { mergeDefaults } from '../vite/plugin.ts';
import { plural, type Reporter } from './reporter.ts';
import { loadProjectViteConfig } from './vite-config.ts';

export interface CheckOptions {
  /** Also render each deck in Chromium and check what the audience sees (overflow, glyphs, accessibility). */
  render?: boolean;
  /** Chromium to use (else $LECTERN_CHROMIUM, a Playwright browser, the system's). */
  browser?: string;
  /** Bounds loading each deck's page, and each slide's images and fonts. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * `lectern check`: compiles a deck (or every deck of a folder) as dev, build and pdf do, and lists every
 * problem as file:line; with `render`, also what Chromium shows of each slide. Returns how many problems.
 */
export async function checkDecks(path: string, reporter: Reporter, options: CheckOptions = {}): Promise<number> {
  const { root, isFile, target } = await findProjectRoot(resolve(path));
  const files = isFile ? [target] : await findDecks(target);
  if (files.length === 0) throw new LecternError('not-found', `no decks (*.md) in ${reporter.showPath(target)}`);
  // Playwright is loaded only for --render; the browser starts while the decks compile and build.
  const render = options.render ? (await import('./check-render.ts')).startRenderSession({ ...(options.browser ? { browser: options.browser } : {}), timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS }) : null;
  // One browser draws every deck's diagrams (Mermaid reports what does not parse only when it draws).
  const diagrams = createMermaidRenderer();
  try {
    const project = await loadProjectViteConfig(root, { command: 'serve', mode: 'development' });
    const defaults = mergeDefaults(await readProjectDefaults(isFile ? resolve(target, '..') : target), project.lectern?.defaults ?? {});
    // What build refuses in public/, check reports.
    const published = (await checkPublicFolder(root)).map((problem) => problem.warning);
    reporter.warnings(published);
    let problems = published.length;
    const compiled = new Map<string, CompiledDeck>();
    for (const file of files) {
      try {
        compiled.set(file, await compileDeckFile(file, { root, defaults, diagrams }));
      } catch (error) {
        // A deck that does not compile is one problem; the folder's other decks are still checked.
        if (isFile) throw error;
        reporter.error(error);
        problems++;
      }
    }
    const rendered = render && compiled.size > 0 ? await render.check(target, compiled) : new Map<string, DeckWarning[]>();
    for (const [file, { deck, warnings }] of compiled) {
      const seen = rendered.get(file) ?? [];
      reporter.warnings([...warnings, ...seen]);
      const slides = deck.stacks.flat();
      const fragments = slides.reduce((sum, slide) => sum + slide.fragments, 0);
      const count = warnings.length + seen.length;
      reporter.info(
        `${reporter.showPath(file)}: ${plural(deck.stacks.length, 'horizontal slide')}, ${slides.length} in all, ${plural(fragments, 'fragment step')}, ${plural(count, 'warning')}${options.render ? ` (${seen.length} in the rendered slides)` : ''}`,
      );
      problems += count;
    }
    return problems;
  } finally {
    await diagrams.close();
    await render?.close();
  }
}
