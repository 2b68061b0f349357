import { readFile } from 'node:fs/promises';
import { dirname, relative, sep } from 'node:path';
import type { Plugin } from 'vite';
import { renderDeckPage } from '../deck/page.ts';
import { titleOf } from '../deck/title.ts';
import { isBuiltInTheme, localizeThemeFonts } from '../node/theme-fonts.ts';
import type { Deck } from '../types.ts';
import { SLIDES_PLACEHOLDER } from './dev-page.ts';
import { classicRuntimeModule, ENTRY_PREFIX, entryFiles } from './virtual-modules.ts';

/** Marks where `lectern build` puts the classic scripts once Vite has bundled the page (the slides go at SLIDES_PLACEHOLDER). */
export const SCRIPTS_PLACEHOLDER = '<!--lectern:scripts-->';

export interface BuildPage {
  /** Absolute path of the page Vite emits (under the build root); it need not exist on disk. */
  html: string;
  /** The deck id the entry module names (path relative to the build root). */
  id: string;
  deck: Deck;
  /** The deck's checked stylesheets. */
  styles: string[];
}

const STYLES_ID = '\0lectern-styles:';

/**
 * Gives Vite one HTML page per deck, whose only module imports the deck's stylesheets: Vite bundles and
 * hashes them with the files they name (fonts, images). The slides and scripts are placed afterwards,
 * so Vite never rewrites them; the JavaScript is one classic script built by `lecternRuntimeBuild`.
 */
export function lecternBuild(pages: BuildPage[]): Plugin {
  const byHtml = new Map(pages.map((page) => [page.html, page]));
  const byId = new Map(pages.map((page) => [page.id, page]));
  return {
    name: 'lectern-build',
    enforce: 'pre',
    resolveId(id) {
      if (byHtml.has(id)) return id;
      if (id.startsWith(ENTRY_PREFIX)) return STYLES_ID + id.slice(ENTRY_PREFIX.length).replace(/\.js$/, '');
      return null;
    },
    load(id) {
      const page = byHtml.get(id);
      if (page) {
        return renderDeckPage({
          slides: SLIDES_PLACEHOLDER,
          title: titleOf(page.deck),
          entry: { src: `${ENTRY_PREFIX}${page.id}.js` },
          scripts: [],
        }).replace('</body>', `${SCRIPTS_PLACEHOLDER}\n</body>`);
      }
      if (id.startsWith(STYLES_ID)) {
        const styles = byId.get(id.slice(STYLES_ID.length));
        if (!styles) return null;
        return entryFiles(styles.styles).styles.map((file) => `import ${JSON.stringify(file)};`).join('\n');
      }
      return null;
    },
  };
}

/** The built-in themes with their fonts from @fontsource packages instead of Google Fonts (build and dev alike). */
export function lecternThemeFonts(): Plugin {
  return {
    name: 'lectern-theme-fonts',
    enforce: 'pre',
    async load(id) {
      const file = id.split('?')[0]!;
      if (!isBuiltInTheme(file)) return null;
      // Relative to the theme: Vite resolves the URL, copies the font and hashes its name.
      return localizeThemeFonts(await readFile(file, 'utf8'), (font) => relative(dirname(file), font).split(sep).join('/'));
    },
  };
}

export const RUNTIME_INPUT = '\0lectern-classic-runtime';

/**
 * The browser runtime as one classic script (an IIFE): it runs from file:// where Chromium refuses module
 * scripts, and it mounts the deck whose data the page carries (see classicRuntimeModule).
 */
export function lecternRuntimeBuild(): Plugin {
  return {
    name: 'lectern-runtime-build',
    enforce: 'pre',
    resolveId: (id) => (id === RUNTIME_INPUT ? id : null),
    load: (id) => (id === RUNTIME_INPUT ? classicRuntimeModule() : null),
  };
}
