import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_THEMES } from '../deck/options.ts';
import { packageFile } from './package-files.ts';
import { localizeThemeFonts, THEME_FONTS } from './theme-fonts.ts';

const theme = (name: string) => localizeThemeFonts(readFileSync(packageFile(`reveal.js/theme/${name}.css`)!, 'utf8'), (file) => `FONT:${file.replace(/^.*node_modules\//, '')}`);
const families = (css: string) => [...new Set([...css.matchAll(/@font-face\s*\{[^}]*?font-family:\s*'([^']+)'/g)].map((match) => match[1]))].sort();

describe('localizeThemeFonts', () => {
  it('leaves no built-in theme loading anything from the web, nor embedding a font', () => {
    for (const name of BUILT_IN_THEMES) {
      const css = theme(name);
      expect(css, name).not.toMatch(/https?:\/\//);
      expect(css, name).not.toMatch(/url\(data:font/);
    }
  });

  it('gives each theme the families it loads and uses, from their @fontsource packages, woff2 only', () => {
    expect(families(theme('solarized'))).toEqual(['Lato', 'League Gothic']);
    expect(families(theme('black'))).toEqual(['Source Sans Pro']);
    // beige names Source Sans Pro first but never loaded it; the Lato it imports and the League Gothic it embeds go unused.
    expect(families(theme('beige'))).toEqual(['Source Sans Pro']);
    expect(families(theme('night'))).toEqual(['Montserrat', 'Open Sans']);
    expect(families(theme('sky'))).toEqual(['Open Sans', 'Quicksand']);
    expect(families(theme('simple'))).toEqual(['Lato', 'News Cycle']);
    expect(families(theme('blood'))).toEqual(['Ubuntu']);
    // System fonts only: dracula's Ubuntu is a fallback in a system stack, not a font to ship.
    expect(families(theme('dracula'))).toEqual([]);
    expect(families(theme('serif'))).toEqual([]);
    const css = theme('solarized');
    expect(css).toContain("src: url(FONT:@fontsource/lato/files/lato-latin-700-italic.woff2) format('woff2');");
    expect(css).not.toMatch(/\.woff\)/);
  });

  it('provides every face the themes ask for', () => {
    for (const { package: name, faces } of Object.values(THEME_FONTS)) {
      for (const face of faces) expect(packageFile(`${name}/${face}.css`), `${name} ${face}`).not.toBeNull();
    }
  });
});
