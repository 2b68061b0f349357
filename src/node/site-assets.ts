import { createHash } from 'node:crypto';
import { basename, extname, posix } from 'node:path';
import { mapAssetUrls, rewriteAssetUrls } from '../deck/assets.ts';
import type { Deck, DeckWarning } from '../types.ts';
import { assetPath, isLocalUrl, type AssetCheck } from './compile.ts';
import { readRegularFile } from './files.ts';

/** Where each local asset goes in the site (`assets/name-hash.ext`), by its real path: the same file once. */
export type AssetPlan = Map<string, string>;

export interface PlannedAssets {
  plan: AssetPlan;
  /** Files that cannot be published: missing, unreadable or outside the project. */
  problems: DeckWarning[];
}

/** Plans the copy of every local file the decks load, from what compileDeckFile found. */
export async function planAssets(decks: { assets: AssetCheck[] }[]): Promise<PlannedAssets> {
  const plan: AssetPlan = new Map();
  const problems: DeckWarning[] = [];
  for (const { assets } of decks) {
    for (const asset of assets) {
      if (!asset.ok) {
        problems.push(asset.warning);
        continue;
      }
      if (plan.has(asset.file)) continue;
      const content = await readRegularFile(asset.file);
      const hash = createHash('sha256').update(content).digest('hex').slice(0, 8);
      const extension = extname(asset.file);
      plan.set(asset.file, `assets/${basename(asset.file, extension)}-${hash}${extension}`);
    }
  }
  return { plan, problems };
}

/** The deck with every local URL pointing at its copy in the site, relative to the page at `page`. */
export function deckForSite(deck: Deck, page: string, assets: AssetCheck[], plan: AssetPlan, root: string): Deck {
  const pageFolder = posix.dirname(page);
  const byUrl = new Map(assets.flatMap((asset) => (asset.ok ? [[asset.url, asset.file] as const] : [])));
  const toSite = (url: string): string => {
    if (!isLocalUrl(url)) return url;
    const name = plan.get(byUrl.get(url) ?? assetPath(deck.file, url, root));
    return name ? posix.relative(pageFolder, name) : url;
  };
  return {
    ...deck,
    options: { ...deck.options, scripts: deck.options.scripts.map(toSite) },
    stacks: deck.stacks.map((stack) =>
      stack.map((slide) => {
        const attributes = { ...slide.attributes };
        mapAssetUrls('section', attributes, toSite);
        return { ...slide, attributes, html: rewriteAssetUrls(slide.html, toSite), notesHtml: rewriteAssetUrls(slide.notesHtml, toSite) };
      }),
    ),
  };
}

/** The other way: each published asset's URL in the page at `page` → the URL the deck wrote, for messages. */
export function sourceUrls(page: string, assets: AssetCheck[], plan: AssetPlan): Map<string, string> {
  const pageFolder = posix.dirname(page);
  const urls = new Map<string, string>();
  for (const asset of assets) {
    const name = asset.ok ? plan.get(asset.file) : undefined;
    if (name) urls.set(posix.relative(pageFolder, name), asset.url);
  }
  return urls;
}
