import { readFile, stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { renderIndexPage, type IndexEntry } from '../deck/page.ts';
import { findDecks } from '../node/files.ts';
import { sendFile } from '../node/send-file.ts';
import type { HotEvents } from '../types.ts';
import { createSaveHandler } from './deck-saves.ts';
import { createDeckStore, type Log } from './deck-store.ts';
import { devDeckPage, packageStyleFile, type DevPage } from './dev-page.ts';
import { dataModuleId, LECTERN_ROOT, loadLecternModule, resolveLecternId, titleOf } from './entry.ts';

export interface LecternPluginOptions {
  /** A deck file, or a folder whose decks are listed on an index page. */
  target: string;
  /** Reports warnings and errors (the terminal, in `lectern dev`). */
  log?: Log;
}

const WARM_UP_DECKS = 5;

/**
 * Serves decks from Markdown: a page per deck with pre-rendered slides, a data module for the runtime,
 * and hot updates as `lectern:update` / `lectern:error` events. Keeps the last deck that compiled.
 */
export interface LecternPlugin extends Plugin {
  api: {
    /** Settles once the file watcher has scanned the decks, so no save made after it is missed. */
    watching: () => Promise<void>;
    /** Settles once the decks' pages and modules are compiled and transformed, ready for a first visit. */
    warm: () => Promise<void>;
  };
}

export function lectern(options: LecternPluginOptions): LecternPlugin {
  const target = resolve(options.target);
  let root = process.cwd();
  let single = target.endsWith('.md');
  let server: ViteDevServer | undefined;
  let markWatching = () => {};
  const watching = new Promise<void>((resolve) => (markWatching = resolve));
  let markWarm = () => {};
  const warm = new Promise<void>((resolve) => (markWarm = resolve));
  const log = options.log ?? ((level, message) => console[level](message));
  const store = createDeckStore(() => root, log);

  const idOf = (file: string) => relative(root, file).split(sep).join('/');
  const fileOf = (id: string) => resolve(root, id);
  const isDeck = (file: string) =>
    file.endsWith('.md') && (single ? file === target : file.startsWith(target + sep) && !/[/\\]readme\.md$/i.test(file));

  function send<E extends keyof HotEvents>(event: E, data: HotEvents[E]): void {
    server?.ws.send({ type: 'custom', event, data });
  }

  /** A reload after a save must get the deck as it is now, not the data module Vite has cached. */
  function invalidateData(id: string): void {
    const graph = server?.environments.client.moduleGraph;
    const module = graph?.getModuleById(dataModuleId(id));
    if (module && graph) graph.invalidateModule(module);
  }

  const saves = createSaveHandler({ store, idOf, send, invalidate: invalidateData });

  async function deckPage(file: string): Promise<DevPage> {
    const deck = (await store.compile(file)) ?? store.lastGood(file) ?? null;
    return devDeckPage(idOf(file), deck, root);
  }

  async function indexPage(): Promise<string> {
    const files = await findDecks(target);
    const entries: IndexEntry[] = [];
    for (const file of files) {
      const deck = store.lastGood(file) ?? (await store.compile(file));
      const id = idOf(file);
      entries.push({
        title: deck ? titleOf(deck) : `${id} (does not compile)`,
        href: `/${id.replace(/\.md$/, '.html')}`,
        path: relative(process.cwd(), file),
        slides: deck ? deck.stacks.flat().length : 0,
      });
    }
    const template = await readFile(resolve(root, 'index.html'), 'utf8').catch(() => null);
    return renderIndexPage(entries, template);
  }

  async function warmUp(devServer: ViteDevServer): Promise<void> {
    const files = single ? [target] : (await findDecks(target).catch(() => [])).slice(0, WARM_UP_DECKS);
    await Promise.all(
      files.map(async (file) => {
        const { modules } = await deckPage(file);
        await Promise.all(modules.map((url) => devServer.warmupRequest(url)));
      }),
    ).catch(() => {});
  }

  /** The deck file a page URL (decoded) names, if any. */
  function deckForUrl(pathname: string): string | 'index' | null {
    if (pathname === '/' || pathname === '/index.html') return single ? target : 'index';
    if (!pathname.endsWith('.html')) return null;
    const file = fileOf(pathname.slice(1).replace(/\.html$/, '.md'));
    return isDeck(file) ? file : null;
  }

  return {
    name: 'lectern',
    api: { watching: () => watching, warm: () => warm },
    async config(config) {
      single = (await stat(target).catch(() => null))?.isFile() ?? target.endsWith('.md');
      root = resolve(config.root ?? process.cwd());
      return {
        server: { fs: { allow: [root, LECTERN_ROOT, target] } },
        // reveal.js ships one ES module per entry: serving it as is avoids a pre-bundling reload.
        optimizeDeps: { noDiscovery: true, include: [] },
        appType: 'mpa',
      };
    },
    resolveId(id) {
      return resolveLecternId(id);
    },
    load(id) {
      return loadLecternModule(id, async (deckId) => {
        const file = fileOf(deckId);
        const deck = store.lastGood(file) ?? (await store.compile(file));
        return { deck, error: store.lastError(file) ?? null };
      });
    },
    transform(code, id) {
      // Installed modules (the runtime bundle, Vite's client) come without source maps; Vite would build
      // a stand-in map of each on every request (~70 ms for the runtime's 250 kB, while the page waits).
      if (/[/\\]node_modules[/\\][^?]*\.m?js(\?|$)/.test(id)) return { code, map: { mappings: '' } };
      return undefined;
    },
    configureServer(devServer) {
      server = devServer;
      devServer.watcher.once('ready', markWatching);
      // Compile and transform ahead of the first visit, so the first page load is not a cold one.
      devServer.httpServer?.once('listening', () => void warmUp(devServer).finally(markWarm));
      devServer.watcher.add(target);
      devServer.watcher.on('all', (event, path) => {
        const file = resolve(path);
        if (!isDeck(file)) return;
        if (event === 'change' || event === 'add') saves.changed(file);
        if (event === 'unlink') saves.deleted(file);
      });
      devServer.middlewares.use(async (request, response, next) => {
        if (request.method !== 'GET' && request.method !== 'HEAD') return next();
        let pathname: string;
        try {
          pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
        } catch {
          // A malformed URL names no file; Vite's own HTML middleware would throw on it and take the server down.
          response.statusCode = 400;
          response.end('malformed URL');
          return;
        }
        const style = packageStyleFile(pathname);
        if (style !== null) {
          if (!(await sendFile(response, style, { 'Cache-Control': 'no-cache' }))) next();
          return;
        }
        const page = deckForUrl(pathname);
        if (page === null) return next();
        try {
          const html =
            page === 'index'
              ? await devServer.transformIndexHtml(request.url ?? '/', await indexPage(), request.originalUrl)
              : (await deckPage(page)).html;
          response.setHeader('Content-Type', 'text/html; charset=utf-8');
          response.setHeader('Cache-Control', 'no-store');
          response.end(html);
        } catch (error) {
          next(error);
        }
      });
    },
    handleHotUpdate({ file }) {
      // Deck files are ours: the events above patch the page, Vite must not reload it.
      if (isDeck(resolve(file))) return [];
      return undefined;
    },
  };
}
