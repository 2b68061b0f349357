import { readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { packageFile } from './package-files.ts';

/**
 * The web fonts reveal.js 6's built-in themes use, each from its @fontsource package, with the faces
 * the themes ask for (their Google Fonts @import, or the woff files they embed):
 * beige, black(-contrast), white(-contrast): Source Sans Pro 400/600 (beige names it without loading it);
 * league, moon, solarized: Lato, League Gothic; simple: News Cycle, Lato; sky: Quicksand, Open Sans;
 * night: Montserrat 700, Open Sans; blood: Ubuntu 300/700. dracula and serif name system fonts only.
 */
export const THEME_FONTS: Record<string, { package: string; faces: string[] }> = {
  Lato: { package: '@fontsource/lato', faces: ['400', '400-italic', '700', '700-italic'] },
  'League Gothic': { package: '@fontsource/league-gothic', faces: ['400'] },
  'Source Sans Pro': { package: '@fontsource/source-sans-pro', faces: ['400', '400-italic', '600', '600-italic'] },
  'News Cycle': { package: '@fontsource/news-cycle', faces: ['400', '700'] },
  'Open Sans': { package: '@fontsource/open-sans', faces: ['400', '400-italic', '700', '700-italic'] },
  Quicksand: { package: '@fontsource/quicksand', faces: ['400', '700'] },
  Ubuntu: { package: '@fontsource/ubuntu', faces: ['300', '300-italic', '700', '700-italic'] },
  Montserrat: { package: '@fontsource/montserrat', faces: ['700'] },
};

const THEME_FOLDER = dirname(packageFile('reveal.js/theme/black.css')!);

/** True for one of reveal.js's own theme stylesheets (the only ones Lectern rewrites). */
export function isBuiltInTheme(file: string): boolean {
  return file.startsWith(THEME_FOLDER + sep) && file.endsWith('.css');
}

/** The folders fonts are served from: each package's folder, by package name. */
export function fontPackageFolders(): Record<string, string> {
  return Object.fromEntries(Object.values(THEME_FONTS).map(({ package: name }) => [name, dirname(packageFile(`${name}/package.json`)!)]));
}

const unquote = (family: string) => family.trim().replace(/^["']|["']$/g, '');

/** Families a stylesheet names in font-family declarations and reveal.js's font variables. */
function namedFamilies(css: string): { all: Set<string>; first: Set<string> } {
  const all = new Set<string>();
  const first = new Set<string>();
  for (const match of css.replace(/@font-face\s*\{[^}]*\}/g, '').matchAll(/(?:font-family|--r-(?:main|heading|code)-font)\s*:\s*([^;}]+)/g)) {
    const families = match[1]!.split(',').map(unquote);
    families.forEach((family) => all.add(family));
    first.add(families[0]!);
  }
  return { all, first };
}

/** The families a theme loads itself: from Google Fonts, or embedded as @font-face. */
function loadedFamilies(css: string): Set<string> {
  const loaded = new Set<string>();
  for (const match of css.matchAll(/@import\s+(?:url\()?["']?https?:\/\/fonts\.googleapis\.com\/css2?\?family=([^"')]+)/g)) {
    for (const family of match[1]!.split('|')) loaded.add(decodeURIComponent(family.split(':')[0]!.replace(/\+/g, ' ')));
  }
  for (const match of css.matchAll(/@font-face\s*\{[^}]*?font-family\s*:\s*([^;}]+)/g)) loaded.add(unquote(match[1]!));
  return loaded;
}

/**
 * A built-in theme that loads nothing from the network: its Google Fonts @imports are dropped, the woff
 * files it embeds are replaced by the @fontsource package's woff2 files (a tenth of the bytes, split by
 * script so a browser fetches only the scripts on screen), and every face is named by `fontUrl`.
 * A family is provided when the theme loads it and names it, or names it first in a font stack (beige);
 * a family only listed as a system fallback (dracula's Ubuntu) is left to the system, as before.
 */
export function localizeThemeFonts(css: string, fontUrl: (file: string) => string): string {
  const loaded = loadedFamilies(css);
  const { all, first } = namedFamilies(css);
  const provided = Object.keys(THEME_FONTS).filter((family) => (loaded.has(family) && all.has(family)) || first.has(family));
  const stripped = css
    .replace(/@import\s+(?:url\()?["']?https?:\/\/fonts\.googleapis\.com\/[^;]*;/g, '')
    .replace(/@font-face\s*\{[^}]*\}/g, (rule) => {
      const family = /font-family\s*:\s*([^;}]+)/.exec(rule)?.[1];
      return family !== undefined && unquote(family) in THEME_FONTS ? '' : rule;
    });
  const faces = provided.flatMap((family) => {
    const { package: name, faces: wanted } = THEME_FONTS[family]!;
    return wanted.map((face) => packageFaces(name, face, fontUrl));
  });
  return `${faces.join('\n')}\n${stripped}`;
}

/** One face of a @fontsource package (every script subset), woff2 only, with its files named by `fontUrl`. */
function packageFaces(name: string, face: string, fontUrl: (file: string) => string): string {
  const cssFile = packageFile(`${name}/${face}.css`);
  if (cssFile === null) throw new Error(`${name} has no face ${face}`);
  const folder = dirname(cssFile);
  return readFileSync(cssFile, 'utf8')
    .replace(/\/\*[^*]*\*\//g, '')
    .replace(/src:\s*url\(([^)]+\.woff2)\)\s*format\(['"]woff2['"]\)[^;]*;/g, (_rule, url: string) => `src: url(${fontUrl(join(folder, url))}) format('woff2');`)
    .trim();
}
