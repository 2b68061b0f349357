import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LecternError } from '../errors.ts';
import { parseSource } from '../node/renderers.ts';
import type { RenderChecker, RenderCheckOptions } from '../node/render-check.ts';
import type { Deck, DeckWarning, HotEvents } from '../types.ts';
import { createLintScheduler } from './deck-lint.ts';
import type { DeckStore } from './deck-store.ts';

const FILE = '/talks/talk.md';
const DELAY = 500;

/**
 * A checker whose checks the test finishes by hand, as the background browser would, later. With
 * `lateAbort`, an aborted check still finishes (it was done when the save came).
 */
function manualChecker(startError?: Error, lateAbort = false) {
  const calls: { deck: Deck; options: RenderCheckOptions; finish: (warnings: DeckWarning[]) => void; fail: (error: Error) => void }[] = [];
  let starts = 0;
  const checker: RenderChecker = {
    start: async () => {
      starts++;
      if (startError) throw startError;
    },
    check: (_url, deck, options) =>
      new Promise((resolve, reject) => {
        if (!lateAbort) options.signal?.addEventListener('abort', () => reject(options.signal!.reason));
        calls.push({ deck, options, finish: resolve, fail: reject });
      }),
    browser: () => Promise.reject(new Error('the scheduler never asks for the browser')),
    close: async () => {},
  };
  return { checker, calls, starts: () => starts };
}

function setup(startError?: Error, lateAbort = false) {
  const deck = parseSource('# One\n\n---\n\n## Two\n', FILE).deck;
  const store = { lastGood: () => ({ deck, styles: [], warnings: [] }) } as unknown as DeckStore;
  const manual = manualChecker(startError, lateAbort);
  const sent: HotEvents['lectern:lint'][] = [];
  const printed: DeckWarning[][] = [];
  const notices: string[] = [];
  const scheduler = createLintScheduler({
    store,
    pageUrl: () => 'http://127.0.0.1:5173/',
    idOf: () => 'talk.md',
    send: (data) => sent.push(data),
    report: { lint: (_file, warnings) => printed.push(warnings), notice: (message) => notices.push(message) },
    settings: { delayMs: DELAY, timeoutMs: 1000 },
    createChecker: async () => manual.checker,
  });
  const problem = (message: string): DeckWarning => ({ code: 'overflow', file: FILE, line: 5, message });
  return { scheduler, manual, sent, printed, notices, problem };
}

/** Lets timers fire and promises settle. */
const settle = async (ms = 0) => {
  await vi.advanceTimersByTimeAsync(ms);
};

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('render checks in dev', () => {
  it('wait until saves pause, then check once', async () => {
    const { scheduler, manual } = setup();
    scheduler.saved(FILE);
    await settle(DELAY - 100);
    scheduler.saved(FILE);
    await settle(DELAY - 100);
    expect(manual.calls).toHaveLength(0);
    await settle(100);
    expect(manual.calls).toHaveLength(1);
  });

  it('stop a check when a save comes, never publish its stale result, and check the new version', async () => {
    const { scheduler, manual, sent, printed, problem } = setup(undefined, true);
    scheduler.saved(FILE);
    await settle(DELAY);
    const first = manual.calls[0]!;
    scheduler.saved(FILE);
    expect(first.options.signal?.aborted).toBe(true);
    first.finish([problem('stale')]);
    await settle(DELAY);
    expect(manual.calls).toHaveLength(2);
    manual.calls[1]!.finish([problem('slide 2: content is 10 px (1%) taller than the 960×700 slide')]);
    await settle();
    expect(sent.map((data) => data.problems.map((p) => p.message))).toEqual([['slide 2: content is 10 px (1%) taller than the 960×700 slide']]);
    expect(printed).toHaveLength(1);
  });

  it('print to the terminal only when the problems change, and send the page every result', async () => {
    const { scheduler, manual, sent, printed, problem } = setup();
    for (const warnings of [[problem('a')], [problem('a')], []]) {
      scheduler.saved(FILE);
      await settle(DELAY);
      manual.calls.at(-1)!.finish(warnings);
      await settle();
    }
    expect(printed.map((list) => list.length)).toEqual([1, 0]);
    expect(sent).toHaveLength(3);
  });

  it('answer a page with the last problems, and check only a deck not checked since its last save', async () => {
    const { scheduler, manual, problem } = setup();
    const replies: number[] = [];
    scheduler.requested(FILE, (problems) => replies.push(problems.length));
    expect(replies).toEqual([]);
    await settle(DELAY);
    manual.calls[0]!.finish([problem('a')]);
    await settle();
    scheduler.requested(FILE, (problems) => replies.push(problems.length));
    await settle(DELAY);
    expect(replies).toEqual([1]);
    expect(manual.calls).toHaveLength(1);
  });

  it('say once that checks are off when no browser starts, and try no more', async () => {
    const { scheduler, manual, notices } = setup(new LecternError('browser', 'no browser at /nowhere'));
    for (let save = 0; save < 3; save++) {
      scheduler.saved(FILE);
      await settle(DELAY);
    }
    scheduler.requested(FILE, () => {});
    await settle(DELAY);
    expect(notices).toEqual(['render checks are off: no browser at /nowhere']);
    expect(manual.starts()).toBe(1);
  });

  it('go on after a check fails, saying so once per reason', async () => {
    const { scheduler, manual, notices, sent, problem } = setup();
    for (let save = 0; save < 2; save++) {
      scheduler.saved(FILE);
      await settle(DELAY);
      manual.calls.at(-1)!.fail(new LecternError('browser', 'could not check the rendered slides: page crashed'));
      await settle();
    }
    scheduler.saved(FILE);
    await settle(DELAY);
    manual.calls.at(-1)!.finish([problem('a')]);
    await settle();
    expect(notices).toEqual(['render check of talk.md failed: could not check the rendered slides: page crashed']);
    expect(sent).toHaveLength(1);
    await scheduler.close();
  });
});
