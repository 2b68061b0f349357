import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { build, mergeConfig } from 'vite';
import type { DeckDefaults } from '../deck/options.ts';
import { renderIndexPage, type IndexEntry } from '../deck/page.ts';
import { renderSlides } from '../deck/render.ts';
import { titleOf } from '../deck/title.ts';
import { escapeHtml } from '../deck/escape.ts';
import { LecternError } from '../errors.ts';
import { compileDeckFile, type CompiledDeck } from '../node/compile.ts';
import { findDecks, findProjectRoot } from '../node/files.ts';
import { readIndexTemplate } from '../node/index-template.ts';
import { withCleanup } from '../node/interrupt.ts';
import { showPath } from '../node/paths.ts';
import { checkSiteOutput, swapInSite } from '../node/outputs.ts';
import { readProjectDefaults } from '../node/project-config.ts';
import { deckForSite, planAssets, sourceUrls } from '../node/site-assets.ts';
import type { Deck, DeckWarning } from '../types.ts';
import { lecternBuild, SCRIPTS_PLACEHOLDER, type BuildPage } from '../vite/build-plugin.ts';
import { fillSlides } from '../vite/dev-page.ts';
import { mergeDefaults } from '../vite/plugin.ts';
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

  const project = await loadProjectViteConfig(root, { command: 'build', mode: 'production' });
  const defaults: DeckDefaults = mergeDefaults(await readProjectDefaults(siteRoot), project.lectern?.defaults ?? {});
  const pages: SitePage[] = [];
  for (const file of files) {
    const compiled = options.compiled?.get(file) ?? (await compileDeckFile(file, { root, defaults }));
    const deck = options.transform ? options.transform(compiled.deck) : compiled.deck;
    const page = isFile ? 'index.html' : relative(siteRoot, file).split(sep).join('/').replace(/\.md$/, '.html');
    pages.push({ compiled, deck, page });
  }
  const { plan, problems } = await planAssets(pages.map(({ compiled }) => compiled));
  const fileProblems = new Set(problems);
  const warnings = pages.flatMap(({ compiled }) => compiled.warnings.filter((warning) => !fileProblems.has(warning)));
  // A missing stylesheet or theme is as fatal as a missing image: the site would not look like the talk.
  const missingStyles = warnings.filter((warning) => warning.code === 'missing-asset' || warning.code === 'outside-project');
  const fatal = [...problems, ...missingStyles];
  if (fatal.length > 0 && !options.allowMissing) {
    throw new LecternError('asset', `${fatal.length} file problem${fatal.length === 1 ? '' : 's'}; use --allow-missing to publish without them`, undefined, fatal);
  }
  const published = options.allowMissing ? [...problems.map((problem) => ({ ...problem, message: `${problem.message} (kept as is)` })), ...warnings] : warnings;

  const temporary = join(dirname(out), `.${basename(out)}.lectern-${randomBytes(4).toString('hex')}`);
  await withCleanup(
    () => rm(temporary, { recursive: true, force: true }),
    async () => {
      const buildPages: BuildPage[] = pages.map(({ compiled, deck, page }) => ({
        deck,
        styles: compiled.styles,
        html: resolve(siteRoot, page === 'index.html' ? `${basename(deck.file, '.md')}.html` : page),
        id: relative(siteRoot, deck.file).split(sep).join('/'),
      }));
      await build(
        mergeConfig(project.config, {
          root: siteRoot,
          base: options.base ?? './',
          configFile: false,
          logLevel: 'warn',
          publicDir: resolve(root, 'public'),
          plugins: [lecternBuild(buildPages)],
          build: {
            outDir: temporary,
            emptyOutDir: true,
            assetsDir: 'assets',
            reportCompressedSize: false,
            rollupOptions: {
              input: buildPages.map((page) => page.html),
              // A temp build (pdf, check --render) is no bundle of the user's to tune: no notes on slow plugins.
              ...(options.scratch ? { checks: { bundlerTimings: false } } : {}),
            },
          },
        }),
      );
      for (const [index, { compiled, deck, page }] of pages.entries()) {
        const emitted = join(temporary, relative(siteRoot, buildPages[index]!.html));
        await fillPage(emitted, join(temporary, page), deckForSite(deck, page, compiled.assets, plan, root));
      }
      for (const [source, name] of plan) {
        const destination = join(temporary, name);
        await mkdir(dirname(destination), { recursive: true });
        await copyFile(source, destination);
      }
      if (!isFile) await writeFile(join(temporary, 'index.html'), await indexPage(pages, root));
      await swapInSite(temporary, out);
    },
  );
  return {
    out,
    pages: pages.map(({ page }) => page),
    assets: plan.size,
    warnings: published,
    decks: pages.map(({ deck }) => deck),
    sourceUrls: pages.map(({ compiled, page }) => sourceUrls(page, compiled.assets, plan)),
  };
}

/** Puts the slides and the deck's classic scripts into the page Vite emitted. */
async function fillPage(emitted: string, destination: string, deck: Deck): Promise<void> {
  const scripts = deck.options.scripts.map((url) => `<script src="${escapeHtml(url)}"></script>`).join('\n');
  const html = fillSlides(await readFile(emitted, 'utf8'), renderSlides(deck)).replace(SCRIPTS_PLACEHOLDER, () => scripts);
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
