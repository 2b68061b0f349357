import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { buildSite } from '../src/commands/build.ts';
import { formatError, LecternError } from '../src/errors.ts';
import { serveStatic } from '../src/node/static-server.ts';
import { dev, openDeck } from './helpers.ts';
import { run as runCli } from './cli-runner.ts';

/**
 * Nothing outside the project is read, compiled or served (issue 11). Each test has a temp folder
 * holding a project and, beside it, files that must stay unseen: their content is a marker that no
 * answer may contain.
 */
const SECRET = 'TOP-SECRET-7f3a';
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let base: string;
let project: string;
test.beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'lectern-exposure-'));
  project = join(base, 'talk');
  await mkdir(join(project, 'decks'), { recursive: true });
  await writeFile(join(project, 'package.json'), '{ "name": "talk", "private": true }\n');
  await writeFile(join(project, 'decks', 'talk.md'), '# Talk\n\n---\n\n## Two\n');
  await writeFile(join(base, 'secret.md'), `# ${SECRET}\n\n${SECRET}\n`);
  await writeFile(join(base, 'secret.txt'), `${SECRET}\n`);
  await writeFile(join(base, 'secret.css'), `/* ${SECRET} */ body { color: red; }\n`);
});
test.afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

/** A GET with the path sent as written (fetch would resolve `..` segments first), bounded. */
function rawGet(origin: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(origin);
    const call = request({ host: url.hostname, port: url.port, path, method: 'GET', timeout: 15_000 }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    call.on('timeout', () => call.destroy(new Error(`GET ${path} got no answer`)));
    call.on('error', reject);
    call.end();
  });
}

test('the dev server compiles only the decks it serves: a path to any other file is not compiled', async () => {
  await writeFile(join(project, 'private.md'), `# ${SECRET}\n`); // in the project, but not a deck being served
  const server = await dev(join(project, 'decks'));
  try {
    const served = await rawGet(server.url, '/@lectern/deck/decks/talk.md.js');
    expect(served.status).toBe(200);
    expect(served.body).toContain('"compiled":true');
    const outside = join(base, 'secret.md');
    for (const path of [
      `/@lectern/deck/${outside}.js`,
      `/@lectern/deck/${encodeURIComponent(outside)}.js`,
      '/@lectern/deck/../secret.md.js',
      '/@lectern/deck/%2e%2e/secret.md.js',
      `/@lectern/entry/${outside}.js`,
      '/@lectern/deck/private.md.js',
      '/@lectern/deck//etc/passwd.js',
    ]) {
      const answer = await rawGet(server.url, path);
      expect([403, 404], path).toContain(answer.status);
      expect(answer.body, path).not.toContain(SECRET);
      expect(answer.body, path).not.toContain('compiled');
    }
  } finally {
    await server.close();
  }
});

test('a symlink leaving the project: 403 in dev, refused by build, reported by check', async ({ page }) => {
  await writeFile(join(base, 'secret.png'), PNG_1X1);
  await symlink(join(base, 'secret.png'), join(project, 'decks', 'leak.png'));
  await symlink(join(base, 'secret.txt'), join(project, 'decks', 'leak.txt'));
  await symlink(join(base, 'secret.md'), join(project, 'decks', 'leak.md'));
  await mkdir(join(project, 'public'));
  await symlink(join(base, 'secret.txt'), join(project, 'public', 'public-leak.txt'));
  await writeFile(join(project, 'decks', 'talk.md'), '# Talk\n\n![leak](leak.png)\n');
  const server = await dev(join(project, 'decks'));
  try {
    // A deck that is a link to a file outside: neither its page nor its data module compiles it.
    for (const path of ['/decks/leak.html', '/@lectern/deck/decks/leak.md.js']) {
      const answer = await rawGet(server.url, path);
      expect(answer.body, path).not.toContain(SECRET);
      expect(answer.body, path).not.toContain('"compiled":true');
    }
    for (const path of ['/decks/leak.txt', '/decks/leak.png', '/public-leak.txt', `/@fs${join(project, 'decks', 'leak.txt')}`, `/@fs${join(base, 'secret.txt')}`]) {
      const answer = await rawGet(server.url, path);
      expect(answer.status, path).toBe(403);
      expect(answer.body, path).not.toContain(SECRET);
    }
    await openDeck(page, `${server.url}decks/talk.html`);
    expect(await page.locator('img[alt="leak"]').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(0);
    expect(server.logs.join('\n')).toMatch(/talk\.md:3: outside-project: 'leak\.png' is outside the project folder/);
  } finally {
    await server.close();
  }
  const error = await buildSite({ target: join(project, 'decks'), out: join(project, 'dist') }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LecternError);
  expect(formatError(error)).toMatch(/talk\.md:3: outside-project: 'leak\.png' is outside the project folder/);
  expect(formatError(error)).toMatch(/public-leak\.txt:1: outside-project: links outside the project folder; it is not published/);
  expect(await readdir(project)).not.toContain('dist');
  const check = await runCli(['check', 'decks'], project);
  expect(check.code).toBe(1);
  expect(check.stdout).toMatch(/decks\/talk\.md:3: outside-project: 'leak\.png' is outside the project folder/);
  expect(check.stdout).toContain('public/public-leak.txt:1: outside-project: links outside the project folder; it is not published');
  // Published anyway: the links are left out, nothing of their targets is in the site.
  const built = await runCli(['build', 'decks', '--out', 'dist', '--allow-missing'], project);
  expect(built.code).toBe(0);
  const names = (await readdir(join(project, 'dist'), { recursive: true })).map(String);
  expect(names).not.toContain('public-leak.txt');
  for (const name of names.filter((name) => /\.(html|css|js|txt|png)$/.test(name))) {
    expect(await readFile(join(project, 'dist', name), 'utf8'), name).not.toContain(SECRET);
  }
});

test('a theme or css file outside the project is left out and named, never printed', async () => {
  await writeFile(join(project, 'decks', 'talk.md'), '---\ntheme: ../../secret.css\ncss: ../../secret.txt\n---\n# Talk\n');
  const check = await runCli(['check', 'decks'], project);
  expect(check.stdout).toContain("theme file '../../secret.css' is outside the project folder; left out");
  expect(check.stdout).toContain("css file '../../secret.txt' is outside the project folder; left out");
  const built = await runCli(['build', 'decks', '--out', 'dist', '--allow-missing'], project);
  expect(`${check.stdout}${check.stderr}${built.stdout}${built.stderr}`).not.toContain(SECRET);
  const refused = await runCli(['build', 'decks', '--out', 'dist'], project);
  expect(refused.code).toBe(1);
  expect(refused.stderr).not.toContain(SECRET);
  for (const name of await readdir(join(project, 'dist'), { recursive: true })) {
    if (/\.(css|js|html)$/.test(String(name))) expect(await readFile(join(project, 'dist', String(name)), 'utf8'), String(name)).not.toContain(SECRET);
  }
});

test('the served root is the project folder, not the working directory nor the folder above', async () => {
  // No package.json anywhere: the deck's own folder is the project.
  const talks = join(base, 'talks');
  await mkdir(talks);
  await writeFile(join(talks, 'talk.md'), '# Talk\n');
  const server = await dev(join(talks, 'talk.md'));
  try {
    expect((await rawGet(server.url, '/')).status).toBe(200);
    for (const path of ['/secret.txt', '/../secret.txt', '/%2e%2e/secret.txt', `/@fs${join(base, 'secret.txt')}`, '/@fs/etc/passwd']) {
      const answer = await rawGet(server.url, path);
      expect([403, 404], path).toContain(answer.status);
      expect(answer.body, path).not.toContain(SECRET);
      expect(answer.body, path).not.toContain('root:');
    }
  } finally {
    await server.close();
  }
});

/** Makes a FIFO (named pipe); false where the system has no mkfifo. */
function makeFifo(path: string): boolean {
  try {
    execFileSync('mkfifo', [path]);
    return true;
  } catch {
    return false;
  }
}

test('FIFOs named as decks or images never block: dev answers, check and build refuse them in one line', async ({ page }) => {
  test.skip(!makeFifo(join(project, 'decks', 'pipe.md')), 'no mkfifo on this system');
  makeFifo(join(project, 'decks', 'pipe.png'));
  await writeFile(join(project, 'decks', 'talk.md'), '# Talk\n\n![pipe](pipe.png)\n');
  const server = await dev(join(project, 'decks'));
  try {
    // More requests than Node has file threads (4): any read that waited on a FIFO would hold one for good.
    const answers = await Promise.all([
      ...Array.from({ length: 6 }, () => rawGet(server.url, '/decks/pipe.html')),
      ...Array.from({ length: 6 }, () => rawGet(server.url, '/decks/pipe.png')),
      ...Array.from({ length: 6 }, () => rawGet(server.url, '/@lectern/deck/decks/pipe.md.js')),
    ]);
    expect(answers.slice(6, 12).map((answer) => answer.status)).toEqual(Array(6).fill(403));
    expect(answers.slice(0, 6).every((answer) => answer.status === 200 && answer.body.includes('<html'))).toBe(true);
    expect(server.logs.join('\n')).toContain('pipe.md is not a regular file');
    expect(server.logs.join('\n')).toMatch(/talk\.md:3: missing-asset: 'pipe\.png' is not a regular file/);
    await openDeck(page, `${server.url}decks/talk.html`);
    await expect(page.locator('.reveal .slides h1')).toHaveText('Talk');
  } finally {
    await server.close();
  }
  const check = await runCli(['check', 'decks/pipe.md'], project, { timeoutMs: 30_000 });
  expect(check.timedOut).toBe(false);
  expect(check.code).toBe(1);
  expect(check.stderr.trim()).toMatch(/^lectern: \S*pipe\.md is not a regular file[^\n]*; a deck must be a file$/);
  const build = await runCli(['build', 'decks/talk.md', '--out', 'dist'], project, { timeoutMs: 30_000 });
  expect(build.timedOut).toBe(false);
  expect(build.code).toBe(1);
  expect(build.stderr).toMatch(/talk\.md:3: missing-asset: 'pipe\.png' is not a regular file/);
  // In public/, which Vite copies whole: refused before the build starts, even with --allow-missing.
  await mkdir(join(project, 'public'));
  makeFifo(join(project, 'public', 'feed'));
  const withPublic = await runCli(['build', 'decks/talk.md', '--out', 'dist', '--allow-missing'], project, { timeoutMs: 30_000 });
  expect(withPublic.timedOut).toBe(false);
  expect(withPublic.code).toBe(1);
  expect(withPublic.stderr).toContain('lectern: 1 file in public/ cannot be published');
  expect(withPublic.stderr).toMatch(/public\/feed:1: missing-asset: is not a regular file/);
});

test('the static server keeps to its folder: a sibling folder with the same prefix and symlinks out are refused', async () => {
  const site = join(base, 'site');
  await mkdir(site);
  await mkdir(join(base, 'site-evil'));
  await writeFile(join(site, 'index.html'), '<h1>site</h1>');
  await writeFile(join(base, 'site-evil', 'secret.txt'), SECRET);
  await symlink(join(base, 'secret.txt'), join(site, 'link.txt'));
  const server = await serveStatic(site, '/');
  try {
    expect((await rawGet(server.url, '/')).body).toContain('site');
    for (const path of ['/../site-evil/secret.txt', '/%2e%2e/site-evil/secret.txt', '/..%2fsite-evil%2fsecret.txt', '/link.txt', '/../secret.txt']) {
      const answer = await rawGet(server.url, path);
      expect([403, 404], path).toContain(answer.status);
      expect(answer.body, path).not.toContain(SECRET);
    }
  } finally {
    await server.close();
  }
});
