import { spawn } from 'node:child_process';
import { access, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { run } from './cli-runner.ts';
import { removeFolder } from './helpers.ts';
import { readPdf } from './pdf-reader.ts';

// Lectern as a user gets it: `npm pack`, installed into a folder of its own, run there with npx.
const REPO = resolve(import.meta.dirname, '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const INSTALL = ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel', 'error'];

let scratch: string;
let tarball: string;

test.describe.configure({ mode: 'serial', timeout: 240_000 });

test.beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'lectern-package-'));
  const packed = await run(['pack', '--pack-destination', scratch, '--loglevel', 'error'], REPO, { command: [NPM], timeoutMs: 120_000 });
  expect(packed.code, packed.stderr).toBe(0);
  tarball = join(scratch, (await readdir(scratch)).find((name) => name.endsWith('.tgz'))!);
});

test.afterAll(async () => {
  await removeFolder(scratch);
});

/** Starts `npx lectern dev` and fetches its page; the server is stopped before returning. */
function devPage(cwd: string, args: string[]): Promise<{ url: string; html: string }> {
  return new Promise((resolvePromise, reject) => {
    // A process group of its own: npx does not pass SIGTERM on to the lectern it started, which would run on.
    const child = spawn('npx', ['lectern', 'dev', ...args, '--port', '0'], { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const stop = () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => (stop(), reject(new Error('dev did not start in 60 s'))), 60_000);
    let output = '';
    child.stdout.on('data', async (chunk: Buffer) => {
      output += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(output)?.[0];
      if (!url) return;
      clearTimeout(timer);
      try {
        const html = await (await fetch(url)).text();
        resolvePromise({ url, html });
      } catch (error) {
        reject(error);
      } finally {
        stop();
      }
    });
  });
}

test('the packed tarball installs into an empty folder, where dev, check, build and pdf work on its deck', async () => {
  const folder = join(scratch, 'elsewhere');
  await mkdir(folder);
  await writeFile(join(folder, 'package.json'), '{ "name": "elsewhere", "private": true }\n');
  const installed = await run([...INSTALL, tarball], folder, { command: [NPM], timeoutMs: 180_000 });
  expect(installed.code, installed.stderr).toBe(0);
  expect(installed.stderr).not.toMatch(/EBADENGINE/);
  await writeFile(join(folder, 'talk.md'), '---\ntitle: From a tarball\n---\n# One\n\n- a <!-- .element: class="fragment" -->\n\n---\n\n## Two\n\nNote: notes\n');
  const npx = ['npx', 'lectern'];

  const checked = await run(['check', 'talk.md'], folder, { command: npx });
  expect(checked.code, checked.stderr).toBe(0);
  expect(checked.stdout).toContain('talk.md: 2 horizontal slides, 2 in all, 1 fragment step, 0 warnings');

  const page = await devPage(folder, ['talk.md']);
  expect(page.html).toContain('<title>From a tarball</title>');
  expect(page.html).toContain('<h2>Two</h2>');

  const built = await run(['build', 'talk.md', '--out', 'site'], folder, { command: npx, timeoutMs: 60_000 });
  expect(built.code, built.stderr).toBe(0);
  await access(join(folder, 'site', 'index.html'));

  const printed = await run(['pdf', 'talk.md'], folder, { command: npx, timeoutMs: 90_000 });
  expect(printed.code, printed.stderr).toBe(0);
  const pdf = await readPdf(join(folder, 'talk.pdf'));
  expect(pdf.pages).toBe(3); // slide 1 with and without its fragment, slide 2
  expect(pdf.title).toBe('From a tarball');

  // Diagrams (Mermaid's bundle, copied into the package) and MathJax (a dependency) work as installed.
  await writeFile(join(folder, 'drawn.md'), '---\nrevealOptions:\n  mathjax3: {}\n---\n# Drawn $\\sqrt{2}$\n\n```mermaid\ngraph LR\n  Packed --> Installed\n```\n');
  const drawn = await run(['build', 'drawn.md', '--out', 'drawn-site'], folder, { command: npx, timeoutMs: 120_000 });
  expect(drawn.code, drawn.stderr).toBe(0);
  expect(drawn.stdout + drawn.stderr).not.toMatch(/mermaid-error|math-error/);
  const html = await readFile(join(folder, 'drawn-site', 'index.html'), 'utf8');
  expect(html).toMatch(/<div class="lectern-diagram" data-lectern-diagram="0"><svg id="mermaid-[0-9a-f]+"/);
  expect(html).toContain('Installed');
  expect(html).toContain('<mjx-container class="MathJax" jax="SVG"');
});

test('lectern new scaffolds a talk that installs from the tarball and builds, and never overwrites', async () => {
  const created = await run(['new', 'my-talk'], join(scratch, 'elsewhere'), { command: ['npx', 'lectern'] });
  expect(created.code, created.stderr).toBe(0);
  expect(created.stdout).toContain('cd my-talk && npm install');
  expect(created.stdout).toContain('npm run dev');
  const project = join(scratch, 'elsewhere', 'my-talk');
  expect((await readdir(project)).sort()).toEqual(['.gitignore', 'decks', 'package.json', 'public', 'vite.config.js']);

  const again = await run(['new', 'my-talk'], join(scratch, 'elsewhere'), { command: ['npx', 'lectern'] });
  expect(again.code).toBe(2);
  expect(again.stderr).toContain('is not empty');

  // Until Lectern is on the registry, the talk installs it from the tarball.
  const installed = await run([...INSTALL, tarball], project, { command: [NPM], timeoutMs: 180_000 });
  expect(installed.code, installed.stderr).toBe(0);
  const checked = await run(['lectern', 'check', 'decks'], project, { command: ['npx'] });
  expect(checked.code, checked.stdout + checked.stderr).toBe(0);
  expect(checked.stdout).toMatch(/decks\/talk\.md: 4 horizontal slides, 5 in all, [1-9]\d* fragment steps, 0 warnings/);
  const built = await run(['run', 'build'], project, { command: [NPM], timeoutMs: 60_000 });
  expect(built.code, built.stderr).toBe(0);
  const html = await readFile(join(project, 'site', 'talk.html'), 'utf8');
  expect(html).toContain('Walking through code');
  expect((await readdir(join(project, 'site', 'assets'))).some((name) => /^lectern-[0-9a-f]{8}\.svg$/.test(name))).toBe(true);
});
