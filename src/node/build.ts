import { createHash, randomBytes } from 'node:crypto';
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, posix, relative, resolve, sep } from 'node:path';
import { build } from 'vite';
import { mapAssetUrls, rewriteAssetUrls } from '../deck/assets.ts';
import { escapeHtml } from '../deck/escape.ts';
import { renderIndexPage, type IndexEntry } from '../deck/page.ts';
import { renderSlides } from '../deck/render.ts';
import { formatWarning, LecternError } from '../errors.ts';
import type { Deck, DeckWarning } from '../types.ts';
import { lecternBuild, SCRIPTS_PLACEHOLDER, SLIDES_PLACEHOLDER, type BuildPage } from '../vite/build-plugin.ts';
import { titleOf } from '../vite/entry.ts';
import { assetPath, compileDeckFile, isLocalUrl } from './compile.ts';
import { findProjectRoot } from './files.ts';
import { findDecks } from './files.ts';

export interface BuildOptions {
  target: string;
  out: string;
  /** Public base path of the site; relative ('./') by default, which works under any sub-path. */
  base?: string;
  /** Warn about missing assets instead of failing. */
  allowMissing?: boolean;
  log?: (message: string) => void;
  /** Changes each compiled deck before it is published (`lectern pdf --range` keeps some slides). */
  transform?: (deck: Deck) => Deck;
}

export interface BuildResult {
  out: string;
  pages: string[];
  assets: number;
  warnings: DeckWarning[];
  /** The decks as published, in page order. */
  decks: Deck[];
}

interface CompiledDeck {
  deck: Deck;
  /** Page path relative to the site root, with forward slashes. */
  page: string;
}

/** Where each local asset goes in the site: `assets/name-hash.ext`, the same file once. */
type AssetPlan = Map<string, string>;

/** `lectern build`: a static site in a temp folder, swapped in for `out` only when all went well. */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const target = resolve(options.target);
  const { root: projectRoot, isFile } = await findProjectRoot(target);
  const siteRoot = isFile ? dirname(target) : target;
  const files = isFile ? [target] : await findDecks(target);
  if (files.length === 0) throw new LecternError('build', `no decks (*.md) in ${relative(process.cwd(), target) || '.'}`);
  const log = options.log ?? ((message: string) => console.warn(message));

  const warnings: DeckWarning[] = [];
  const decks: CompiledDeck[] = [];
  for (const file of files) {
    const { deck: compiled, warnings: deckWarnings } = await compileDeckFile(file, projectRoot);
    const deck = options.transform ? options.transform(compiled) : compiled;
    warnings.push(...deckWarnings.filter((warning) => warning.code !== 'missing-asset'));
    const page = isFile ? 'index.html' : relative(siteRoot, file).split(sep).join('/').replace(/\.md$/, '.html');
    decks.push({ deck, page });
  }
  const plan = await planAssets(decks, projectRoot, options.allowMissing === true, warnings);
  for (const warning of warnings) log(formatWarning(warning, (file) => relative(process.cwd(), file)));

  const out = resolve(options.out);
  const temporary = join(dirname(out), `.${basename(out)}.lectern-${randomBytes(4).toString('hex')}`);
  try {
    const pages: BuildPage[] = decks.map(({ deck, page }) => ({
      deck,
      html: resolve(siteRoot, page === 'index.html' ? `${basename(deck.file, '.md')}.html` : page),
      id: relative(siteRoot, deck.file).split(sep).join('/'),
    }));
    await build({
      root: siteRoot,
      base: options.base ?? './',
      configFile: false,
      logLevel: 'warn',
      publicDir: resolve(projectRoot, 'public'),
      plugins: [lecternBuild(pages)],
      build: {
        outDir: temporary,
        emptyOutDir: true,
        assetsDir: 'assets',
        reportCompressedSize: false,
        rollupOptions: { input: pages.map((page) => page.html) },
      },
    });
    for (const [index, { deck, page }] of decks.entries()) {
      const emitted = join(temporary, relative(siteRoot, pages[index]!.html));
      await fillPage(emitted, join(temporary, page), deck, page, plan, projectRoot);
    }
    for (const [source, name] of plan) {
      await mkdir(dirname(join(temporary, name)), { recursive: true });
      await copyFile(source, join(temporary, name));
    }
    if (!isFile) await writeFile(join(temporary, 'index.html'), indexPage(decks));
    await swapIn(temporary, out);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
  return { out, pages: decks.map((deck) => deck.page), assets: plan.size, warnings, decks: decks.map(({ deck }) => deck) };
}

/** Finds every local file the slides load, refusing paths outside the project and missing files. */
async function planAssets(decks: CompiledDeck[], projectRoot: string, allowMissing: boolean, warnings: DeckWarning[]): Promise<AssetPlan> {
  const plan: AssetPlan = new Map();
  const problems: string[] = [];
  for (const { deck } of decks) {
    const references = [
      ...deck.stacks.flat().flatMap((slide) => slide.assets),
      ...deck.options.scripts.map((url) => ({ url, line: 1 })),
    ];
    for (const { url, line } of references) {
      if (!isLocalUrl(url)) continue;
      const where = `${relative(process.cwd(), deck.file)}:${line}`;
      const path = assetPath(deck.file, url, projectRoot);
      if (path !== projectRoot && !path.startsWith(projectRoot + sep)) {
        problems.push(`${where}: '${url}' is outside the project folder ${relative(process.cwd(), projectRoot) || '.'}; refusing to publish it`);
        continue;
      }
      if (plan.has(path)) continue;
      const content = await readFile(path).catch(() => null);
      if (content === null) {
        if (allowMissing) warnings.push({ code: 'missing-asset', message: `missing file '${url}' (kept as is)`, location: { file: deck.file, line } });
        else problems.push(`${where}: missing file '${url}'`);
        continue;
      }
      const hash = createHash('sha256').update(content).digest('hex').slice(0, 8);
      const extension = extname(path);
      plan.set(path, `assets/${basename(path, extension)}-${hash}${extension}`);
    }
  }
  if (problems.length) {
    throw new LecternError('asset', `${problems.join('\n')}\n(${problems.length} asset problem${problems.length > 1 ? 's' : ''}; use --allow-missing to publish without missing files)`);
  }
  return plan;
}

/** Puts the slides (asset URLs made relative to the page) and the deck's scripts into Vite's page. */
async function fillPage(emitted: string, destination: string, deck: Deck, page: string, plan: AssetPlan, projectRoot: string): Promise<void> {
  const pageFolder = posix.dirname(page);
  const toSite = (url: string): string => {
    if (!isLocalUrl(url)) return url;
    const name = plan.get(assetPath(deck.file, url, projectRoot));
    return name ? posix.relative(pageFolder, name) : url;
  };
  const rewritten: Deck = {
    ...deck,
    stacks: deck.stacks.map((stack) =>
      stack.map((slide) => {
        const attributes = { ...slide.attributes };
        mapAssetUrls('section', attributes, toSite);
        return { ...slide, attributes, html: rewriteAssetUrls(slide.html, toSite), notesHtml: rewriteAssetUrls(slide.notesHtml, toSite) };
      }),
    ),
  };
  const scripts = deck.options.scripts.map((url) => `<script src="${escapeHtml(toSite(url))}"></script>`).join('\n');
  const html = (await readFile(emitted, 'utf8'))
    .replace(SLIDES_PLACEHOLDER, () => renderSlides(rewritten))
    .replace(SCRIPTS_PLACEHOLDER, () => scripts);
  await writeFile(destination, html);
  if (emitted !== destination) await rm(emitted);
}

function indexPage(decks: CompiledDeck[]): string {
  const entries: IndexEntry[] = decks.map(({ deck, page }) => ({
    title: titleOf(deck),
    href: page,
    path: page.replace(/\.html$/, '.md'),
    slides: deck.stacks.flat().length,
  }));
  return renderIndexPage(entries, null);
}

/** Replaces `out` with the finished build; the previous site stays until the last moment. */
async function swapIn(temporary: string, out: string): Promise<void> {
  const previous = await stat(out).catch(() => null);
  if (previous === null) {
    await rename(temporary, out);
    return;
  }
  const old = `${temporary}-old`;
  await rename(out, old);
  await rename(temporary, out);
  await rm(old, { recursive: true, force: true });
}
