import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import { renderDeckPage } from '../deck/page.ts';
import { renderSlides } from '../deck/render.ts';
import { titleOf } from '../deck/title.ts';
import { RUNTIME } from '../node/package-files.ts';
import { fontPackageFolders, isBuiltInTheme, localizeThemeFonts } from '../node/theme-fonts.ts';
import { dataModuleUrl, entryFiles, entryModule, type ServedDeck } from './virtual-modules.ts';

const require = createRequire(import.meta.url);

/**
 * Installed stylesheets (reveal.js and its themes, highlight.js themes, KaTeX's with its fonts, the
 * runtime's) are sent as they are: Vite's CSS pipeline would load PostCSS and run it over them on every
 * cold start for no change.
 */
const STYLE_FOLDERS: Record<string, string> = {
  reveal: dirname(require.resolve('reveal.js/reveal.css')),
  highlight: dirname(require.resolve('highlight.js/styles/github.css')),
  katex: dirname(require.resolve('katex/dist/katex.min.css')),
  // The prebuilt runtime's stylesheet; run from sources, the runtime imports its own through Vite.
  ...(RUNTIME.styles.length > 0 ? { lectern: dirname(RUNTIME.module) } : {}),
  // The built-in themes' fonts, served from their @fontsource packages: nothing is fetched from the web.
  ...Object.fromEntries(Object.entries(fontPackageFolders()).map(([name, folder]) => [name.replace('@fontsource/', 'font-'), folder])),
};
const STYLE_FILES = /\.(css|woff2?|ttf)$/;
const STYLES_PREFIX = '/@lectern/styles/';

function packageStyleUrl(file: string): string | null {
  if (!STYLE_FILES.test(file)) return null;
  for (const [name, folder] of Object.entries(STYLE_FOLDERS)) {
    if (file.startsWith(folder + sep)) return `${STYLES_PREFIX}${name}/${relative(folder, file).split(sep).join('/')}`;
  }
  return null;
}

/** The installed stylesheet (or font) a decoded URL path names, or null (not ours, or outside its folder). */
export function packageStyleFile(pathname: string): string | null {
  if (!pathname.startsWith(STYLES_PREFIX)) return null;
  const [name = '', ...path] = pathname.slice(STYLES_PREFIX.length).split('/');
  const folder = STYLE_FOLDERS[name];
  if (folder === undefined || !STYLE_FILES.test(pathname)) return null;
  const file = resolve(folder, ...path);
  return file.startsWith(folder + sep) ? file : null;
}

const themes = new Map<string, string>();

/**
 * What the dev server sends for an installed stylesheet or font: the file as it is, except reveal.js's
 * built-in themes, whose web fonts are made local (see localizeThemeFonts). Null: send the file.
 */
export function packageStyleBody(file: string): string | null {
  if (!isBuiltInTheme(file)) return null;
  let css = themes.get(file);
  if (css === undefined) {
    css = localizeThemeFonts(readFileSync(file, 'utf8'), (font) => packageStyleUrl(font) ?? font);
    themes.set(file, css);
  }
  return css;
}

/** The URL the Vite dev server serves a file at. */
export function viteUrl(root: string, file: string): string {
  const path = relative(root, file);
  const inside = !path.startsWith('..') && !path.startsWith(sep) && !/^[a-z]:/i.test(path);
  return inside ? `/${path.split(sep).join('/')}` : `/@fs${file.split(sep).join('/')}`;
}

/** Where the slides go in a page shell (dev pages given to the project's HTML plugins, built pages). */
export const SLIDES_PLACEHOLDER = '<!--lectern:slides-->';

export interface DevPage {
  /** The page without its slides: the slides go at SLIDES_PLACEHOLDER. */
  shell: string;
  /** The slides, as the contents of `.slides`. */
  slides: string;
  /** Modules the page loads through Vite, to transform before the first visit. */
  modules: string[];
}

/**
 * A deck's page in `lectern dev`: installed stylesheets as links, Vite's client, and the entry inline,
 * so the browser asks for everything it needs (runtime, data module) in one round. The slides come
 * apart from the shell: Vite's HTML transform, when the project's plugins need it, sees the shell only.
 */
export function devDeckPage(id: string, { deck, styles: deckStyles }: Pick<ServedDeck, 'deck' | 'styles'>, root: string): DevPage {
  const files = entryFiles(deckStyles);
  // Installed stylesheets become links; the deck's own go through Vite, for hot updates.
  const links: string[] = [];
  const styles: string[] = [];
  for (const file of files.styles) {
    const url = packageStyleUrl(file);
    if (url === null) styles.push(viteUrl(root, file));
    else links.push(`<link rel="stylesheet" href="${url}">`);
  }
  const runtime = viteUrl(root, files.runtime);
  const data = dataModuleUrl(id);
  const code = entryModule({ styles, runtime, deck: data });
  const shell = renderDeckPage({
    slides: SLIDES_PLACEHOLDER,
    title: deck ? titleOf(deck) : id,
    head: [...links, '<script type="module" src="/@vite/client"></script>'],
    entry: { code },
    scripts: deck?.options.scripts ?? [],
  });
  // Vite's client imports /@vite/env: a second round trip, which must not be a cold transform too.
  return { shell, slides: deck ? renderSlides(deck) : '', modules: ['/@vite/client', '/@vite/env', runtime, data, ...styles] };
}

/** The page with its slides in place. */
export function fillSlides(shell: string, slides: string): string {
  return shell.replace(SLIDES_PLACEHOLDER, () => slides);
}
