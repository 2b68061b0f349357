import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import type { ChildProcess } from 'node:child_process';
import { join, relative } from 'node:path';
import { expect, test } from '@playwright/test';
import { generateDeck } from '../bench/generate.ts';
import { run as runCli } from './cli-runner.ts';

/**
 * Outputs never replace inputs (issue 11): every run happens in a temp project three folders deep, so
 * that even `--out ../..` stays inside the test's own folder if a refusal ever failed.
 */
let base: string;
let project: string;
const DECK = '---\ntitle: Talk\n---\n# One\n\n---\n\n## Two\n';

test.beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'lectern-outputs-'));
  project = join(base, 'a', 'b', 'talk');
  await mkdir(join(project, 'decks'), { recursive: true });
  await mkdir(join(project, 'public'));
  await writeFile(join(project, 'package.json'), '{ "name": "talk", "private": true }\n');
  await writeFile(join(project, 'decks', 'talk.md'), DECK);
  await writeFile(join(project, 'decks', 'notes.txt'), 'my notes');
  await writeFile(join(project, 'public', 'logo.txt'), 'logo');
  await writeFile(join(base, 'a', 'elsewhere.txt'), 'not the project');
});
test.afterEach(async () => {
  await chmod(join(project, 'locked'), 0o755).catch(() => {});
  await rm(base, { recursive: true, force: true });
});

/** Every file below the temp folder with its content: what a refused command must leave as it was. */
async function snapshot(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(base, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(base, path)] = await readFile(path, 'utf8');
  }
  return files;
}

/** Command lines of the processes that name `path` (Linux /proc; none where there is no /proc). */
async function processesUsing(path: string): Promise<string[]> {
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((name) => /^\d+$/.test(name));
  const lines = await Promise.all(pids.map((pid) => readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')));
  return lines.filter((line) => line.includes(path)).map((line) => line.split('\0').join(' ').slice(0, 200));
}

/** True when this user can write into a folder whose write permission was taken away (root can). */
async function permissionsBind(folder: string): Promise<boolean> {
  const probe = join(folder, '.probe');
  const written = await writeFile(probe, '').then(() => true, () => false);
  await rm(probe, { force: true });
  return !written;
}

test('build --out refuses to replace the project, a deck, its folder, public/, a folder above, with exit 2 and no change', async () => {
  const before = await snapshot();
  const refusals: [string, RegExp][] = [
    ['.', /^lectern: --out \. would replace the (working directory|project folder)/],
    ['decks', /^lectern: --out decks would replace the (deck|folder of the deck) .*talk\.md/],
    ['decks/talk.md', /^lectern: --out decks\/talk\.md would replace the deck .*talk\.md/],
    ['../..', /^lectern: --out \.\.\/\.\. would replace the (working directory|project folder)/],
    ['public', /^lectern: --out public would replace the project's public\/ folder/],
  ];
  for (const [out, message] of refusals) {
    const run = await runCli(['build', 'decks', '--out', out], project);
    expect(run.code, `--out ${out}`).toBe(2);
    expect(run.stderr.trim().split('\n'), `--out ${out}`).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  }
  expect(await snapshot()).toEqual(before);
});

test('build --out replaces only a site it built before, or an empty folder', async () => {
  await mkdir(join(project, 'other'));
  await writeFile(join(project, 'other', 'thesis.tex'), 'years of work');
  const refused = await runCli(['build', 'decks', '--out', 'other'], project);
  expect(refused.code).toBe(2);
  expect(refused.stderr.trim()).toBe('lectern: --out other holds files Lectern did not build; refusing to replace it (empty it, or choose a new folder)');
  expect(await readFile(join(project, 'other', 'thesis.tex'), 'utf8')).toBe('years of work');

  await mkdir(join(project, 'empty'));
  expect((await runCli(['build', 'decks', '--out', 'empty'], project)).code).toBe(0);
  expect((await readdir(join(project, 'empty'))).sort()).toEqual(expect.arrayContaining(['.lectern-build', 'index.html', 'talk.html']));
  await writeFile(join(project, 'decks', 'talk.md'), DECK.replace('# One', '# Uno'));
  const again = await runCli(['build', 'decks', '--out', 'empty'], project);
  expect(again.code).toBe(0);
  expect(await readFile(join(project, 'empty', 'talk.html'), 'utf8')).toContain('Uno');
});

test('build --out and pdf -o into a folder this user cannot write fail before any work, in one line', async () => {
  const locked = join(project, 'locked');
  await mkdir(locked);
  await chmod(locked, 0o555);
  test.skip(!(await permissionsBind(locked)), 'this user (root) writes through read-only permissions: nothing to refuse');
  const site = await runCli(['build', 'decks', '--out', 'locked/site'], project);
  expect(site.code).toBe(2);
  expect(site.stderr.trim()).toBe('lectern: cannot write into locked: permission denied');
  const pdf = await runCli(['pdf', 'decks/talk.md', '-o', 'locked/talk.pdf'], project);
  expect(pdf.code).toBe(2);
  expect(pdf.stderr.trim()).toBe('lectern: cannot write into locked: permission denied');
  expect(pdf.stderr).not.toContain('compiling');
});

test('pdf -o refuses a deck, and a target that is not a regular file; the deck is untouched', async () => {
  const before = await snapshot();
  const onDeck = await runCli(['pdf', 'decks/talk.md', '-o', 'decks/talk.md'], project);
  expect(onDeck.code).toBe(2);
  expect(onDeck.stderr.trim()).toBe('lectern: decks/talk.md is a deck; Lectern never writes over a deck');
  const onFolder = await runCli(['pdf', 'decks/talk.md', '-o', 'public'], project);
  expect(onFolder.code).toBe(2);
  expect(onFolder.stderr.trim()).toBe('lectern: public exists and is not a regular file');
  expect(await snapshot()).toEqual(before);
});

test('pdf -o and pptx -o refuse an image the deck shows, found once the deck is compiled; the image is untouched', async () => {
  const image = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  await writeFile(join(project, 'decks', 'pic.png'), image);
  await writeFile(join(project, 'decks', 'talk.md'), `${DECK}\n---\n\n![pic](pic.png)\n`);
  for (const command of ['pdf', 'pptx']) {
    const run = await runCli([command, 'decks/talk.md', '-o', 'decks/pic.png', '--no-preview'].filter((arg) => command === 'pdf' || arg !== '--no-preview'), project, { timeoutMs: 60_000 });
    expect(run.code, command).toBe(2);
    expect(run.stderr.trim().split('\n').at(-1), command).toBe('lectern: decks/pic.png is a file the deck uses; Lectern never replaces one (choose another -o)');
    expect(await readFile(join(project, 'decks', 'pic.png'))).toEqual(image);
  }
});

/** Sends SIGINT to `child` once `appeared()` holds (polled every 5 ms, at most 6,000 times); true if sent. */
async function interruptWhen(child: ChildProcess, appeared: () => Promise<boolean>): Promise<boolean> {
  for (let poll = 0; poll < 6000 && child.exitCode === null; poll++) {
    if (await appeared()) return child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return false;
}

test('a build interrupted with Ctrl-C (SIGINT) leaves no temp folder and no half site', async () => {
  // Slow enough to be caught mid-way: a long deck and many images to copy.
  const images = Array.from({ length: 300 }, (_, i) => `![i${i}](img/i${i}.png)`).join('\n');
  await writeFile(join(project, 'decks', 'talk.md'), `${generateDeck(1000)}\n\n---\n\n${images}\n`);
  await mkdir(join(project, 'decks', 'img'));
  for (let i = 0; i < 300; i++) await writeFile(join(project, 'decks', 'img', `i${i}.png`), Buffer.alloc(64 * 1024, i));
  const temps = async () => (await readdir(project)).filter((name) => name.startsWith('.site.lectern-'));
  let interrupted: Promise<boolean> = Promise.resolve(false);
  const run = await runCli(['build', 'decks', '--out', 'site'], project, {
    onStart: (child) => (interrupted = interruptWhen(child, async () => (await temps()).length > 0)),
  });
  expect(await interrupted, `the build ended before its temp folder was seen: ${run.stderr}`).toBe(true);
  expect(run.timedOut).toBe(false);
  expect(run.signal).toBe('SIGINT');
  expect(await temps()).toEqual([]);
  expect(await stat(join(project, 'site')).catch(() => null)).toBeNull();
});

test('a pdf export interrupted with Ctrl-C (SIGINT) leaves no temp folder and no PDF', async () => {
  await writeFile(join(project, 'decks', 'talk.md'), generateDeck(200));
  const temp = join(base, 'tmp');
  await mkdir(temp);
  const exports = async () => (await readdir(temp)).filter((name) => name.startsWith('lectern-export-'));
  let interrupted: Promise<boolean> = Promise.resolve(false);
  const run = await runCli(['pdf', 'decks/talk.md', '-o', 'talk.pdf'], project, {
    env: { TMPDIR: temp },
    onStart: (child) => (interrupted = interruptWhen(child, async () => (await exports()).length > 0)),
  });
  expect(await interrupted, `the export ended before its temp folder was seen: ${run.stderr}`).toBe(true);
  expect(run.timedOut).toBe(false);
  expect(run.signal).toBe('SIGINT');
  expect(await exports()).toEqual([]);
  // No browser left running on its own (its profile is in our TMPDIR); polled, bounded: 300 × 100 ms (a
  // browser the interrupt caught starting, on a machine busy with other tests, takes seconds to go).
  let running = await processesUsing(temp);
  for (let poll = 0; poll < 300 && running.length > 0; poll++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    running = await processesUsing(temp);
  }
  expect(running).toEqual([]);
  expect(await readdir(project)).not.toContain('talk.pdf');
});

test('a dev port already in use is one clear line and exit 1, no stack trace', async () => {
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const { port } = busy.address() as { port: number };
  try {
    const run = await runCli(['dev', 'decks', '--port', String(port)], project, { timeoutMs: 30_000 });
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`lectern: the dev server could not start: Port ${port} is already in use`);
  } finally {
    await new Promise((resolve) => busy.close(resolve));
  }
});
