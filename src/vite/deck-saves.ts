import { stat } from 'node:fs/promises';
import { diffDecks } from '../deck/diff.ts';
import type { DeckUpdate, HotEvents } from '../types.ts';
import type { DeckStore, StoredDeck } from './deck-store.ts';

const MAX_RETRIES = 6;
/** First retry delay, doubled on each retry (4 … 128 ms): a write usually ends a few ms after the
 * truncation the watcher reports. */
const RETRY_DELAY_MS = 4;
const RECHECK_DELAY_MS = 80;

const version = (stats: { size: number; mtimeMs: number }) => `${stats.size}:${stats.mtimeMs}`;

export interface SaveHandlerContext {
  store: DeckStore;
  /** The deck's id in events (its path from the served root). */
  idOf: (file: string) => string;
  send: <E extends keyof HotEvents>(event: E, data: HotEvents[E]) => void;
  /** Drops what the server cached of the deck (its data module). */
  invalidate: (id: string) => void;
  showPath: (file: string) => string;
  /** The deck's update has gone out to the browser (render checks wait for this). */
  updated?: (file: string) => void;
}

export interface SaveHandler {
  /** The watcher saw the deck change (or appear): recompile it, after any save of it still in hand. */
  changed: (file: string) => void;
  /** The watcher saw the deck go: the page keeps its last version and says so. */
  deleted: (file: string) => void;
}

/** An update that changes nothing: the same slides, by key, in the same places. */
function unchanged(update: DeckUpdate, previous: StoredDeck | undefined): boolean {
  if (update.kind !== 'slides' || !previous || Object.keys(update.added).length > 0) return false;
  const before = previous.deck.stacks;
  return update.stacks.length === before.length && update.stacks.every((keys, index) => keys.length === before[index]!.length && keys.every((key, at) => key === before[index]![at]!.key));
}

/** Turns the file watcher's events for decks into `lectern:update` and `lectern:error` events. */
export function createSaveHandler({ store, idOf, send, invalidate, showPath, updated }: SaveHandlerContext): SaveHandler {
  const queues = new Map<string, Promise<void>>();
  const compiledVersion = new Map<string, string>();
  /** Decks whose pages show their last good version, without an error banner. */
  const showing = new Set<string>();

  /**
   * Recompiles a saved deck and tells the browser. Editors truncate before writing, and a big deck may
   * be read mid-write: an empty file, or one that changed while it was read, is read again (bounded).
   */
  async function onDeckSaved(file: string, attempt = 0): Promise<void> {
    const id = idOf(file);
    const before = await stat(file).catch(() => null);
    if (before === null) return;
    const again = async () => {
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * 2 ** attempt));
      return onDeckSaved(file, attempt + 1);
    };
    if (before.size === 0) {
      if (attempt < MAX_RETRIES) return again();
      showing.delete(file);
      send('lectern:error', { id, message: `${showPath(file)}: the deck is empty; showing its last version` });
      return;
    }
    const previous = store.lastGood(file);
    const compiled = await store.compile(file);
    const after = await stat(file).catch(() => null);
    if (after === null || after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
      // Read mid-write: that version never reaches the browser, so it must not become the base of the next diff.
      store.forget(file, previous);
      if (attempt < MAX_RETRIES) return again();
      return; // still changing: the watcher reports the write that is under way
    }
    compiledVersion.set(file, version(before));
    // The file watcher drops a change that follows another within 50 ms: look once more after that.
    setTimeout(() => void recheck(file), RECHECK_DELAY_MS).unref();
    invalidate(id);
    if (compiled === null) {
      showing.delete(file);
      send('lectern:error', { id, message: store.lastError(file)! });
      return;
    }
    const update = previous ? diffDecks(previous.deck, compiled.deck) : { kind: 'reload' as const, reason: 'the deck compiles again' };
    // The same slides the pages show (the recheck after a save, or a save that changed nothing): an
    // update would only make them lay out 1,000 slides again.
    if (!(showing.has(file) && unchanged(update, previous))) send('lectern:update', { id, update });
    showing.add(file);
    updated?.(file);
  }

  async function recheck(file: string): Promise<void> {
    const now = await stat(file).catch(() => null);
    if (now !== null && now.size > 0 && version(now) !== compiledVersion.get(file)) queue(file, () => onDeckSaved(file));
  }

  function queue(file: string, work: () => Promise<void>): void {
    const next = (queues.get(file) ?? Promise.resolve()).then(work, work);
    queues.set(file, next);
  }

  return {
    changed: (file) => queue(file, () => onDeckSaved(file)),
    deleted: (file) => {
      if (!store.lastGood(file)) return;
      showing.delete(file);
      send('lectern:error', { id: idOf(file), message: `${showPath(file)}: the deck file was deleted; showing its last version` });
    },
  };
}
