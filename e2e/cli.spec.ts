import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { lectern } from './cli-runner.ts';
import { removeFolder, tempFolder } from './helpers.ts';

let folder: string;
test.beforeEach(async () => {
  folder = await tempFolder({
    'good.md': '---\ntitle: Good\n---\n# One\n\n---\n\n## Two\n',
    'broken.md': '---\ntitle: Broken\ntheme: [black\n---\n# One\n',
    'typo.md': '---\nseperator: "==="\n---\n- **bold** text <!-- .element: class="fragment" -->\n',
  });
});
test.afterEach(async () => {
  await removeFolder(folder);
});

test('check names file and line for broken YAML, with no stack trace', async () => {
  const run = await lectern(['check', 'broken.md'], folder);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/^lectern: broken\.md:\d+:\d+: invalid front matter/);
  expect(run.stderr).not.toMatch(/\n\s+at /);
});

test('check lists warnings as file:line: code: message', async () => {
  const run = await lectern(['check', 'typo.md'], folder);
  expect(run.code).toBe(1);
  expect(run.stdout).toContain("typo.md:2:1: unknown-option: unknown option 'seperator' — did you mean 'separator'?");
  expect(run.stdout).toContain('typo.md:4: element-targets-inline:');
});

test('check passes a deck that sets the speaker view\'s pacing options, counting its code step fragments', async () => {
  const deck = [
    '---',
    'revealOptions:',
    '  totalTime: 1200',
    '  minimumTimePerSlide: 30',
    '  defaultTiming: 120',
    '  highlight: { escapeHTML: true }',
    '---',
    '# Timed',
    '',
    '<pre><code data-trim data-line-numbers="1|2">',
    'let a = 1;',
    'let b = <b>2</b>;',
    '</code></pre>',
    '',
  ].join('\n');
  await writeFile(join(folder, 'timed.md'), deck);
  const run = await lectern(['check', 'timed.md'], folder);
  expect(run.stdout).toBe('timed.md: 1 horizontal slide, 1 in all, 1 fragment step, 0 warnings\n');
  expect(run.code).toBe(0);
});

test('dev prints the URL it serves on 127.0.0.1', async () => {
  const run = await lectern(['dev', 'good.md', '--port', '0'], folder, /http:\/\/127\.0\.0\.1:\d+\//);
  expect(run.stdout).toMatch(/Lectern ready in \d+ ms: http:\/\/127\.0\.0\.1:\d+\//);
});

test('build writes a site; pdf writes a PDF beside the deck', async () => {
  const built = await lectern(['build', 'good.md', '--out', 'site'], folder);
  expect(built.code).toBe(0);
  await access(join(folder, 'site', 'index.html'));
  const printed = await lectern(['pdf', 'good.md', '--no-fragments'], folder, undefined, 60_000);
  expect(printed.code).toBe(0);
  expect(printed.stderr).toContain('good.pdf: 2 pages');
  await access(join(folder, 'good.pdf'));
});

test('usage errors are one clear line and exit 2', async () => {
  const run = await lectern(['pdf', 'good.md', '--per-page', '4'], folder);
  expect(run.code).toBe(2);
  expect(run.stderr.trim()).toBe("lectern: --per-page must be 1, 2, 3 or 6, not '4'");
  const missing = await lectern(['pdf', 'nope.md'], folder);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain('no such deck or folder');
});

test('usage mistakes are one line, exit 2, with no stack trace', async () => {
  const noDeck = await lectern(['check'], folder);
  expect(noDeck.code).toBe(2);
  expect(noDeck.stderr.trim()).toBe('lectern: missing deck — usage: lectern check <deck.md | folder>');
  const typo = await lectern(['dev', '--prot', '1'], folder);
  expect(typo.code).toBe(2);
  expect(typo.stderr.trim()).toBe('lectern: unknown option --prot, did you mean --port? (see lectern dev --help)');
  const command = await lectern(['chek', 'good.md'], folder);
  expect(command.code).toBe(2);
  expect(command.stderr).toContain("unknown command 'chek', did you mean 'check'?");
  for (const result of [noDeck, typo, command]) expect(result.stderr).not.toMatch(/\n\s+at |CACError/);
});

test('check takes a folder: every deck, warnings sorted by file and line, plurals right', async () => {
  const run = await lectern(['check', '.'], folder);
  expect(run.code).toBe(1);
  const lines = run.stdout.trim().split('\n');
  const located = lines.filter((line) => /^\S+\.md:\d+/.test(line)).map((line) => line.split(':').slice(0, 2).join(':'));
  const sorted = [...located].sort((a, b) => a.split(':')[0]!.localeCompare(b.split(':')[0]!) || Number(a.split(':')[1]) - Number(b.split(':')[1]));
  expect(located).toEqual(sorted);
  expect(run.stdout).toContain('good.md: 2 horizontal slides, 2 in all, 0 fragment steps, 0 warnings');
  expect(run.stdout).toMatch(/typo\.md: 1 horizontal slide, 1 in all, 1 fragment step, 2 warnings/);
  expect(run.stderr).toMatch(/broken\.md:\d+:\d+: invalid front matter/);
});

test('build --single-file prints the file and its size', async () => {
  const single = await lectern(['build', 'good.md', '--single-file', '--out', 'single'], folder);
  expect(single.code).toBe(0);
  expect(single.stdout).toMatch(/single\/good\.html: \d+ kB/);
  await access(join(folder, 'single', 'good.html'));
});

test('png and pptx write beside the deck; a wrong --scale is a usage error', async () => {
  test.setTimeout(150_000); // two exports, each starting its own Chromium
  const images = await lectern(['png', 'good.md', '-o', 'shots'], folder, undefined, 60_000);
  expect(images.code).toBe(0);
  expect(images.stderr).toContain('shots/good-001.png … good-002.png: 2 images');
  const pptx = await lectern(['pptx', 'good.md'], folder, undefined, 60_000);
  expect(pptx.code).toBe(0);
  expect(pptx.stderr).toContain('good.pptx: 2 slides');
  await access(join(folder, 'good.pptx'));
  const usage = await lectern(['png', 'good.md', '--scale', '3'], folder);
  expect(usage.code).toBe(2);
  expect(usage.stderr.trim()).toBe("lectern: --scale must be 1 or 2, not '3'");
});
