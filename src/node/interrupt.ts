/** Cleanups of the work under way, run if the process is interrupted. */
const pending = new Set<() => Promise<void>>();

function onSignal(signal: NodeJS.Signals): void {
  const cleanups = [...pending];
  pending.clear();
  void Promise.allSettled(cleanups.map((cleanup) => cleanup())).finally(() => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.kill(process.pid, signal); // the default action now: the process ends as interrupted
  });
}

/**
 * Runs `work`, then `cleanup`; `cleanup` also runs if the process is interrupted (Ctrl-C, SIGTERM)
 * meanwhile, so an interrupted build or export leaves no temp folder behind.
 */
export async function withCleanup<T>(cleanup: () => Promise<void>, work: () => Promise<T>): Promise<T> {
  if (pending.size === 0) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  pending.add(cleanup);
  try {
    return await work();
  } finally {
    pending.delete(cleanup);
    if (pending.size === 0) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    await cleanup();
  }
}
