import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../node/renderers.ts';
import { deckStyles } from '../node/styles.ts';
import { devDeckPage, fillSlides, packageStyleFile, viteUrl } from './dev-page.ts';

const require = createRequire(import.meta.url);
const ROOT = resolve(import.meta.dirname, '../..');

describe('the dev page', () => {
  const source = '---\ntheme: moon\nhighlightTheme: github\ncss: ../src/client/lectern.css\n---\n# Hello\n';
  const { deck } = parseSource(source, resolve(ROOT, 'decks/deck.md'));
  const page = devDeckPage('decks/deck.md', { deck, styles: deckStyles(deck, ROOT).files }, ROOT);
  const document = parseHTML(fillSlides(page.shell, page.slides)).document;

  it('links the installed stylesheets and serves exactly those files', () => {
    const links = Array.from(document.querySelectorAll('link[rel=stylesheet]'), (link) => link.getAttribute('href')!);
    expect(links.slice(0, 3)).toEqual(['/@lectern/styles/reveal/reveal.css', '/@lectern/styles/reveal/theme/moon.css', '/@lectern/styles/highlight/github.css']);
    expect(packageStyleFile(links[1]!)).toBe(require.resolve('reveal.js/theme/moon.css'));
    expect(packageStyleFile('/@lectern/styles/reveal/../../package.json')).toBeNull();
    expect(packageStyleFile('/@lectern/styles/reveal/../../../../package.css')).toBeNull();
    expect(packageStyleFile('/@lectern/styles/reveal/../../../etc/passwd.css')).toBeNull();
    expect(packageStyleFile('/@lectern/styles/nope/reveal.css')).toBeNull();
  });

  it('mounts the deck from an inline entry that imports the deck\'s own css through Vite', () => {
    const inline = document.querySelectorAll('script[type=module]:not([src])');
    expect(inline.length).toBe(1);
    const code = inline[0]!.textContent!;
    expect(code).toContain('import "/src/client/lectern.css";');
    expect(code).toContain('import deck from "/@lectern/deck/decks/deck.md.js";');
    expect(code).toMatch(/mount\(deck, \[Notes, Search, Zoom\]\);/);
    expect(document.querySelector('script[src="/@vite/client"]')).not.toBeNull();
    expect(page.modules).toEqual(expect.arrayContaining(['/@vite/client', '/@lectern/deck/decks/deck.md.js', '/src/client/lectern.css']));
  });

  it('names files inside the root by path and others under /@fs', () => {
    expect(viteUrl('/talks', '/talks/img/a.css')).toBe('/img/a.css');
    expect(viteUrl('/talks', '/elsewhere/a.css')).toBe('/@fs/elsewhere/a.css');
    expect(viteUrl('/talks', '/talks-2/a.css')).toBe('/@fs/talks-2/a.css');
  });
});
