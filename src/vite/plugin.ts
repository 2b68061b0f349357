import { readFile, stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { diffDecks } from '../deck/diff.ts';
import { renderDeckPage, renderIndexPage, type IndexEntry } from '../deck/page.ts';
import { formatError } from '../errors.ts';
import { compileDeckFile } from '../node/compile.ts';
import { findDecks } from '../node/files.ts';
import type { Deck, DeckWarning, HotEvents } from '../types.ts';
import { clientDeckOf, deckStyles, entryModule, LECTERN_ROOT, titleOf } from './entry.ts';

export interface LecternPluginOptions {
  /** A deck file, or a folder whose decks are listed on an index page. */
  target: string;
  /** Reports warnings and errors (the terminal, in `lectern dev`). */
  log?: (level: 'warn' | 'error' | 'info', message: string) => void;
}

const ENTRY_PREFIX = '/@lectern/entry/';
const ENTRY_ID = '\0lectern-entry:';
const DATA_ID = '\0lectern-deck:';

/**
 * Serves decks from Markdown: a page per deck with pre-rendered slides, a data module for the runtime,
 * and hot updates as `lectern:update` / `lectern:error` events. Keeps the last deck that compiled.
 */
export function lectern(options: LecternPluginOptions): Plugin {
  const target = resolve(options.target);
  const lastGood = new Map<string, Deck>();
  const lastError = new Map<string, string>();
  const queues = new Map<string, Promise<void>>();
  let root = process.cwd();
  let single = target.endsWith('.md');
  let server: ViteDevServer | undefined;
  const log = options.log ?? ((level, message) => console[level](message));

  const idOf = (file: string) => relative(root, file).split(sep).join('/');
  const fileOf = (id: string) => resolve(root, id);
  const isDeck = (file: string) =>
    file.endsWith('.md') && (single ? file === target : file.startsWith(target + sep) && !/[/\\]readme\.md$/i.test(file));

  function report(warnings: DeckWarning[]): void {
    for (const warning of warnings) {
      log('warn', `${relative(process.cwd(), warning.location.file) || warning.location.file}:${warning.location.line}: warning: ${warning.message}`);
    }
  }

  /** Compiles a deck, remembering it when it compiles and the error when it does not. */
  async function compile(file: string): Promise<Deck | null> {
    try {
      const { deck, warnings } = await compileDeckFile(file, root);
      const styles = deckStyles(deck);
      report([...warnings, ...styles.warnings]);
      lastGood.set(file, deck);
      lastError.delete(file);
      return deck;
    } catch (error) {
      const message = formatError(error).replace(file, relative(process.cwd(), file));
      lastError.set(file, message);
      log('error', message);
      return null;
    }
  }

  function send<E extends keyof HotEvents>(event: E, data: HotEvents[E]): void {
    server?.ws.send({ type: 'custom', event, data });
  }

  async function onDeckSaved(file: string): Promise<void> {
    // Editors truncate before writing: an empty file is a save in progress, not a deck.
    const size = await stat(file).then((s) => s.size, () => -1);
    if (size <= 0) return;
    const previous = lastGood.get(file);
    const deck = await compile(file);
    const id = idOf(file);
    invalidateData(id);
    if (deck === null) {
      send('lectern:error', { id, message: lastError.get(file)! });
      return;
    }
    send('lectern:update', {
      id,
      update: previous ? diffDecks(previous, deck) : { kind: 'reload', reason: 'the deck compiles again' },
    });
  }

  function invalidateData(id: string): void {
    const graph = server?.environments.client.moduleGraph;
    const module = graph?.getModuleById(DATA_ID + id);
    if (module && graph) graph.invalidateModule(module);
  }

  function queue(file: string, work: () => Promise<void>): void {
    const next = (queues.get(file) ?? Promise.resolve()).then(work, work);
    queues.set(file, next);
  }

  async function deckPage(file: string): Promise<string> {
    const deck = (await compile(file)) ?? lastGood.get(file) ?? null;
    const id = idOf(file);
    return renderDeckPage({
      deck,
      title: deck ? titleOf(deck) : id,
      entry: `${ENTRY_PREFIX}${id}.js`,
      scripts: deck?.options.scripts ?? [],
    });
  }

  async function indexPage(): Promise<string> {
    const files = await findDecks(target);
    const entries: IndexEntry[] = [];
    for (const file of files) {
      const deck = lastGood.get(file) ?? (await compile(file));
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

  /** The deck file a page URL names, if any. */
  function deckForUrl(pathname: string): string | 'index' | null {
    if (pathname === '/' || pathname === '/index.html') return single ? target : 'index';
    if (!pathname.endsWith('.html')) return null;
    const file = fileOf(decodeURIComponent(pathname.slice(1)).replace(/\.html$/, '.md'));
    return isDeck(file) ? file : null;
  }

  return {
    name: 'lectern',
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
      if (id.startsWith(ENTRY_PREFIX)) return ENTRY_ID + id.slice(ENTRY_PREFIX.length).replace(/\.js$/, '');
      if (id.startsWith(DATA_ID) || id.startsWith(ENTRY_ID)) return id;
      return null;
    },
    async load(id) {
      if (id.startsWith(ENTRY_ID)) {
        const deckId = id.slice(ENTRY_ID.length);
        const deck = lastGood.get(fileOf(deckId)) ?? (await compile(fileOf(deckId)));
        return entryModule(deck ? deckStyles(deck).files : [], DATA_ID + deckId);
      }
      if (id.startsWith(DATA_ID)) {
        const deckId = id.slice(DATA_ID.length);
        const file = fileOf(deckId);
        const deck = lastGood.get(file) ?? (await compile(file));
        const data = clientDeckOf(deckId, deck, deck ? null : (lastError.get(file) ?? null));
        return `export default ${JSON.stringify(data)};`;
      }
      return null;
    },
    configureServer(devServer) {
      server = devServer;
      devServer.watcher.add(target);
      devServer.watcher.on('all', (event, path) => {
        const file = resolve(path);
        if (!isDeck(file)) return;
        if (event === 'change' || event === 'add') queue(file, () => onDeckSaved(file));
        if (event === 'unlink' && lastGood.has(file)) {
          send('lectern:error', { id: idOf(file), message: `${relative(process.cwd(), file)}: the deck file was deleted; showing its last version` });
        }
      });
      devServer.middlewares.use(async (request, response, next) => {
        if (request.method !== 'GET' && request.method !== 'HEAD') return next();
        const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
        const page = deckForUrl(pathname);
        if (page === null) return next();
        try {
          const html = page === 'index' ? await indexPage() : await deckPage(page);
          const transformed = await devServer.transformIndexHtml(request.url ?? '/', html, request.originalUrl);
          response.setHeader('Content-Type', 'text/html; charset=utf-8');
          response.setHeader('Cache-Control', 'no-store');
          response.end(transformed);
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
