import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { mathEngineOf } from '../deck/math.ts';
import type { Deck, DeckWarning } from '../types.ts';
import { MATHJAX_STYLES, packageFile } from './package-files.ts';
import { realPathInSync } from './paths.ts';

export interface DeckStyles {
  /** Stylesheets in the order the page loads them: reveal.js, theme, highlight theme, KaTeX's or MathJax's, the deck's own. */
  files: string[];
  warnings: DeckWarning[];
}

/**
 * The stylesheets a deck needs, each checked: a theme, highlight theme or css file that is missing or
 * outside the project is a warning and left out (the page falls back to the default theme).
 */
export function deckStyles(deck: Deck, root: string): DeckStyles {
  const warnings: DeckWarning[] = [];
  const at = { file: deck.file, line: 1 };
  const { theme, highlightTheme, css } = deck.options;
  const own = (path: string, what: string): string | null => {
    const found = realPathInSync(root, resolve(dirname(deck.file), path));
    if (found === null) warnings.push({ code: 'missing-asset', message: `${what} '${path}' not found`, ...at });
    else if (!found.inside) warnings.push({ code: 'outside-project', message: `${what} '${path}' is outside the project folder; left out`, ...at });
    else if (!isRegularFileSync(found.real)) warnings.push({ code: 'missing-asset', message: `${what} '${path}' is not a regular file; left out`, ...at });
    else return found.real;
    return null;
  };
  const themeFile = theme.endsWith('.css')
    ? (own(theme, 'theme file') ?? packageFile('reveal.js/theme/black.css')!)
    : (packageFile(`reveal.js/theme/${theme}.css`) ?? packageFile('reveal.js/theme/black.css')!);
  let highlightFile = packageFile(`highlight.js/styles/${highlightTheme}.css`);
  if (!highlightFile) {
    warnings.push({ code: 'invalid-option', message: `unknown highlightTheme '${highlightTheme}'; using base16/zenburn`, ...at });
    highlightFile = packageFile('highlight.js/styles/base16/zenburn.css')!;
  }
  const ownCss = css.map((file) => own(file, 'css file')).filter((file): file is string => file !== null);
  return {
    files: [
      packageFile('reveal.js/reveal.css')!,
      themeFile,
      highlightFile,
      // KaTeX's stylesheet (and the fonts it names), or MathJax's, for the math rendered at compile time.
      ...mathStyles(deck),
      ...ownCss,
    ],
    warnings,
  };
}

function mathStyles(deck: Deck): string[] {
  const engine = mathEngineOf(deck.options.revealOptions);
  if (engine === null) return [];
  return [engine === 'KaTeX' ? packageFile('katex/dist/katex.min.css')! : MATHJAX_STYLES];
}

function isRegularFileSync(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
