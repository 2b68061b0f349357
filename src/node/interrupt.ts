import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';

/** Cleanups of the work under way (a browser to close), run if the process is interrupted. */
const pending = new Set<() => Promise<void>>();
/** Temp folders of the work under way, removed last thing before an interrupted process ends. */
const folders = new Set<string>();

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/** An interrupted process ends after this even if a cleanup hangs (a browser that does not close). */
const CLEANUP_LIMIT_MS = 5000;

function listen(on: boolean): void {
  for (const signal of SIGNALS) {
    if (on) process.on(signal, onSignal);
    else process.off(signal, onSignal);
  }
}

let interrupted = false;

/** True once a signal is being handled: the work may now fail (its browser closed), and the process ends by the signal. */
export function wasInterrupted(): boolean {
  return interrupted;
}

function onSignal(signal: NodeJS.Signals): void {
  interrupted = true;
  const cleanups = [...pending];
  pending.clear();
  const limit = new Promise((resolve) => setTimeout(resolve, CLEANUP_LIMIT_MS).unref());
  void Promise.race([Promise.allSettled(cleanups.map((cleanup) => cleanup())), limit]).finally(() => {
    // Synchronously, then the signal: no write still under way (Vite's, Chromium's) can refill a folder.
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    listen(false);
    process.kill(process.pid, signal); // the default action now: the process ends as interrupted
  });
}

function hold(): void {
  if (pending.size === 0 && folders.size === 0) listen(true);
}

function release(): void {
  if (pending.size === 0 && folders.size === 0) listen(false);
}

/**
 * Runs `work`, then `cleanup`; `cleanup` also runs if the process is interrupted (Ctrl-C, SIGTERM,
 * SIGHUP) meanwhile, so an interrupted export leaves no browser behind.
 */
export async function withCleanup<T>(cleanup: () => Promise<void>, work: () => Promise<T>): Promise<T> {
  hold();
  pending.add(cleanup);
  try {
    return await work();
  } finally {
    pending.delete(cleanup);
    release();
    await cleanup();
  }
}

/**
 * Runs `work` with a temp folder at `folder` (a path not yet created: it is registered before it
 * exists, so no moment is left where an interrupt would miss it), then removes the folder; an
 * interrupted process removes it too.
 */
export async function withTempFolder<T>(folder: string, work: () => Promise<T>): Promise<T> {
  hold();
  folders.add(folder);
  try {
    return await work();
  } finally {
    folders.delete(folder);
    release();
    await rm(folder, { recursive: true, force: true });
  }
}
