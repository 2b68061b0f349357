import { readFile } from 'node:fs/promises';
import { extname, posix } from 'node:path';
import { decodeHTML } from 'entities';
import type { UsedFace } from './capture-page.ts';
import { faceKey, inlineStylesheet, namedFontFamilies } from './inline-css.ts';
import { isInside } from './paths.ts';

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.bmp': 'image/bmp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.ogg': 'video/ogg',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
};

/** Characters always kept: ASCII, which reveal.js's own UI and generated content use. */
const ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => i + 0x20);

/**
 * One built page as a single self-contained HTML file: stylesheets and scripts inline, every file of the
 * site the page names (images, fonts, media) as a data URI. `site` is the built site's folder, `page`
 * the page's path in it. Only font faces the page can use are kept (see inlineStylesheet), and when a
 * browser has laid the slides out (`used`), only the faces it loaded.
 */
export async function singleFilePage(site: string, page: string, used: UsedFace[] | null = null): Promise<string> {
  const usedKeys = used && new Set(used.map((face) => faceKey(face.family, face.weight, face.style, face.unicodeRange)));
  const html = await readFile(posix.join(site, page), 'utf8');
  const pageFolder = posix.dirname(posix.join(site, page));
  const fileOf = (url: string): string | null => {
    if (/^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(url)) return null;
    const path = decodeURIComponent(url.split(/[?#]/)[0]!);
    const file = path.startsWith('/') ? posix.join(site, path) : posix.join(pageFolder, path);
    return isInside(site, file) ? file : null;
  };
  const files = new Map<string, Buffer | null>();
  const load = async (file: string) => {
    if (!files.has(file)) files.set(file, await readFile(file).catch(() => null));
    return files.get(file)!;
  };
  const dataUri = async (file: string): Promise<string | null> => {
    const content = await load(file);
    if (content === null) return null;
    return `data:${MIME[extname(file).toLowerCase()] ?? 'application/octet-stream'};base64,${content.toString('base64')}`;
  };

  // Stylesheets: read first, since which fonts stay depends on every one of them.
  const links = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)];
  const sheets = new Map<string, { css: string; file: string }>();
  for (const [, href] of links) {
    const file = fileOf(decodeHTML(href!));
    const content = file === null ? null : await load(file);
    if (file !== null && content !== null) sheets.set(href!, { css: content.toString('utf8'), file });
  }
  const body = html.slice(html.indexOf('<body'));
  const characters = new Set([...ASCII, ...Array.from(decodeHTML(body.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]*>/g, ' ')), (char) => char.codePointAt(0)!)]);
  const styleAttributes = [...body.matchAll(/style="([^"]*)"/g)].map((match) => decodeHTML(match[1]!));
  const families = namedFontFamilies([...[...sheets.values()].map(({ css }) => css), ...styleAttributes]);

  let result = html;
  // Every other file of the site the page names: images, media, backgrounds, srcset candidates, url()s
  // in style attributes. Only attribute values are touched, never the text of a slide.
  const ATTRIBUTE = /(\s(?:src|href|srcset|poster|data-[a-z-]+|style)=")([^"]*)"/g;
  const uris = new Map<string, string | null>();
  const candidates = (value: string, name: string): string[] =>
    name === 'style=' ? [...value.matchAll(/url\((?:&quot;|["'])?([^"')&]+)/g)].map((match) => match[1]!) : value.split(',').map((part) => part.trim().split(/\s+/)[0]!);
  for (const [, name, value] of result.matchAll(ATTRIBUTE)) {
    for (const url of candidates(value!, name!.trim())) {
      if (uris.has(url)) continue;
      const file = fileOf(decodeHTML(url));
      uris.set(url, file === null || /\.(html|css|js)$/.test(file) ? null : await dataUri(file));
    }
  }
  result = result.replace(ATTRIBUTE, (whole, name: string, value: string) => {
    let replaced = value;
    for (const url of candidates(value, name.trim())) {
      const uri = uris.get(url);
      if (uri) replaced = replaced.split(url).join(uri);
    }
    return `${name}${replaced}"`;
  });

  for (const [href, { css, file }] of sheets) {
    // url()s in a stylesheet are relative to it: collect them first, then inline (the callback is synchronous).
    const folder = posix.dirname(file);
    const uris = new Map<string, string | null>();
    for (const [, , url] of css.matchAll(/url\(\s*(["']?)([^"')]+)\1\s*\)/g)) {
      if (url!.startsWith('data:') || uris.has(url!)) continue;
      const target = /^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(url!) ? null : posix.join(url!.startsWith('/') ? site : folder, decodeURIComponent(url!.split(/[?#]/)[0]!));
      uris.set(url!, target !== null && isInside(site, target) ? await dataUri(target) : null);
    }
    const inlined = inlineStylesheet(css, { characters, families, used: usedKeys, dataUri: (url) => uris.get(url) ?? null });
    result = result.replace(`<link rel="stylesheet" href="${href}">`, () => `<style>\n${inlined.replace(/<\/style/gi, '<\\/style')}\n</style>`);
  }

  // Scripts: inline, at the same place. The runtime was deferred; at the end of the body it runs after
  // everything before it has been parsed, as before.
  for (const match of [...result.matchAll(/<script(?: defer)? src="([^"]+)"><\/script>/g)]) {
    const file = fileOf(decodeHTML(match[1]!));
    const content = file === null ? null : await load(file);
    if (content === null) continue;
    const code = content.toString('utf8').replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
    result = result.replace(match[0], () => `<script>\n${code}\n</script>`);
  }

  return result;
}
