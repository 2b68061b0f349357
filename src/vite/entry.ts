import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClientDeck, Deck, DeckWarning } from '../types.ts';

const require = createRequire(import.meta.url);

/** Lectern's own folder, which the dev server must be allowed to serve. */
export const LECTERN_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
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

/** The deck's entry module: import statements only; the deck itself comes from the data module. */
export function entryModule(styles: string[], dataModuleId: string): string {
  return [
    ...styles.map((file) => `import ${JSON.stringify(file)};`),
    `import { mount } from ${JSON.stringify(CLIENT_MAIN)};`,
    `import deck from ${JSON.stringify(dataModuleId)};`,
    'mount(deck);',
    '',
  ].join('\n');
}
