import type { DeckDefaults } from '../deck/options.ts';
import type { SlideCache } from '../deck/parse.ts';
import { formatError, formatWarning } from '../errors.ts';
import { compileDeckFile } from '../node/compile.ts';
import type { Deck, DeckWarning, DiagramRenderer } from '../types.ts';

/** Where the dev server's problems go: the CLI's reporter in `lectern dev`, Vite's logger in a user's Vite. */
export interface DevReport {
  /** A deck's warnings changed (an empty list: it has none now). */
  warnings: (file: string, warnings: DeckWarning[]) => void;
  /** A deck failed to compile. */
  error: (file: string, error: unknown) => void;
  /** The problems in a deck's rendered slides changed (an empty list: it has none now). Default: `warnings`' printer. */
  lint?: (file: string, warnings: DeckWarning[]) => void;
  /** Something the author should know once, that is no deck's problem (render checks are off: no Chromium). */
  notice?: (message: string) => void;
}

/** A deck that compiled, with the stylesheets its page loads. */
export interface StoredDeck {
  deck: Deck;
  styles: string[];
  /** Its compile warnings (render checks leave out the missing files these already name). */
  warnings: DeckWarning[];
  /** The files it reads: the deck, its stylesheets, the local files its slides and scripts load (an export must replace none). */
  inputs: string[];
}

/** The dev server's decks: compiled on demand, with the last version that compiled and the last error. */
export interface DeckStore {
  /** Compiles a deck; a request for a deck already compiling shares that compilation. */
  compile(file: string): Promise<StoredDeck | null>;
  lastGood(file: string): StoredDeck | undefined;
  lastError(file: string): string | undefined;
  /** Forgets a deck's last good version (it was read mid-write and must not be the base of a diff). */
  forget(file: string, previous: StoredDeck | undefined): void;
}

export interface DeckStoreContext {
  root: () => string;
  defaults: () => DeckDefaults;
  report: DevReport;
  /** How paths appear in messages shown in the page. */
  showPath: (file: string) => string;
  /** Draws diagrams, keeping its browser and cache across saves. */
  diagrams: DiagramRenderer;
}

export function createDeckStore({ root, defaults, report, showPath, diagrams }: DeckStoreContext): DeckStore {
  const lastGood = new Map<string, StoredDeck>();
  const lastError = new Map<string, string>();
  const caches = new Map<string, SlideCache>();
  const reported = new Map<string, string>();
  const compiling = new Map<string, Promise<StoredDeck | null>>();

  /** Reports a deck's warnings when they differ from what was reported for it last. */
  function reportOnce(file: string, warnings: DeckWarning[]): void {
    const printed = warnings.map((warning) => formatWarning(warning)).join('\n');
    if ((reported.get(file) ?? '') === printed) return;
    reported.set(file, printed);
    report.warnings(file, warnings);
  }

  async function compileNow(file: string): Promise<StoredDeck | null> {
    try {
      const cache = caches.get(file);
      const compiled = await compileDeckFile(file, { root: root(), defaults: defaults(), diagrams, ...(cache ? { cache } : {}) });
      caches.set(file, compiled.cache);
      reportOnce(file, compiled.warnings);
      const inputs = [file, ...compiled.styles, ...compiled.assets.flatMap((asset) => (asset.ok ? [asset.file] : []))];
      const stored = { deck: compiled.deck, styles: compiled.styles, warnings: compiled.warnings, inputs };
      lastGood.set(file, stored);
      lastError.delete(file);
      return stored;
    } catch (error) {
      lastError.set(file, formatError(error, showPath));
      reported.delete(file);
      report.error(file, error);
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
    forget(file, previous) {
      if (previous) lastGood.set(file, previous);
      else lastGood.delete(file);
    },
  };
}
