import { lintProblems } from '../deck/lint.ts';
import { formatError, formatWarning } from '../errors.ts';
import { missingUrls } from '../node/print-view.ts';
import type { RenderChecker } from '../node/render-check.ts';
import type { Deck, DeckWarning, HotEvents, LintProblem } from '../types.ts';
import type { DeckStore } from './deck-store.ts';

export interface LintSettings {
  /** Quiet time after the last save (or the page's request) before a check starts. */
  delayMs: number;
  /** Bounds loading the page and each slide's images and fonts. */
  timeoutMs: number;
}

export interface LintSchedulerContext {
  store: DeckStore;
  /** The URL of a deck's page on this server; null while it does not listen. */
  pageUrl: (file: string) => string | null;
  idOf: (file: string) => string;
  /** To every open page. */
  send: (data: HotEvents['lectern:lint']) => void;
  report: {
    lint: (file: string, warnings: DeckWarning[]) => void;
    notice: (message: string) => void;
  };
  settings: LintSettings;
  /** The background browser, made on the first check (dev starts without loading Playwright). */
  createChecker: () => Promise<RenderChecker>;
}

export interface LintScheduler {
  /** A save reached the browser: the deck is checked again once saves pause; a check under way stops (the update needs the CPU). */
  saved(file: string): void;
  /** A page shows the deck: it gets the last problems, and the deck is checked if it has not been since its last save. */
  requested(file: string, reply: (problems: LintProblem[]) => void): void;
  close(): Promise<void>;
}

interface DeckState {
  /** Saves seen, and the save the last finished check saw. */
  saves: number;
  checked: number;
  problems: LintProblem[] | null;
  /** What the terminal was last shown, to print only changes. */
  printed: string;
  timer: NodeJS.Timeout | undefined;
}

/**
 * When to check the rendered slides in `lectern dev`: after a save's update has gone out, once saves
 * pause, one deck at a time in one background page. Results go to the terminal (when they change) and
 * to the deck's open pages.
 */
export function createLintScheduler(context: LintSchedulerContext): LintScheduler {
  const states = new Map<string, DeckState>();
  /** Decks whose quiet time is over, oldest first. */
  const due = new Set<string>();
  let running: { file: string; controller: AbortController } | null = null;
  let checker: Promise<RenderChecker> | null = null;
  /** No browser: said once, then no more checks. */
  let off = false;
  let closed = false;
  const noticed = new Set<string>();

  const stateOf = (file: string): DeckState => {
    let state = states.get(file);
    if (!state) states.set(file, (state = { saves: 0, checked: -1, problems: null, printed: '', timer: undefined }));
    return state;
  };

  function notice(message: string): void {
    if (noticed.has(message)) return;
    noticed.add(message);
    context.report.notice(message);
  }

  function schedule(file: string): void {
    if (off || closed) return;
    const state = stateOf(file);
    clearTimeout(state.timer);
    due.delete(file);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      due.add(file);
      void next();
    }, context.settings.delayMs);
    state.timer.unref();
  }

  function publish(file: string, deck: Deck, warnings: DeckWarning[]): void {
    const state = stateOf(file);
    state.problems = lintProblems(deck, warnings);
    context.send({ id: context.idOf(file), problems: state.problems });
    const printed = warnings.map((warning) => formatWarning(warning)).join('\n');
    if (printed === state.printed) return;
    state.printed = printed;
    context.report.lint(file, warnings);
  }

  async function next(): Promise<void> {
    if (running || off || closed) return;
    const file = due.values().next().value;
    if (file === undefined) return;
    due.delete(file);
    const state = stateOf(file);
    const stored = context.store.lastGood(file);
    const url = context.pageUrl(file);
    if (!stored || url === null) return next();
    const saves = state.saves;
    const controller = new AbortController();
    running = { file, controller };
    try {
      checker ??= context.createChecker();
      const browser = await checker;
      await browser.start();
    } catch (error) {
      // No browser to check with: say so once, and go on without checks.
      off = true;
      running = null;
      notice(`render checks are off: ${formatError(error)}`);
      return;
    }
    try {
      const warnings = await (await checker).check(url, stored.deck, { timeoutMs: context.settings.timeoutMs, reported: missingUrls(stored.warnings), signal: controller.signal });
      // A save came while the deck was checked: its own check is on the way.
      if (state.saves === saves) {
        state.checked = saves;
        publish(file, stored.deck, warnings);
      }
    } catch (error) {
      if (controller.signal.aborted) schedule(file);
      else notice(`render check of ${context.idOf(file)} failed: ${formatError(error)}`);
    } finally {
      running = null;
    }
    return next();
  }

  return {
    saved(file) {
      stateOf(file).saves++;
      running?.controller.abort();
      schedule(file);
    },
    requested(file, reply) {
      const state = stateOf(file);
      if (state.problems !== null) reply(state.problems);
      const pending = state.timer !== undefined || due.has(file) || running?.file === file;
      if (state.checked !== state.saves && !pending) schedule(file);
    },
    async close() {
      closed = true;
      for (const state of states.values()) clearTimeout(state.timer);
      running?.controller.abort();
      await checker?.then((started) => started.close(), () => {});
    },
  };
}
