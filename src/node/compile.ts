import { existsSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseDeck, type SlideCache } from '../deck/parse.ts';
import type { Deck, DeckWarning, ParseResult } from '../types.ts';
import { readDeckFile } from './files.ts';

/** True for URLs that point at a file beside the deck rather than at the web. */
export function isLocalUrl(url: string): boolean {
  return !/^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(url) && url.trim() !== '';
}

/**
 * A local asset URL as a path on disk: relative URLs against the deck's folder, root-absolute ones
 * against `public/` first (as Vite serves it), then the served root.
 */
export function assetPath(deckFile: string, url: string, root: string): string {
  const path = decodeURIComponent(url.split(/[?#]/)[0]!);
  if (!path.startsWith('/')) return resolve(dirname(deckFile), path);
  const published = resolve(root, 'public', `.${path}`);
  return existsSync(published) ? published : resolve(root, `.${path}`);
}

/** Local assets the deck names that are not on disk, as warnings with the line that names them. */
export async function missingAssets(deck: Deck, root: string): Promise<DeckWarning[]> {
  const checks = deck.stacks.flat().flatMap((slide) =>
    slide.assets
      .filter((asset) => isLocalUrl(asset.url))
      .map(async (asset): Promise<DeckWarning | null> => {
        const exists = await access(assetPath(deck.file, asset.url, root)).then(() => true, () => false);
        if (exists) return null;
        return { code: 'missing-asset', message: `missing file '${asset.url}'`, location: { file: deck.file, line: asset.line } };
      }),
  );
  return (await Promise.all(checks)).filter((warning): warning is DeckWarning => warning !== null);
}

/** Reads and compiles a deck file; compile warnings and missing assets come back together. */
export async function compileDeckFile(file: string, root: string, cache?: SlideCache): Promise<ParseResult> {
  const source = await readDeckFile(file);
  const { deck, warnings } = parseDeck(source, file, cache);
  return { deck, warnings: [...warnings, ...(await missingAssets(deck, root))] };
}
