import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { run } from './cli-runner.ts';
import { armEvent, atomicSave, copyFixture, dev, openDeck, removeFolder, tempFolder, type RunningDev } from './helpers.ts';
import { readPdf } from './pdf-reader.ts';

let folder: string;
let server: RunningDev | null = null;
test.beforeEach(async () => {
  folder = await tempFolder({});
});
test.afterEach(async () => {
  await server?.close();
  server = null;
  await removeFolder(folder);
});

const PRINTED_BY_PREVIEW = /printed by the running preview at http:\/\/127\.0\.0\.1:\d+/;

test('lectern pdf prints through a running lectern dev: the same PDF as a fresh export, of the deck as last saved', async ({ page }) => {
  test.setTimeout(120_000);
  const deck = await copyFixture(folder);
  server = await dev(deck);

  const viaPreview = await run(['pdf', 'talk.md', '-o', 'preview.pdf'], folder, { timeoutMs: 60_000 });
  expect(viaPreview.code, viaPreview.stderr).toBe(0);
  expect(viaPreview.stderr + viaPreview.stdout).toMatch(PRINTED_BY_PREVIEW);
  const fresh = await run(['pdf', 'talk.md', '-o', 'fresh.pdf', '--no-preview'], folder, { timeoutMs: 60_000 });
  expect(fresh.code, fresh.stderr).toBe(0);
  expect(fresh.stderr + fresh.stdout).not.toMatch(PRINTED_BY_PREVIEW);
  const [previewPdf, freshPdf] = await Promise.all([readPdf(join(folder, 'preview.pdf')), readPdf(join(folder, 'fresh.pdf'))]);
  expect(previewPdf.pages).toBe(60);
  expect(previewPdf.texts).toEqual(freshPdf.texts);
  expect(previewPdf.outline).toEqual(freshPdf.outline);
  expect(previewPdf.sizes).toEqual(freshPdf.sizes);
  expect(previewPdf.title).toBe(freshPdf.title);
  expect(previewPdf.tagged).toBe(true);

  // A save the preview has shown is in the next export, with the options asked for.
  await openDeck(page, server.url);
  const updated = await armEvent(page);
  await atomicSave(deck, (await readFile(deck, 'utf8')).replace('# Who is talking', '# Who is speaking'));
  await updated();
  const edited = await run(['pdf', 'talk.md', '-o', 'edited.pdf', '--no-fragments'], folder, { timeoutMs: 60_000 });
  expect(edited.stderr + edited.stdout).toMatch(PRINTED_BY_PREVIEW);
  const editedPdf = await readPdf(join(folder, 'edited.pdf'));
  expect(editedPdf.pages).toBe(20);
  expect(editedPdf.texts[1]).toMatch(/^WHO IS SPEAKING/);
});

test('only who holds the token may ask the preview to print, and without a preview lectern pdf exports from scratch', async () => {
  test.setTimeout(120_000);
  await copyFixture(folder);
  server = await dev(join(folder, 'talk.md'));
  const origin = new URL(server.url).origin;
  const request = { deck: join(folder, 'talk.md'), timeoutMs: 10_000 };
  const withoutToken = await fetch(`${origin}/@lectern/export`, { method: 'POST', body: JSON.stringify(request) });
  expect(withoutToken.status).toBe(403);
  const wrongToken = await fetch(`${origin}/@lectern/export`, { method: 'POST', headers: { 'x-lectern-token': 'guess' }, body: JSON.stringify(request) });
  expect(wrongToken.status).toBe(403);

  await server.close();
  server = null;
  const after = await run(['pdf', 'talk.md', '-o', 'after.pdf', '--no-fragments'], folder, { timeoutMs: 60_000 });
  expect(after.code, after.stderr).toBe(0);
  expect(after.stderr + after.stdout).not.toMatch(PRINTED_BY_PREVIEW);
  expect((await readPdf(join(folder, 'after.pdf'))).pages).toBe(20);
});
