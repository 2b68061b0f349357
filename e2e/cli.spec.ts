import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { removeFolder, tempFolder } from './helpers.ts';

const CLI = resolve(import.meta.dirname, '../bin/lectern.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI; `until` stops it once its output matches (for `dev`). Bounded by `timeoutMs`. */
function lectern(args: string[], cwd: string, until?: RegExp, timeoutMs = 30_000): Promise<Run> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: Run = { code: null, stdout: '', stderr: '' };
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      run.stdout += chunk.toString();
      if (until?.test(run.stdout)) child.kill();
    });
    child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      run.code = code;
      resolvePromise(run);
    });
  });
}

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
