import { isTag, parseHtml, serializeHtml, type ChildNode } from './html.ts';

/** Attributes that load a file, by tag (reveal.js lazy-loads through data-src). */
const ASSET_ATTRIBUTES: Record<string, string[]> = {
  img: ['src', 'data-src', 'srcset'],
  video: ['src', 'data-src', 'poster'],
  audio: ['src', 'data-src'],
  source: ['src', 'data-src', 'srcset'],
};
/** Slide backgrounds, on the `<section>` or on any element reveal.js reads them from. */
export const BACKGROUND_ATTRIBUTES = ['data-background-image', 'data-background-video'];
const CSS_URL = /url\(\s*(['"]?)([^'")]+)\1\s*\)/g;
/** Every attribute that loads a file, by tag (other tags: the backgrounds only), listed once. */
const ATTRIBUTE_NAMES: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(ASSET_ATTRIBUTES).map(([tag, names]) => [tag, Object.freeze([...names, ...BACKGROUND_ATTRIBUTES])]),
);
const BACKGROUND_NAMES: readonly string[] = Object.freeze([...BACKGROUND_ATTRIBUTES]);

function assetAttributeNames(tag: string): readonly string[] {
  return ATTRIBUTE_NAMES.get(tag) ?? BACKGROUND_NAMES;
}

/** Every file URL an element's attributes load, without changing anything. */
export function assetUrls(tag: string, attributes: Record<string, string>): string[] {
  const urls: string[] = [];
  const names = assetAttributeNames(tag);
  for (let index = 0; index < names.length; index++) {
    const name = names[index]!;
    const value = attributes[name];
    if (!value) continue;
    if (name === 'srcset') for (const candidate of value.split(',')) urls.push(candidate.trim().split(/\s+/)[0] ?? '');
    else urls.push(value);
  }
  const style = attributes['style'];
  if (style?.includes('url(')) for (const match of style.matchAll(CSS_URL)) urls.push(match[2]!);
  return urls.filter(Boolean);
}

/**
 * Calls `map` with every file URL an element's attributes load (src, srcset candidates, poster,
 * backgrounds, CSS url()), and writes back what it returns.
 */
export function mapAssetUrls(tag: string, attributes: Record<string, string>, map: (url: string) => string): void {
  for (const name of assetAttributeNames(tag)) {
    const value = attributes[name];
    if (!value) continue;
    attributes[name] =
      name === 'srcset'
        ? value
            .split(',')
            .map((candidate) => candidate.trim().replace(/^\S+/, (url) => map(url)))
            .join(', ')
        : map(value);
  }
  const style = attributes['style'];
  if (style?.includes('url(')) attributes['style'] = style.replace(CSS_URL, (_, quote: string, url: string) => `url(${quote}${map(url)}${quote})`);
}

/** Rewrites every asset URL in a slide's HTML; text (code included) is never touched. */
export function rewriteAssetUrls(html: string, map: (url: string) => string): string {
  const tree = parseHtml(html);
  const visit = (nodes: ChildNode[]): void => {
    for (const node of nodes) {
      if (!isTag(node)) continue;
      mapAssetUrls(node.name, node.attribs, map);
      visit(node.children);
    }
  };
  visit(tree.children);
  return serializeHtml(tree);
}
