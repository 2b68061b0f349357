import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import type { Plugin, ResolvedConfig, ViteDevServer } from 'vite';
import type { DeckDefaults } from '../deck/options.ts';
import { renderIndexPage, type IndexEntry } from '../deck/page.ts';
import { titleOf } from '../deck/title.ts';
import { formatError, formatWarning } from '../errors.ts';
import { assetPath, isLocalUrl } from '../node/compile.ts';
import { findDecks } from '../node/files.ts';
import { readIndexTemplate } from '../node/index-template.ts';
import { LECTERN_ROOT, RUNTIME } from '../node/package-files.ts';
import { createMermaidRenderer } from '../node/mermaid.ts';
import { isInside, showPath } from '../node/paths.ts';
import { registerPreview } from '../node/preview-registry.ts';
import { readProjectDefaults } from '../node/project-config.ts';
import type { RenderChecker } from '../node/render-check.ts';
import type { HotEvents, HotRequests } from '../types.ts';
import { createSaveHandler } from './deck-saves.ts';
import { createLintScheduler } from './deck-lint.ts';
import { createDeckStore, type DevReport } from './deck-store.ts';
import { devDeckPage, fillSlides } from './dev-page.ts';
import { devMiddleware } from './dev-routes.ts';
import { previewExportMiddleware } from './preview-export.ts';
import { dataModuleId, loadLecternModule, resolveLecternId } from './virtual-modules.ts';

export interface LecternOptions {
  /** A deck file, or a folder whose decks are listed on an index page; relative to Vite's root (default: the root). */
  decks?: string;
  /**
   * Options for every deck, which front matter overrides. Between the two come `reveal-md.json` and
   * `reveal.json` beside the decks, as reveal-md reads them.
   */
  defaults?: DeckDefaults;
  /** Where warnings and errors go (default: Vite's logger). */
  report?: DevReport;
  /**
   * Checks of the rendered slides (overflow, characters no font has, accessibility) in a background
   * Chromium, after each save and for each deck a page shows: on unless false.
   */
  lint?: boolean | LintOptions;
}

export interface LintOptions {
  /** Quiet time after a save before the check starts (default 500 ms). */
  delayMs?: number;
  /** Bounds loading the page and each slide's images and fonts (default 10 s). */
  timeoutMs?: number;
  /** Chromium to use (else $LECTERN_CHROMIUM, a Playwright browser, the system's). */
  browser?: string;
}

/** Settles once the file watcher has scanned the decks / the decks are compiled and warm for a first visit. */
export interface LecternPluginApi {
  watching: () => Promise<void>;
  warm: () => Promise<void>;
  options: LecternOptions;
}

export interface LecternPlugin extends Plugin {
  api: LecternPluginApi;
}

const WARM_UP_DECKS = 5;
const LINT_DELAY_MS = 500;
const LINT_TIMEOUT_MS = 10_000;

/**
 * Lectern as a Vite plugin: a page per deck with pre-rendered slides, a data module for the runtime,
 * and hot updates as `lectern:update` / `lectern:error` events. Keeps the last deck that compiled.
 */
export function lectern(options: LecternOptions = {}): LecternPlugin {
  let root = process.cwd();
  let target = root;
  let single = false;
  let defaults: DeckDefaults = options.defaults ?? {};
  let server: ViteDevServer | undefined;
  let config: ResolvedConfig | undefined;
  let markWatching = () => {};
  const watching = new Promise<void>((resolve) => (markWatching = resolve));
  let markWarm = () => {};
  const warm = new Promise<void>((resolve) => (markWarm = resolve));
  const report: DevReport = options.report ?? {
    warnings: (_file, warnings) => warnings.forEach((warning) => config?.logger.warn(formatWarning(warning, showPath))),
    error: (_file, error) => config?.logger.error(formatError(error, showPath)),
  };
  // Chromium starts on the first diagram, and stays for the next saves.
  const diagrams = createMermaidRenderer();
  const lintOptions: LintOptions | null = options.lint === false ? null : options.lint === true || options.lint === undefined ? {} : options.lint;
  const store = createDeckStore({ root: () => root, defaults: () => defaults, report, showPath, diagrams });

  const idOf = (file: string) => relative(root, file).split(sep).join('/');
  /** Only decks being served are compiled: any other path a request names is refused. */
  const isDeck = (file: string) =>
    file.endsWith('.md') &&
    isInside(root, file) &&
    (single ? file === target : isInside(target, file) && file !== target && !/[/\\]readme\.md$/i.test(file) && !/[/\\](node_modules|\.[^/\\]+)[/\\]/.test(relative(target, file)));
  const deckOfId = (id: string) => {
    const file = resolve(root, id);
    return isDeck(file) ? file : null;
  };

  function send<E extends keyof HotEvents>(event: E, data: HotEvents[E]): void {
    server?.ws.send({ type: 'custom', event, data });
  }

  /** A reload after a save must get the deck as it is now, not the data module Vite has cached. */
  function invalidateData(id: string): void {
    const graph = server?.environments.client.moduleGraph;
    const module = graph?.getModuleById(dataModuleId(id));
    if (module && graph) graph.invalidateModule(module);
  }

  /** The URL of a deck's page on this server; null while it does not listen. */
  const pageUrl = (file: string) => {
    const base = server?.resolvedUrls?.local[0] ?? server?.resolvedUrls?.network[0];
    return base ? new URL(single ? '' : idOf(file).replace(/\.md$/, '.html'), base).href : null;
  };
  // One background Chromium, made when first needed (dev starts without loading Playwright): render checks and PDF exports share it.
  let checker: Promise<RenderChecker> | null = null;
  const renderChecker = () => (checker ??= import('../node/render-check.ts').then((module) => module.createRenderChecker(lintOptions?.browser)));
  /** This server in the registry `lectern pdf` reads: its exports go through here. */
  let registered: { token: string; unregister: () => Promise<void> } | null = null;

  const lint = lintOptions && createLintScheduler({
    store,
    idOf,
    pageUrl,
    send: (data) => send('lectern:lint', data),
    report: {
      lint: report.lint ?? report.warnings,
      notice: report.notice ?? ((message) => config?.logger.warn(message)),
    },
    settings: { delayMs: lintOptions.delayMs ?? LINT_DELAY_MS, timeoutMs: lintOptions.timeoutMs ?? LINT_TIMEOUT_MS },
    // Loaded on the first check: `lectern dev` starts without Playwright.
    createChecker: renderChecker,
  });

  const saves = createSaveHandler({ store, idOf, send, invalidate: invalidateData, showPath, updated: (file) => lint?.saved(file) });

  async function servedDeck(file: string) {
    const stored = (await store.compile(file)) ?? store.lastGood(file);
    return { deck: stored?.deck ?? null, styles: stored?.styles ?? [], error: store.lastError(file) ?? null };
  }

  /** The project's own plugins that change HTML pages (Vite's own are left out: the page needs none of them). */
  let projectHtmlHooks = false;

  async function deckPage(file: string) {
    const page = devDeckPage(idOf(file), await servedDeck(file), root);
    const shell = projectHtmlHooks && server ? await server.transformIndexHtml(`/${idOf(file).replace(/\.md$/, '.html')}`, page.shell) : page.shell;
    return { ...page, html: fillSlides(shell, page.slides) };
  }

  async function indexPage(url: string): Promise<string> {
    const entries: IndexEntry[] = [];
    for (const file of await findDecks(target)) {
      const deck = (store.lastGood(file) ?? (await store.compile(file)))?.deck;
      const id = idOf(file);
      entries.push({
        title: deck ? titleOf(deck) : `${id} (does not compile)`,
        href: `/${id.replace(/\.md$/, '.html')}`,
        path: showPath(file),
        slides: deck ? deck.stacks.flat().length : 0,
      });
    }
    const html = renderIndexPage(entries, await readIndexTemplate(root));
    return server ? server.transformIndexHtml(url, html) : html;
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

  /** Tells `lectern pdf` (through the registry) where this server listens, on the loopback address. */
  async function register(devServer: ViteDevServer): Promise<void> {
    const address = devServer.httpServer?.address();
    if (!address || typeof address === 'string') return;
    const host = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(address.address) || address.address.startsWith('127.') ? '127.0.0.1' : address.address.includes(':') ? `[${address.address}]` : address.address;
    const entry = await registerPreview(root, `http://${host}:${address.port}`).catch(() => null);
    // Closed meanwhile: take the entry back at once.
    if (entry && !server?.httpServer?.listening) await entry.unregister();
    else registered = entry;
  }

  /** The deck file a page URL (decoded) names, if any. */
  function pageFor(pathname: string): string | 'index' | null {
    if (pathname === '/' || pathname === '/index.html') return single ? target : 'index';
    if (!pathname.endsWith('.html')) return null;
    return deckOfId(pathname.slice(1).replace(/\.html$/, '.md'));
  }

  const resourcesReported = new Set<string>();
  /** A resource the browser could not load, reported once per slide and URL with the slide's line. */
  function reportResource({ id, kind, url, key }: HotEvents['lectern:resource-failed']): void {
    const file = typeof id === 'string' ? deckOfId(id) : null;
    const deck = file === null ? undefined : store.lastGood(file)?.deck;
    if (file === null || !deck || typeof url !== 'string') return;
    // A local file that is missing was reported when the deck compiled, with its line.
    if (kind === 'image' && isLocalUrl(url) && !existsSync(assetPath(file, url, root))) return;
    const slides = deck.stacks.flat();
    const index = slides.findIndex((slide) => slide.key === key);
    const seen = `${file}\n${key}\n${url}`;
    if (resourcesReported.has(seen)) return;
    resourcesReported.add(seen);
    const where = index >= 0 ? `slide ${index + 1}` : 'deck';
    report.warnings(file, [{ code: 'resource-failed', file, line: slides[index]?.line ?? 1, message: `${where}: ${url.slice(0, 200)} could not be loaded` }]);
  }

  return {
    name: 'lectern',
    api: { watching: () => watching, warm: () => warm, options },
    async config(userConfig) {
      root = resolve(userConfig.root ?? process.cwd());
      target = resolve(root, options.decks ?? '.');
      single = (await stat(target).catch(() => null))?.isFile() ?? target.endsWith('.md');
      const project = await readProjectDefaults(single ? resolve(target, '..') : target);
      defaults = mergeDefaults(project, options.defaults ?? {});
      return {
        server: { fs: { allow: [root, LECTERN_ROOT] } },
        // reveal.js ships one ES module per entry: serving it as is avoids a pre-bundling reload.
        optimizeDeps: { noDiscovery: true, include: [] },
        appType: 'mpa',
      };
    },
    configResolved(resolved) {
      config = resolved;
      projectHtmlHooks = resolved.plugins.some((plugin) => plugin.transformIndexHtml !== undefined && !plugin.name.startsWith('vite:') && plugin.name !== 'lectern');
    },
    resolveId(id) {
      return resolveLecternId(id);
    },
    load(id) {
      return loadLecternModule(id, async (deckId) => {
        const file = deckOfId(deckId);
        return file === null ? null : servedDeck(file);
      });
    },
    transform(code, id) {
      // Installed modules and the prebuilt runtime (in dist/, also when Lectern runs from a clone) come
      // without source maps; Vite would build a stand-in map of each on every request (~70 ms for the
      // runtime's 250 kB, while the page waits).
      if (/[/\\]node_modules[/\\][^?]*\.m?js(\?|$)/.test(id) || id === RUNTIME.module) return { code, map: { mappings: '' } };
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
      devServer.ws.on('lectern:resource-failed', (data: HotEvents['lectern:resource-failed']) => reportResource(data));
      devServer.ws.on('lectern:lint-request', (data: HotRequests['lectern:lint-request'], client) => {
        const file = typeof data?.id === 'string' ? deckOfId(data.id) : null;
        if (file && lint) lint.requested(file, (problems) => client.send('lectern:lint', { id: data.id, problems } satisfies HotEvents['lectern:lint']));
      });
      devServer.middlewares.use(
        previewExportMiddleware({
          token: () => registered?.token ?? null,
          // The version the page shows, which the save handler keeps current; compiled only if never asked for.
          deck: async (file) => (isDeck(file) ? (store.lastGood(file) ?? (await store.compile(file))) : null),
          pageUrl,
          browser: async () => (await renderChecker()).browser(),
        }),
      );
      devServer.middlewares.use(devMiddleware({ root: () => root, pageFor, deckPage: async (file) => (await deckPage(file)).html, indexPage }));
      devServer.httpServer?.once('listening', () => void register(devServer));
    },
    async closeBundle() {
      // The dev server closes (Vite calls this on close; closing twice is harmless): so do the background browsers.
      const leaving = registered;
      registered = null;
      await Promise.all([diagrams.close(), lint?.close(), checker?.then((started) => started.close()), leaving?.unregister()]);
    },
    handleHotUpdate({ file }) {
      // Deck files are ours: the events above patch the page, Vite must not reload it.
      if (isDeck(resolve(file))) return [];
      return undefined;
    },
  };
}

/** Project files first, then the plugin's options over them; revealOptions and lint merged key by key. */
export function mergeDefaults(lower: DeckDefaults, higher: DeckDefaults): DeckDefaults {
  return { ...lower, ...higher, revealOptions: { ...lower.revealOptions, ...higher.revealOptions }, lint: { ...lower.lint, ...higher.lint } };
}
