/**
 * Worker thread entry: runs the author's separators over a deck's text, telling the main thread before
 * each one, so the main thread can stop a run that backtracks without end (see separator-runner.ts).
 */
import { parentPort } from 'node:worker_threads';
import { runSeparators } from '../deck/separators.ts';
import type { RunnerMessage, SeparatorJob } from './separator-runner.ts';

const port = parentPort;
if (port) {
  const post = (message: RunnerMessage) => port.postMessage(message);
  port.on('message', (job: SeparatorJob) => {
    try {
      runSeparators(job, (step) => post({ id: job.id, step }));
      post({ id: job.id, done: true });
    } catch (error) {
      post({ id: job.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
  post({ ready: true });
}
