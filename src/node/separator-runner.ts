import { Worker } from 'node:worker_threads';
import type { SeparatorRun, SeparatorStep } from '../deck/separators.ts';
import { BUNDLED } from './package-files.ts';

export interface SeparatorJob extends SeparatorRun {
  id: number;
}

/** What the worker says: it is ready, a job entered a step, finished, or threw. */
export type RunnerMessage = { ready: true } | { id: number; step: SeparatorStep } | { id: number; done: true } | { id: number; error: string };

/** How a run ended: every separator finished within its budget, or which one did not, and why. */
export type RunOutcome =
  | { ok: true }
  | { ok: false; reason: 'timeout' | 'failed'; step: SeparatorStep; detail: string }
  | { ok: false; reason: 'unavailable'; step: null; detail: string };

/** Starting a worker loads its code (the TypeScript sources through tsx when Lectern runs from src/). */
const STARTUP_LIMIT_MS = 30_000;

/**
 * The worker that runs separators, kept between runs (starting one costs more than a run of a normal
 * deck); unref'd, so an idle worker never keeps a command from ending. Replaced after a run is stopped.
 */
let current: { worker: Worker; ready: Promise<void> } | null = null;
/** Runs go one at a time: a run's budget counts only its own work. */
let queue: Promise<unknown> = Promise.resolve();
let nextId = 1;

function startWorker(): Worker {
  if (BUNDLED) return new Worker(new URL('./separator-worker.js', import.meta.url));
  // From the TypeScript sources (tests, benchmarks, `npm run dev`): tsx, a dev dependency, loads them.
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./separator-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
}

function workerReady(): { worker: Worker; ready: Promise<void> } {
  if (current) return current;
  const worker = startWorker();
  worker.unref();
  worker.on('error', () => {}); // an uncaught error ends the worker: the 'exit' that follows is handled
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not start within ${STARTUP_LIMIT_MS} ms`)), STARTUP_LIMIT_MS);
    worker.once('message', (message: RunnerMessage) => {
      clearTimeout(timer);
      if ('ready' in message) resolve();
      else reject(new Error('the worker spoke before it was ready'));
    });
    worker.once('error', (error) => (clearTimeout(timer), reject(error)));
    worker.once('exit', (code) => (clearTimeout(timer), reject(new Error(`the worker exited (${code})`))));
  });
  const started = { worker, ready };
  current = started;
  // A worker that failed to start, or exited, is not reused.
  ready.catch(() => void stopWorker(started));
  worker.once('exit', () => {
    if (current === started) current = null;
  });
  return started;
}

function stopWorker(started: { worker: Worker }): Promise<number> {
  if (current === started) current = null;
  return started.worker.terminate();
}

/**
 * Runs the separators over a deck body in a worker thread, giving each stage `budgetMs` of work; one
 * that takes longer is stopped (the worker is terminated: a regular expression cannot be
 * interrupted any other way). The main thread is free meanwhile: the dev server keeps answering.
 */
export function runSeparatorsWithBudget(run: SeparatorRun, budgetMs: number): Promise<RunOutcome> {
  const result = queue.then(() => runNow(run, budgetMs));
  queue = result.catch(() => {});
  return result;
}

async function runNow(run: SeparatorRun, budgetMs: number): Promise<RunOutcome> {
  const started = workerReady();
  try {
    await started.ready;
  } catch (error) {
    return { ok: false, reason: 'unavailable', step: null, detail: error instanceof Error ? error.message : String(error) };
  }
  const { worker } = started;
  const id = nextId++;
  return new Promise<RunOutcome>((resolve) => {
    let step: SeparatorStep = 'split';
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: RunOutcome) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      resolve(outcome);
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        void stopWorker(started);
        finish({ ok: false, reason: 'timeout', step, detail: `stopped after ${budgetMs} ms` });
      }, budgetMs);
    };
    const onMessage = (message: RunnerMessage) => {
      if ('ready' in message || message.id !== id) return;
      if ('step' in message) {
        step = message.step;
        arm(); // each stage gets the whole budget
      } else if ('done' in message) finish({ ok: true });
      else finish({ ok: false, reason: 'failed', step, detail: message.error });
    };
    const onExit = (code: number) => finish({ ok: false, reason: 'failed', step, detail: `the worker exited (${code})` });
    worker.on('message', onMessage);
    worker.on('exit', onExit);
    arm();
    worker.postMessage({ ...run, id } satisfies SeparatorJob);
  });
}
