/**
 * Stylesheets made self-contained for a one-file page: every url() a data URI, and only the font faces
 * the page can use — a family some rule names, a unicode-range that covers a character of the deck,
 * woff2 only (every browser reveal.js supports reads it; woff and ttf copies would double the bytes).
 */

/** Code points a unicode-range descriptor covers, as [first, last] pairs. */
export function parseUnicodeRange(range: string): [number, number][] {
  return range.split(',').flatMap((part): [number, number][] => {
    const match = /^\s*U\+([0-9a-f?]+)(?:-([0-9a-f]+))?\s*$/i.exec(part);
    if (!match) return [];
    const start = match[1]!;
    if (start.includes('?')) return [[Number.parseInt(start.replace(/\?/g, '0'), 16), Number.parseInt(start.replace(/\?/g, 'f'), 16)]];
    const first = Number.parseInt(start, 16);
    return [[first, match[2] ? Number.parseInt(match[2], 16) : first]];
  });
}

const unquote = (family: string) => family.trim().replace(/^["']|["']$/g, '').toLowerCase();

/** Families named by font-family declarations and reveal.js's font variables, in stylesheets or style attributes. */
export function namedFontFamilies(texts: string[]): Set<string> {
  const families = new Set<string>();
  for (const text of texts.map((css) => css.replace(/@font-face\s*\{[^}]*\}/g, ''))) {
    for (const match of text.matchAll(/(?:font-family|--r-[a-z-]*font)\s*:\s*([^;}]+)/gi)) {
      for (const family of match[1]!.split(',')) families.add(unquote(family));
    }
    // The font shorthand names its families after the size: `font: 700 1em/1.2 "Lato", sans-serif`.
    for (const match of text.matchAll(/(?:^|[;{\s])font\s*:\s*([^;}]+)/gi)) {
      const value = match[1]!;
      const quote = value.search(/["']/);
      const head = quote >= 0 ? value.slice(0, quote) : value.split(',')[0]!;
      const list = value.slice(/^.*\d[\w.%]*(?:\/[\w.%-]+)?\s+/.exec(head)?.[0].length ?? 0);
      for (const family of list.split(',')) families.add(unquote(family));
    }
  }
  return families;
}

export interface InlineContext {
  /** The characters the page shows. */
  characters: Set<number>;
  /** Families some rule names (namedFontFamilies of every stylesheet and the page). */
  families: Set<string>;
  /** A data URI for a url() found in the stylesheet, or null to leave it as it is. */
  dataUri: (url: string) => string | null;
  /** The faces a browser loaded to lay out every slide (faceKey of each): when known, only these stay. */
  used?: Set<string> | null;
}

/** One face as a comparable key: family, weight and style normalized, unicode-range as parsed ranges. */
export function faceKey(family: string, weight: string, style: string, unicodeRange: string | undefined): string {
  const weights: Record<string, string> = { normal: '400', bold: '700' };
  const ranges = parseUnicodeRange(unicodeRange ?? 'U+0-10FFFF').map(([first, last]) => `${first}-${last}`).join(',');
  return [unquote(family), weights[weight.trim()] ?? weight.trim(), style.trim() || 'normal', ranges].join('|');
}

/** The stylesheet with unusable @font-face rules dropped, the others woff2-only, and every local url() inlined. */
export function inlineStylesheet(css: string, { characters, families, dataUri, used }: InlineContext): string {
  const withFonts = css.replace(/@font-face\s*\{([^}]*)\}/g, (rule, body: string) => {
    const family = /font-family\s*:\s*([^;]+)/.exec(body)?.[1];
    if (family === undefined || !families.has(unquote(family))) return '';
    const range = /unicode-range\s*:\s*([^;]+)/.exec(body)?.[1];
    if (used) {
      const weight = /font-weight\s*:\s*([^;]+)/.exec(body)?.[1] ?? '400';
      const style = /font-style\s*:\s*([^;]+)/.exec(body)?.[1] ?? 'normal';
      if (!used.has(faceKey(family, weight, style, range))) return '';
    }
    if (range !== undefined) {
      const ranges = parseUnicodeRange(range);
      if (![...characters].some((code) => ranges.some(([first, last]) => code >= first && code <= last))) return '';
    }
    return rule.replace(/src\s*:\s*([^;]+)/, (src, list: string) => {
      const sources = splitSources(list);
      const woff2 = sources.find((source) => /format\(["']?woff2["']?\)|\.woff2(["')?#]|$)/.test(source));
      return woff2 ? `src:${woff2}` : src;
    });
  });
  return withFonts.replace(/url\(\s*(["']?)([^"')]+)\1\s*\)/g, (whole, _quote, url: string) => {
    if (url.startsWith('data:') || url.startsWith('#')) return whole;
    const inlined = dataUri(url);
    return inlined === null ? whole : `url(${inlined})`;
  });
}

/** A src list split at its top-level commas (a data URI holds commas of its own inside url()). */
function splitSources(list: string): string[] {
  const sources: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of list) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      sources.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim()) sources.push(current.trim());
  return sources;
}
