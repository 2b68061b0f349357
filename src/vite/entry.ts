import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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
export const CLIENT_MAIN = resolve(LECTERN_ROOT, 'src/client/main.ts');

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
    files: [packageFile('reveal.js/reveal.css')!, ...[themeFile, highlightFile, ...own].filter((file) => existsSync(file))],
    warnings,
  };
}

/** Which math plugin a deck's revealOptions ask for. */
export function mathPluginOf(deck: Deck): ClientDeck['math'] {
  const options = deck.options.revealOptions;
  if (options['mathjax4']) return 'MathJax4';
  if (options['mathjax3']) return 'MathJax3';
  if (options['mathjax2']) return 'MathJax2';
  if (options['katex'] || options['math']) return 'KaTeX';
  return null;
}

export function clientDeckOf(id: string, deck: Deck | null, error: string | null): ClientDeck {
  return {
    id,
    title: deck ? titleOf(deck) : id,
    revealOptions: deck?.options.revealOptions ?? {},
    math: deck ? mathPluginOf(deck) : null,
    error,
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

/** The reveal.js plugins a deck uses: notes (speaker view), search and zoom always, math when asked. */
function pluginImports(math: ClientDeck['math']): { imports: string[]; list: string } {
  const imports = [
    `import Notes from ${JSON.stringify(esModule('reveal.js/plugin/notes'))};`,
    `import Search from ${JSON.stringify(esModule('reveal.js/plugin/search'))};`,
    `import Zoom from ${JSON.stringify(esModule('reveal.js/plugin/zoom'))};`,
  ];
  const names = ['Notes', 'Search', 'Zoom'];
  if (math !== null) {
    imports.push(`import RevealMath from ${JSON.stringify(esModule('reveal.js/plugin/math'))};`);
    names.push(`RevealMath.${math}()`);
  }
  return { imports, list: `[${names.join(', ')}]` };
}

/**
 * The deck's entry module: its stylesheets, the plugins it uses and the runtime, as import statements
 * only; the deck itself comes from the data module.
 */
export function entryModule(styles: string[], math: ClientDeck['math'], dataModuleId: string): string {
  const plugins = pluginImports(math);
  return [
    ...styles.map((file) => `import ${JSON.stringify(file)};`),
    ...plugins.imports,
    `import { mount } from ${JSON.stringify(CLIENT_MAIN)};`,
    `import deck from ${JSON.stringify(dataModuleId)};`,
    `mount(deck, ${plugins.list});`,
    '',
  ].join('\n');
}

export const ENTRY_PREFIX = '/@lectern/entry/';
const ENTRY_ID = '\0lectern-entry:';
const DATA_ID = '\0lectern-deck:';

export const dataModuleId = (deckId: string) => DATA_ID + deckId;

/** Maps the entry URL in a deck page to the virtual modules that serve it. */
export function resolveLecternId(id: string): string | null {
  if (id.startsWith(ENTRY_PREFIX)) return ENTRY_ID + id.slice(ENTRY_PREFIX.length).replace(/\.js$/, '');
  if (id.startsWith(DATA_ID) || id.startsWith(ENTRY_ID)) return id;
  return null;
}

/** The code of an entry or data module, from the deck it names (null: not ours). */
export async function loadLecternModule(id: string, deckFor: (deckId: string) => Promise<{ deck: Deck | null; error: string | null }>): Promise<string | null> {
  if (id.startsWith(ENTRY_ID)) {
    const deckId = id.slice(ENTRY_ID.length);
    const { deck } = await deckFor(deckId);
    return entryModule(deck ? deckStyles(deck).files : [], deck ? mathPluginOf(deck) : null, dataModuleId(deckId));
  }
  if (id.startsWith(DATA_ID)) {
    const deckId = id.slice(DATA_ID.length);
    const { deck, error } = await deckFor(deckId);
    return `export default ${JSON.stringify(clientDeckOf(deckId, deck, error))};`;
  }
  return null;
}
