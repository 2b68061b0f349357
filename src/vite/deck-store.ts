import { relative } from 'node:path';
import type { SlideCache } from '../deck/parse.ts';
import { formatError, formatWarning } from '../errors.ts';
import { compileDeckFile } from '../node/compile.ts';
import type { Deck, DeckWarning } from '../types.ts';
import { deckStyles } from './entry.ts';

export type Log = (level: 'warn' | 'error' | 'info', message: string) => void;

/** The dev server's decks: compiled on demand, with the last version that compiled and the last error. */
export interface DeckStore {
  /** Compiles a deck; a request for a deck already compiling shares that compilation. */
  compile(file: string): Promise<Deck | null>;
  lastGood(file: string): Deck | undefined;
  lastError(file: string): string | undefined;
}

export function createDeckStore(root: () => string, log: Log): DeckStore {
  const lastGood = new Map<string, Deck>();
  const lastError = new Map<string, string>();
  const caches = new Map<string, SlideCache>();
  const reported = new Map<string, string>();
  const compiling = new Map<string, Promise<Deck | null>>();
  const shorten = (path: string) => relative(process.cwd(), path) || path;

  /** Prints a deck's warnings when they differ from what was printed for it last. */
  function report(file: string, warnings: DeckWarning[]): void {
    const lines = warnings.map((warning) => formatWarning(warning, shorten));
    const printed = lines.join('\n');
    if (reported.get(file) === printed) return;
    reported.set(file, printed);
    for (const line of lines) log('warn', line);
  }

  async function compileNow(file: string): Promise<Deck | null> {
    try {
      let cache = caches.get(file);
      if (!cache) caches.set(file, (cache = new Map()));
      const { deck, warnings } = await compileDeckFile(file, root(), cache);
      report(file, [...warnings, ...deckStyles(deck).warnings]);
      lastGood.set(file, deck);
      lastError.delete(file);
      return deck;
    } catch (error) {
      const message = formatError(error, shorten);
      lastError.set(file, message);
      reported.delete(file);
      log('error', message);
      return null;
    }
  }

  return {
    compile(file) {
      const running = compiling.get(file);
      if (running) return running;
      const started = compileNow(file).finally(() => compiling.delete(file));
      compiling.set(file, started);
      return started;
    },
    lastGood: (file) => lastGood.get(file),
    lastError: (file) => lastError.get(file),
  };
}
