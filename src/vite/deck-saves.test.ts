import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createMermaidRenderer } from '../node/mermaid.ts';
import type { HotEvents } from '../types.ts';
import { createSaveHandler } from './deck-saves.ts';
import { createDeckStore } from './deck-store.ts';

type Sent = { event: 'lectern:update'; data: HotEvents['lectern:update'] } | { event: 'lectern:error'; data: HotEvents['lectern:error'] };

let folder: string;
let file: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'lectern-saves-'));
  file = join(folder, 'talk.md');
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** A save handler over a real deck store; `save` resolves once the handler has dealt with the save. */
async function setup(source: string) {
  await writeFile(file, source);
  const store = createDeckStore({ root: () => folder, defaults: () => ({}), report: { warnings: () => {}, error: () => {} }, showPath: (path) => path, diagrams: createMermaidRenderer() });
  await store.compile(file); // the page's first load
  const sent: Sent[] = [];
  let handled = () => {};
  const handler = createSaveHandler({
    store,
    idOf: () => 'talk.md',
    send: (event, data) => {
      sent.push({ event, data } as Sent);
      if (event === 'lectern:error') handled();
    },
    invalidate: () => {},
    showPath: (path) => path,
    updated: () => handled(),
  });
  const save = async (text: string) => {
    const done = new Promise<void>((resolve) => (handled = resolve));
    await writeFile(file, text);
    handler.changed(file);
    await done;
  };
  return { sent, save };
}

it('sends no update for a save that leaves every slide as the page shows it, and clears an error banner with the same slides', async () => {
  const first = '# One\n\n---\n\n## Two\n';
  const { sent, save } = await setup(first);
  const events = () => sent.map(({ event }) => event);
  await save('# One\n\n---\n\n## Two, edited\n');
  expect(events()).toEqual(['lectern:update']);
  await save('# One\n\n---\n\n## Two, edited\n');
  expect(events()).toEqual(['lectern:update']);
  await save('---\ntheme: [\n---\n# One\n');
  expect(events().at(-1)).toBe('lectern:error');
  // The deck compiles again with the slides it had: the page must hear it, to take its banner down.
  await save('# One\n\n---\n\n## Two, edited\n');
  expect(events().at(-1)).toBe('lectern:update');
  expect(events().filter((event) => event === 'lectern:update')).toHaveLength(2);
});
