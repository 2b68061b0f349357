import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { DeckDefaults } from '../deck/options.ts';
import { diagramRequests, fillDiagrams } from '../deck/diagrams.ts';
import { parseDeck, type SlideCache } from '../deck/parse.ts';
import { LecternError } from '../errors.ts';
import type { Deck, DeckWarning, DiagramRenderer } from '../types.ts';
import { readDeckFile } from './files.ts';
import { createMermaidRenderer } from './mermaid.ts';
import { isInside, realPathIn, showPath } from './paths.ts';
import { nodeRenderers } from './renderers.ts';
import { guardSeparators } from './separator-guard.ts';
import { deckStyles } from './styles.ts';

/** True for URLs that point at a file beside the deck rather than at the web. */
export function isLocalUrl(url: string): boolean {
  return !/^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(url) && url.trim() !== '';
}

/**
 * A local asset URL as a path on disk: relative URLs against the deck's folder, root-absolute ones
 * against `public/` first (as Vite serves it), then the served root.
 */
export function assetPath(deckFile: string, url: string, root: string): string {
  let path = url.split(/[?#]/)[0]!;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A stray % is part of the file name.
  }
  if (!path.startsWith('/')) return resolve(dirname(deckFile), path);
  const published = resolve(root, 'public', `.${path}`);
  return existsSync(published) ? published : resolve(root, `.${path}`);
}

/** Where each local file the deck loads really is, or why it cannot be used. */
export type AssetCheck = { url: string; line: number } & ({ ok: true; file: string } | { ok: false; warning: DeckWarning });

/** Every local file the deck names (slides' images and media, `scripts`), each resolved and checked against the project. */
export async function checkAssets(deck: Deck, root: string): Promise<AssetCheck[]> {
  const references = [
    ...deck.stacks.flat().flatMap((slide) => slide.assets),
    ...deck.options.scripts.map((url) => ({ url, line: 1 })),
  ].filter(({ url }) => isLocalUrl(url));
  return Promise.all(
    references.map(async ({ url, line }): Promise<AssetCheck> => {
      const path = assetPath(deck.file, url, root);
      const found = await realPathIn(root, path);
      const at = { file: deck.file, line };
      // Outside by its path, or by where its symlinks lead.
      if (!isInside(root, path) || (found !== null && !found.inside)) {
        return { url, line, ok: false, warning: { code: 'outside-project', message: `'${url}' is outside the project folder; it is not served or published`, ...at } };
      }
      if (found === null) return { url, line, ok: false, warning: { code: 'missing-asset', message: `missing file '${url}'`, ...at } };
      // A FIFO or a device would block the copy (build) or the server thread reading it (dev).
      const info = await stat(found.real).catch(() => null);
      if (info !== null && !info.isFile()) return { url, line, ok: false, warning: { code: 'missing-asset', message: `'${url}' is not a regular file; it is not served or published`, ...at } };
      const readable = await access(found.real).then(() => true, () => false);
      if (!readable) return { url, line, ok: false, warning: { code: 'missing-asset', message: `cannot read '${url}'`, ...at } };
      return { url, line, ok: true, file: found.real };
    }),
  );
}

export interface CompileOptions {
  /** The project folder: nothing outside it is read, served or published. */
  root: string;
  defaults?: DeckDefaults;
  cache?: SlideCache;
  /**
   * Draws the deck's Mermaid diagrams; callers that compile often (dev, build, check) pass one they keep,
   * with its browser and cache. Without one, a deck with diagrams gets a renderer of its own, closed after.
   */
  diagrams?: DiagramRenderer;
}

export interface CompiledDeck {
  deck: Deck;
  /** Every problem: options, separators, slides, themes and stylesheets, scripts, assets. */
  warnings: DeckWarning[];
  /** The stylesheets the deck's page loads, each checked. */
  styles: string[];
  /** Local files the deck loads that exist inside the project, by URL as written. */
  assets: AssetCheck[];
  cache: SlideCache;
}

/** The one door from a deck file to a Deck and every problem with it: dev, build, pdf and check use it. */
export async function compileDeckFile(file: string, { root, defaults, cache, diagrams }: CompileOptions): Promise<CompiledDeck> {
  // A deck that is a link to a file outside the project is not read: the dev server would serve it by URL.
  const found = await realPathIn(root, file);
  if (found !== null && !found.inside) throw new LecternError('unsafe-path', `${showPath(file)} is a link to a file outside the project folder; Lectern does not read it`);
  const source = await readDeckFile(file);
  const separators = await guardSeparators(source, file, defaults);
  const parsed = parseDeck({ source, file, renderers: nodeRenderers, overrides: separators.overrides, ...(defaults ? { defaults } : {}), ...(cache ? { cache } : {}) });
  const drawn = await drawDiagrams(parsed.deck, diagrams);
  const styles = deckStyles(drawn.deck, root);
  const assets = await checkAssets(drawn.deck, root);
  const warnings = [...separators.warnings, ...parsed.warnings, ...drawn.warnings, ...styles.warnings, ...assets.flatMap((asset) => (asset.ok ? [] : [asset.warning]))];
  return { deck: drawn.deck, warnings, styles: styles.files, assets, cache: parsed.cache };
}

/** The deck with its diagrams drawn into their placeholders (Mermaid runs in Chromium, after parsing). */
export async function drawDiagrams(deck: Deck, renderer?: DiagramRenderer): Promise<{ deck: Deck; warnings: DeckWarning[] }> {
  const requests = diagramRequests(deck);
  if (requests.length === 0) return { deck, warnings: [] };
  const own = renderer ?? createMermaidRenderer();
  try {
    return fillDiagrams(deck, await own.render(requests));
  } finally {
    if (!renderer) await own.close();
  }
}
