import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBundleCurrent } from '../../bin/bundle-state.js';
import { mathEngineOf } from '../deck/math.ts';
import type { ClientDeck, Deck, DeckWarning } from '../types.ts';

const require = createRequire(import.meta.url);

/** Lectern's own folder (found upwards: this code also runs from the CLI bundle), which Vite must serve. */
export const LECTERN_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  for (let folder = start; ; folder = dirname(folder)) {
    const manifest = resolve(folder, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'lectern') return folder;
    if (dirname(folder) === folder) throw new Error(`Lectern's package.json not found above ${start}`);
  }
}
const RUNTIME_SOURCE = resolve(LECTERN_ROOT, 'src/client/runtime.ts');
export const RUNTIME_BUNDLE = resolve(LECTERN_ROOT, 'node_modules/.cache/lectern/runtime/runtime.js');

/**
 * The browser runtime to import: the bundle `npm install` built while no source is newer than it,
 * else the sources themselves (which import their own stylesheet).
 */
function runtimeFiles(): { module: string; styles: string[] } {
  if (isBundleCurrent(RUNTIME_BUNDLE, resolve(LECTERN_ROOT, 'src'))) {
    return { module: RUNTIME_BUNDLE, styles: [RUNTIME_BUNDLE.replace(/\.js$/, '.css')] };
  }
  return { module: RUNTIME_SOURCE, styles: [] };
}

function packageFile(specifier: string): string | null {
  try {
    return require.resolve(specifier);
  } catch {
    return null;
  }
}

export interface DeckStyles {
  files: string[];
  warnings: DeckWarning[];
}

/** The stylesheets a deck needs: reveal.js, its theme, its highlight theme and its own css files. */
export function deckStyles(deck: Deck): DeckStyles {
  const warnings: DeckWarning[] = [];
  const at = { file: deck.file, line: 1 };
  const { theme, highlightTheme, css } = deck.options;
  const themeFile = theme.endsWith('.css')
    ? resolve(dirname(deck.file), theme)
    : (packageFile(`reveal.js/theme/${theme}.css`) ?? packageFile('reveal.js/theme/black.css')!);
  if (!existsSync(themeFile)) warnings.push({ code: 'missing-asset', message: `theme file '${theme}' not found`, location: at });
  let highlightFile = packageFile(`highlight.js/styles/${highlightTheme}.css`);
  if (!highlightFile) {
    warnings.push({ code: 'invalid-option', message: `unknown highlightTheme '${highlightTheme}'; using base16/zenburn`, location: at });
    highlightFile = packageFile('highlight.js/styles/base16/zenburn.css')!;
  }
  const own = css.map((file) => resolve(dirname(deck.file), file));
  for (const [index, file] of own.entries()) {
    if (!existsSync(file)) warnings.push({ code: 'missing-asset', message: `css file '${css[index]}' not found`, location: at });
  }
  return {
    files: [
      packageFile('reveal.js/reveal.css')!,
      ...[themeFile, highlightFile].filter((file) => existsSync(file)),
      // KaTeX's stylesheet (and the fonts it names) for the math rendered at compile time.
      ...(mathEngineOf(deck.options.revealOptions) === 'KaTeX' ? [packageFile('katex/dist/katex.min.css')!] : []),
      ...own.filter((file) => existsSync(file)),
    ],
    warnings,
  };
}

/** The math plugin the browser runs: MathJax's (from its CDN); KaTeX math is rendered at compile time. */
export function mathPluginOf(deck: Deck): ClientDeck['math'] {
  const engine = mathEngineOf(deck.options.revealOptions);
  return engine === 'KaTeX' ? null : engine;
}

export function clientDeckOf(id: string, deck: Deck | null, error: string | null): ClientDeck {
  return {
    id,
    title: deck ? titleOf(deck) : id,
    revealOptions: deck?.options.revealOptions ?? {},
    math: deck ? mathPluginOf(deck) : null,
    error,
    compiled: deck !== null,
  };
}

export function titleOf(deck: Deck): string {
  if (deck.options.title) return deck.options.title;
  const heading = deck.stacks.flat().find((slide) => slide.heading)?.heading;
  return heading ?? deck.file.replace(/^.*[/\\]/, '').replace(/\.md$/, '');
}

/** An installed module's ES entry as a path, so decks outside Lectern's folder can import it. */
function esModule(specifier: string): string {
  return fileURLToPath(import.meta.resolve(specifier));
}

export interface EntryImports {
  /** Stylesheets to import as modules (module specifiers or URLs). */
  styles: string[];
  runtime: string;
  math: { module: string; plugin: NonNullable<ClientDeck['math']> } | null;
  /** The deck's data module. */
  deck: string;
}

/**
 * The deck's entry module: its stylesheets, the runtime with the plugins every deck gets (notes for the
 * speaker view, search, zoom) and math when the deck asks for it, then `mount`.
 */
export function entryModule({ styles, runtime, math, deck }: EntryImports): string {
  const plugins = ['Notes', 'Search', 'Zoom'];
  const lines = styles.map((file) => `import ${JSON.stringify(file)};`);
  lines.push(`import { mount, Notes, Search, Zoom } from ${JSON.stringify(runtime)};`);
  if (math !== null) {
    lines.push(`import RevealMath from ${JSON.stringify(math.module)};`);
    plugins.push(`RevealMath.${math.plugin}()`);
  }
  lines.push(`import deck from ${JSON.stringify(deck)};`);
  lines.push(`mount(deck, [${plugins.join(', ')}]);`, '');
  return lines.join('\n');
}

/** The modules a deck's entry imports, as files (Vite resolves them). */
export function entryFiles(deck: Deck | null): { styles: string[]; runtime: string; math: EntryImports['math'] } {
  const runtime = runtimeFiles();
  const math = deck ? mathPluginOf(deck) : null;
  return {
    styles: [...(deck ? deckStyles(deck).files : []), ...runtime.styles],
    runtime: runtime.module,
    math: math === null ? null : { module: esModule('reveal.js/plugin/math'), plugin: math },
  };
}

export const ENTRY_PREFIX = '/@lectern/entry/';
const DATA_PREFIX = '/@lectern/deck/';
const ENTRY_ID = '\0lectern-entry:';
const DATA_ID = '\0lectern-deck:';

export const dataModuleId = (deckId: string) => DATA_ID + deckId;
/** The URL of a deck's data module (the page's entry imports it). */
export const dataModuleUrl = (deckId: string) => `${DATA_PREFIX}${deckId}.js`;

/** Maps the entry and data URLs in a deck page to the virtual modules that serve them. */
export function resolveLecternId(id: string): string | null {
  if (id.startsWith(ENTRY_PREFIX)) return ENTRY_ID + id.slice(ENTRY_PREFIX.length).replace(/\.js$/, '');
  if (id.startsWith(DATA_PREFIX)) return DATA_ID + id.slice(DATA_PREFIX.length).replace(/\.js$/, '');
  if (id.startsWith(DATA_ID) || id.startsWith(ENTRY_ID)) return id;
  return null;
}

/** The code of an entry or data module, from the deck it names (null: not ours). */
export async function loadLecternModule(id: string, deckFor: (deckId: string) => Promise<{ deck: Deck | null; error: string | null }>): Promise<string | null> {
  if (id.startsWith(ENTRY_ID)) {
    const deckId = id.slice(ENTRY_ID.length);
    const { deck } = await deckFor(deckId);
    return entryModule({ ...entryFiles(deck), deck: dataModuleId(deckId) });
  }
  if (id.startsWith(DATA_ID)) {
    const deckId = id.slice(DATA_ID.length);
    const { deck, error } = await deckFor(deckId);
    return `export default ${JSON.stringify(clientDeckOf(deckId, deck, error))};`;
  }
  return null;
}
