import type { Plugin } from 'vite';
import { renderDeckPage } from '../deck/page.ts';
import { titleOf } from '../deck/title.ts';
import type { Deck } from '../types.ts';
import { SLIDES_PLACEHOLDER } from './dev-page.ts';
import { ENTRY_PREFIX, loadLecternModule, resolveLecternId } from './virtual-modules.ts';

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

/**
 * Gives Vite one HTML page per deck, whose only module is the deck's entry: Vite bundles and hashes
 * the runtime and the stylesheets; the slides are placed afterwards, so Vite never rewrites them.
 */
export function lecternBuild(pages: BuildPage[]): Plugin {
  const byHtml = new Map(pages.map((page) => [page.html, page]));
  const byId = new Map(pages.map((page) => [page.id, page]));
  return {
    name: 'lectern-build',
    enforce: 'pre',
    resolveId(id) {
      if (byHtml.has(id)) return id;
      return resolveLecternId(id);
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
      return loadLecternModule(id, async (deckId) => {
        const page = byId.get(deckId);
        return page ? { deck: page.deck, styles: page.styles, error: null } : null;
      });
    },
  };
}
