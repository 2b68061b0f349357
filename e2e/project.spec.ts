import { access, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { buildSite } from '../src/commands/build.ts';
import { formatError } from '../src/errors.ts';
import { createServer } from 'vite';
import { lectern } from './cli-runner.ts';
import { dev, openDeck, removeFolder, tempFolder } from './helpers.ts';

// A project's own vite.config counts: its plugins change the pages in dev and build.
const VITE_CONFIG = `export default {
  plugins: [{
    name: 'stamp',
    transformIndexHtml: (html) => html.replace('</head>', '<meta name="stamp" content="from-the-project"></head>'),
  }],
};
`;

let folder: string;
test.beforeEach(async () => {
  folder = await tempFolder({
    'package.json': '{ "name": "a-talk", "private": true, "type": "module" }\n',
    'vite.config.mjs': VITE_CONFIG,
    'talk.md': '---\ntitle: Stamped\n---\n# One\n\n---\n\n## Two\n',
  });
});
test.afterEach(async () => {
  await removeFolder(folder);
});

test("the project's vite.config plugins transform the dev page and the built page", async ({ page }) => {
  const server = await dev(join(folder, 'talk.md'));
  try {
    await openDeck(page, server.url);
    await expect(page.locator('meta[name="stamp"]')).toHaveAttribute('content', 'from-the-project');
    expect(await page.evaluate(() => window.Reveal.getTotalSlides())).toBe(2);
  } finally {
    await server.close();
  }
  await buildSite({ target: join(folder, 'talk.md'), out: join(folder, 'site') });
  expect(await readFile(join(folder, 'site', 'index.html'), 'utf8')).toContain('<meta name="stamp" content="from-the-project">');
});

test('reveal-md.json and reveal.json beside the decks give defaults that front matter overrides', async () => {
  await writeFile(join(folder, 'reveal-md.json'), JSON.stringify({ separator: '===', theme: 'moon', port: 1948 }));
  await writeFile(join(folder, 'reveal.json'), JSON.stringify({ transition: 'none', controls: false }));
  await writeFile(join(folder, 'plain.md'), '# A\n\n===\n\n# B\n\n===\n\n# C\n');
  await writeFile(join(folder, 'own.md'), '---\nseparator: "^---$"\nrevealOptions:\n  controls: true\n---\n# A\n\n===\n\n# still A\n');
  const result = await buildSite({ target: folder, out: join(folder, 'site') });
  const plain = result.decks.find((deck) => deck.file.endsWith('plain.md'))!;
  expect(plain.stacks).toHaveLength(3);
  expect(plain.options.theme).toBe('moon');
  expect(plain.options.revealOptions).toEqual({ transition: 'none', controls: false });
  const own = result.decks.find((deck) => deck.file.endsWith('own.md'))!;
  expect(own.stacks).toHaveLength(1);
  expect(own.options.revealOptions).toEqual({ transition: 'none', controls: true });
});

test('check and build report a missing theme, stylesheet and unknown highlightTheme', async () => {
  await writeFile(join(folder, 'styled.md'), '---\nhighlightTheme: nope\ncss: missing.css\ntheme: gone.css\n---\n# A\n');
  const checked = await lectern(['check', 'styled.md'], folder);
  expect(checked.code).toBe(1);
  expect(checked.stdout).toContain("styled.md:1: missing-asset: theme file 'gone.css' not found");
  expect(checked.stdout).toContain("styled.md:1: missing-asset: css file 'missing.css' not found");
  expect(checked.stdout).toContain("styled.md:1: invalid-option: unknown highlightTheme 'nope'");
  const error = await buildSite({ target: join(folder, 'styled.md'), out: join(folder, 'site') }).catch((e: unknown) => e);
  expect(formatError(error)).toContain("css file 'missing.css' not found");
  await expect(access(join(folder, 'site'))).rejects.toThrow();
  const allowed = await buildSite({ target: join(folder, 'styled.md'), out: join(folder, 'site'), allowMissing: true });
  expect(allowed.warnings.map((warning) => warning.code)).toContain('missing-asset');
});

test('npx vite in the repository serves the example decks through its vite.config.ts', async ({ page }) => {
  // What `npx vite` does: load the repository's vite.config.ts and serve its root.
  const root = resolve(import.meta.dirname, '..');
  const server = await createServer({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'silent', server: { port: 0 } });
  await server.listen();
  try {
    const url = server.resolvedUrls!.local[0]!;
    await page.goto(url);
    await expect(page.locator('a', { hasText: 'Welcome to Lectern' })).toBeVisible();
    await openDeck(page, new URL('decks/welcome.html', url).href);
    expect(await page.evaluate(() => window.Reveal.getTotalSlides())).toBeGreaterThan(3);
  } finally {
    await server.close();
  }
});
