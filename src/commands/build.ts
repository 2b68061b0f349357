import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, posix, relative, resolve, sep } from 'node:path';
import type { Browser } from 'playwright-core';
import { build, mergeConfig, type Plugin } from 'vite';
import type { DeckDefaults } from '../deck/options.ts';
import { renderIndexPage, type IndexEntry } from '../deck/page.ts';
import { slideSize } from '../deck/export-plan.ts';
import { renderSlides } from '../deck/render.ts';
import { descriptionOf, titleOf } from '../deck/title.ts';
import { escapeHtml } from '../deck/escape.ts';
import { LecternError } from '../errors.ts';
import { compileDeckFile, type CompiledDeck } from '../node/compile.ts';
import { findDecks, findProjectRoot } from '../node/files.ts';
import { createMermaidRenderer } from '../node/mermaid.ts';
import { readIndexTemplate } from '../node/index-template.ts';
import { cardKey, readCachedCard, writeCachedCard } from '../node/card-cache.ts';
import { launchChromium } from '../node/chromium.ts';
import { withCleanup, withTempFolder } from '../node/interrupt.ts';
import { showPath } from '../node/paths.ts';
import { checkSiteOutput, swapInSite } from '../node/outputs.ts';
import { readProjectDefaults } from '../node/project-config.ts';
import { checkPublicFolder } from '../node/public-folder.ts';
import { deckForSite, planAssets, sourceUrls } from '../node/site-assets.ts';
import { singleFilePage } from '../node/single-file.ts';
import type { Deck, DeckWarning, DiagramRenderer } from '../types.ts';
import { lecternBuild, lecternRuntimeBuild, lecternThemeFonts, RUNTIME_INPUT, SCRIPTS_PLACEHOLDER, type BuildPage } from '../vite/build-plugin.ts';
import { fillSlides } from '../vite/dev-page.ts';
import { clientDeckOf, deckDataScript } from '../vite/virtual-modules.ts';
import { mergeDefaults } from '../vite/plugin.ts';
import { lookAtPages, type Looked } from './build-browser.ts';
import { plural } from './reporter.ts';
import { loadProjectViteConfig } from './vite-config.ts';

export interface BuildOptions {
  target: string;
  out: string;
  /** Public base path of the site; relative ('./') by default, which works under any sub-path. */
  base?: string;
  /** Warn about missing files instead of failing. */
  allowMissing?: boolean;
  /** Changes each compiled deck before it is published (`lectern pdf --range` keeps some slides). */
  transform?: (deck: Deck) => Deck;
  /** Skip the output checks: the caller builds into a temp folder of its own (pdf, check --render). */
  scratch?: boolean;
  /** Write a PNG of one slide per deck as og:image (default true; needs Chromium, else a warning). */
  socialCard?: boolean;
  /** The slide the social card shows, 1-based as --range counts (default 1). */
  featuredSlide?: number;
  /** One self-contained HTML file per deck (talk.md → talk.html), everything inlined, to mail or carry. */
  singleFile?: boolean;
  /** Draws the decks' diagrams (exports pass one using their browser); by default one is made and closed here. */
  diagrams?: DiagramRenderer;
  /** Only these decks of the target folder (check --render leaves out the ones that do not compile). */
  decks?: string[];
  /** Decks the caller compiled already (check --render), by file: not compiled again. */
  compiled?: ReadonlyMap<string, CompiledDeck>;
}

export interface BuildResult {
  out: string;
  pages: string[];
  assets: number;
  /** Every problem with the decks (missing files among them only with allowMissing). */
  warnings: DeckWarning[];
  /** The decks as published, in page order. */
  decks: Deck[];
  /** With singleFile: each page's size in bytes, in page order. */
  sizes: number[];
  /** Every file the site is made from (decks, their images, stylesheets and scripts): outputs must not replace one. */
  inputs: string[];
  /** For each deck, its published assets' URLs → the URLs it wrote (messages name what the author wrote). */
  sourceUrls: Map<string, string>[];
}

interface SitePage {
  compiled: CompiledDeck;
  deck: Deck;
  /** Page path relative to the site root, with forward slashes. */
  page: string;
}

/** `lectern build`: a static site in a temp folder, swapped in for `out` only when all went well. */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const { root, isFile, target } = await findProjectRoot(resolve(options.target));
  const siteRoot = isFile ? dirname(target) : target;
  const files = isFile ? [target] : (options.decks ?? (await findDecks(target)));
  if (files.length === 0) throw new LecternError('build', `no decks (*.md) in ${showPath(target)}`);
  const out = resolve(options.out);
  if (!options.scratch) await checkSiteOutput(out, { root, decks: files, cwd: process.cwd() }, showPath);

  // Chromium makes the social cards (unless cached) and, for one-file pages, finds the fonts in use: for
  // those it starts while the site builds; for cards, only once the build shows one is not cached.
  const cards = !options.scratch && !options.singleFile && options.socialCard !== false;
  const chromium = lazyChromium();
  if (options.singleFile && !options.scratch) void chromium.get();
  try {
    return await buildWith(options, { root, isFile, siteRoot, files, out, browser: chromium.get, cards });
  } finally {
    await chromium.close();
  }
}

/** A Chromium started on the first `get`, closed by `close` if it was. */
function lazyChromium(): { get: () => Promise<Browser>; close: () => Promise<void> } {
  let launching: Promise<Browser> | null = null;
  return {
    get: () => {
      if (launching === null) {
        launching = launchChromium();
        launching.catch(() => {}); // reported where it is awaited (lookAtPages)
      }
      return launching;
    },
    close: async () => {
      await launching?.then((started) => started.close(), () => {});
    },
  };
}

interface BuildContext {
  root: string;
  isFile: boolean;
  siteRoot: string;
  files: string[];
  out: string;
  /** Chromium, started on the first call. */
  browser: () => Promise<Browser>;
  cards: boolean;
}

async function buildWith(options: BuildOptions, { root, isFile, siteRoot, files, out, browser, cards }: BuildContext): Promise<BuildResult> {
  const project = await loadProjectViteConfig(root, { command: 'build', mode: 'production' });
  const defaults: DeckDefaults = mergeDefaults(await readProjectDefaults(siteRoot), project.lectern?.defaults ?? {});
  const pages: SitePage[] = [];
  // Diagrams are drawn in the browser the build starts anyway, when it starts one.
  const diagrams = options.diagrams ?? createMermaidRenderer({ browser });
  try {
    for (const file of files) {
      const compiled = options.compiled?.get(file) ?? (await compileDeckFile(file, { root, defaults, diagrams }));
      const deck = options.transform ? options.transform(compiled.deck) : compiled.deck;
      const page = isFile ? (options.singleFile ? `${basename(file, '.md')}.html` : 'index.html') : relative(siteRoot, file).split(sep).join('/').replace(/\.md$/, '.html');
      pages.push({ compiled, deck, page });
    }
  } finally {
    if (!options.diagrams) await diagrams.close();
  }
  const { plan, problems } = await planAssets(pages.map(({ compiled }) => compiled));
  const fileProblems = new Set(problems);
  const warnings = pages.flatMap(({ compiled }) => compiled.warnings.filter((warning) => !fileProblems.has(warning)));
  // A missing stylesheet or theme is as fatal as a missing image: the site would not look like the talk.
  const missingStyles = warnings.filter((warning) => warning.code === 'missing-asset' || warning.code === 'outside-project');
  // public/ is copied by Vite: what it must not copy is refused (FIFOs, always: the copy would wait forever) or left out.
  const publicProblems = await checkPublicFolder(root);
  const blocking = publicProblems.filter((problem) => problem.blocking).map((problem) => problem.warning);
  if (blocking.length > 0) throw new LecternError('asset', `${plural(blocking.length, 'file')} in public/ cannot be published`, undefined, blocking);
  const fatal = [...problems, ...missingStyles, ...publicProblems.map((problem) => problem.warning)];
  if (fatal.length > 0 && !options.allowMissing) {
    throw new LecternError('asset', `${fatal.length} file problem${fatal.length === 1 ? '' : 's'}; use --allow-missing to publish without them`, undefined, fatal);
  }
  if (options.featuredSlide !== undefined) {
    for (const { deck } of pages) {
      const count = deck.stacks.flat().length;
      if (!Number.isInteger(options.featuredSlide) || options.featuredSlide < 1 || options.featuredSlide > count) {
        throw new LecternError('usage', `--featured-slide ${options.featuredSlide} is outside ${basename(deck.file)}'s slides 1-${count}`);
      }
    }
  }
  const published = options.allowMissing
    ? [...problems.map((problem) => ({ ...problem, message: `${problem.message} (kept as is)` })), ...warnings, ...publicProblems.map((problem) => problem.warning)]
    : warnings;

  const temporary = join(dirname(out), `.${basename(out)}.lectern-${randomBytes(4).toString('hex')}`);
  const sizes: number[] = [];
  await withTempFolder(
    temporary,
    async () => {
      const buildPages: BuildPage[] = pages.map(({ compiled, deck, page }) => ({
        deck,
        styles: compiled.styles,
        html: resolve(siteRoot, page === 'index.html' ? `${basename(deck.file, '.md')}.html` : page),
        id: relative(siteRoot, deck.file).split(sep).join('/'),
      }));
      const base = options.base ?? './';
      const viteConfig = (plugins: Plugin[], build: Record<string, unknown>) =>
        mergeConfig(project.config, {
          root: siteRoot,
          base,
          configFile: false,
          logLevel: 'warn',
          publicDir: resolve(root, 'public'),
          plugins,
          // Rolldown warns when plugins take a good share of a build: on a busy machine, about Lectern's own.
          build: mergeConfig({ assetsDir: 'assets', reportCompressedSize: false, rollupOptions: { checks: { bundlerTimings: false } } }, build),
        });
      const runtimeOut = `${temporary}-runtime`;
      // Two builds, side by side: the pages' stylesheets (with their fonts and images), and the runtime as
      // one classic script, which a page opened from file:// runs where a module script is refused.
      await Promise.all([
        build(viteConfig([lecternThemeFonts(), lecternBuild(buildPages)], { outDir: temporary, emptyOutDir: true, modulePreload: false, rollupOptions: { input: buildPages.map((page) => page.html) } })),
        build(
          viteConfig([lecternRuntimeBuild()], {
            outDir: runtimeOut,
            emptyOutDir: true,
            copyPublicDir: false,
            // A scratch build (pdf, png, pptx) is read once by a local browser: minifying would only cost time.
            minify: !options.scratch,
            rollupOptions: { input: RUNTIME_INPUT, output: { format: 'iife', entryFileNames: 'assets/lectern-[hash].js', assetFileNames: 'assets/lectern-[hash][extname]' } },
          }),
        ),
      ]).catch(async (error: unknown) => {
        await rm(runtimeOut, { recursive: true, force: true });
        throw error;
      });
      // After both: the pages' build empties the folder first.
      const runtime = await moveRuntime(runtimeOut, temporary);
      for (const { path } of publicProblems) if (path !== '') await rm(join(temporary, path), { recursive: true, force: true });
      for (const [index, { compiled, deck, page }] of pages.entries()) {
        const emitted = join(temporary, relative(siteRoot, buildPages[index]!.html));
        const site = deckForSite(deck, page, compiled.assets, plan, root);
        await fillPage(emitted, join(temporary, page), site, { id: buildPages[index]!.id, runtime: runtime.map((file) => siteUrl(base, page, file)) });
      }
      for (const [source, name] of plan) {
        const destination = join(temporary, name);
        await mkdir(dirname(destination), { recursive: true });
        await copyFile(source, destination);
      }
      if (!isFile) await writeFile(join(temporary, 'index.html'), await indexPage(pages, root));
      const cached = cards ? await cachedCards(temporary, pages, options.featuredSlide ?? 1) : { cards: new Map<string, Buffer>(), keys: new Map<string, string>() };
      const uncached = new Set(pages.map(({ page }) => page).filter((page) => !cached.cards.has(page)));
      let looked: Looked | null = null;
      if (options.singleFile || (cards && uncached.size > 0)) {
        const look = { fonts: options.singleFile === true, cards, cardsFor: uncached, ...(options.featuredSlide !== undefined ? { featuredSlide: options.featuredSlide } : {}) };
        looked = await lookAtPages(temporary, pages, look, browser());
        published.push(...looked.warnings);
        for (const [page, png] of looked.cards) {
          const key = cached.keys.get(page);
          if (key) await writeCachedCard(key, png).catch(() => {}); // a cache: the build goes on without it
        }
      }
      for (const { page } of pages) {
        const card = cached.cards.get(page) ?? looked?.cards.get(page);
        const cardFile = card ? page.replace(/(^|\/)index\.html$/, '$1card.png').replace(/\.html$/, '-card.png') : null;
        if (card && cardFile) await writeFile(join(temporary, cardFile), card);
        const meta = cardFile ? `<meta property="og:image" content="${escapeHtml(siteUrl(base, page, cardFile))}">` : '';
        const html = await readFile(join(temporary, page), 'utf8');
        await writeFile(join(temporary, page), html.replace(OG_IMAGE_PLACEHOLDER, () => meta));
      }
      if (options.singleFile) {
        const single = `${temporary}-single`;
        await withCleanup(
          () => rm(single, { recursive: true, force: true }),
          async () => {
            for (const { page } of pages) {
              await mkdir(dirname(join(single, page)), { recursive: true });
              const html = await singleFilePage(temporary, page, looked?.fonts.get(page) ?? null);
              await writeFile(join(single, page), html);
              sizes.push(Buffer.byteLength(html));
            }
            if (!isFile) await copyFile(join(temporary, 'index.html'), join(single, 'index.html'));
            await swapInSite(single, out);
          },
        );
        await rm(temporary, { recursive: true, force: true });
      } else {
        await swapInSite(temporary, out);
      }
    },
  );
  const inputs = [...new Set([...files, ...plan.keys(), ...pages.flatMap(({ compiled }) => compiled.styles)])];
  return {
    out,
    pages: pages.map(({ page }) => page),
    assets: plan.size,
    warnings: published,
    decks: pages.map(({ deck }) => deck),
    inputs,
    sizes,
    sourceUrls: pages.map(({ compiled, page }) => sourceUrls(page, compiled.assets, plan)),
  };
}

/** The social cards a build of these very files made before (by page), and each page's cache key. */
async function cachedCards(site: string, pages: SitePage[], featuredSlide: number): Promise<{ cards: Map<string, Buffer>; keys: Map<string, string> }> {
  const cards = new Map<string, Buffer>();
  const keys = new Map<string, string>();
  for (const { page, deck } of pages) {
    const key = await cardKey(site, page, { slide: featuredSlide, ...slideSize(deck.options.revealOptions) }).catch(() => null);
    if (key === null) continue;
    keys.set(page, key);
    const png = await readCachedCard(key);
    if (png) cards.set(page, png);
  }
  return { cards, keys };
}

/** Moves the runtime build's files into the site; returns them (site paths), the script first. */
async function moveRuntime(from: string, site: string): Promise<string[]> {
  const files = (await readdir(join(from, 'assets'))).sort((a, b) => Number(b.endsWith('.js')) - Number(a.endsWith('.js')));
  await mkdir(join(site, 'assets'), { recursive: true });
  for (const name of files) await rename(join(from, 'assets', name), join(site, 'assets', name));
  await rm(from, { recursive: true, force: true });
  return files.map((name) => `assets/${name}`);
}

/** A site file's URL from a page: relative with a relative base (the site works from any folder, file:// too). */
function siteUrl(base: string, page: string, file: string): string {
  return base.startsWith('.') ? posix.relative(posix.dirname(page), file) || file : `${base}${file}`;
}

/** Where the og:image tag goes once the social card is made (removed when there is none). */
const OG_IMAGE_PLACEHOLDER = '<!--lectern:og-image-->';

interface PageRuntime {
  /** The deck's id in the page's data. */
  id: string;
  /** The runtime's classic script, then its stylesheet if it has one, as URLs from the page. */
  runtime: string[];
}

/**
 * Puts the slides, the deck's data and the scripts into the page Vite emitted, which must open from
 * file:// as over HTTP: no `crossorigin` (Chromium then fetches stylesheets with CORS, which file://
 * fails) and no module script. The runtime is deferred, so the deck's own scripts run before it, as before.
 */
async function fillPage(emitted: string, destination: string, deck: Deck, { id, runtime }: PageRuntime): Promise<void> {
  const [script, ...styles] = runtime;
  const scripts = [
    deckDataScript(clientDeckOf(id, deck, null)),
    ...deck.options.scripts.map((url) => `<script src="${escapeHtml(url)}"></script>`),
    `<script defer src="${escapeHtml(script!)}"></script>`,
  ].join('\n');
  const description = descriptionOf(deck);
  const meta = [
    ...(description ? [`<meta name="description" content="${escapeHtml(description)}">`] : []),
    `<meta property="og:title" content="${escapeHtml(titleOf(deck))}">`,
    ...(description ? [`<meta property="og:description" content="${escapeHtml(description)}">`] : []),
    '<meta property="og:type" content="website">',
    '<meta name="twitter:card" content="summary_large_image">',
    OG_IMAGE_PLACEHOLDER,
  ];
  const links = [...meta, ...styles.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`)].join('\n');
  const shell = (await readFile(emitted, 'utf8'))
    // Only what Vite wrote: the slides are placed after.
    .replace(/<script type="module"[^>]*><\/script>\s*/g, '')
    .replace(/(<(?:link|script)\b[^>]*?)\s+crossorigin(?:="[^"]*")?/g, '$1')
    .replace('</head>', () => `${links}${links ? '\n' : ''}</head>`)
    .replace(SCRIPTS_PLACEHOLDER, () => scripts);
  const html = fillSlides(shell, renderSlides(deck));
  await writeFile(destination, html);
  if (emitted !== destination) await rm(emitted);
}

async function indexPage(pages: SitePage[], root: string): Promise<string> {
  const entries: IndexEntry[] = pages.map(({ deck, page }) => ({
    title: titleOf(deck),
    href: page,
    path: page.replace(/\.html$/, '.md'),
    slides: deck.stacks.flat().length,
  }));
  return renderIndexPage(entries, await readIndexTemplate(root));
}
