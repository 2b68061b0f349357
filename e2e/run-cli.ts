import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const CLI = resolve(import.meta.dirname, '../bin/lectern.js');

export interface CliRun {
  /** Exit status; null when a signal ended the process. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the run was stopped for taking longer than its bound. */
  timedOut: boolean;
}

export interface CliOptions {
  /** Bound on the whole run: the process is killed after it (and `timedOut` set). */
  timeoutMs?: number;
  /** Called with the process once it is started (to signal it mid-run). */
  onStart?: (child: ChildProcess) => void;
  /** Variables set over the test's environment (TMPDIR, to watch a command's temp folders). */
  env?: Record<string, string>;
}

/** Runs the real `lectern` command (dist/, as installed) in `cwd`. */
export function runCli(args: string[], cwd: string, { timeoutMs = 60_000, onStart, env }: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    const run: CliRun = { code: null, signal: null, stdout: '', stderr: '', timedOut: false };
    const timer = setTimeout(() => {
      run.timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      run.code = code;
      run.signal = signal;
      resolvePromise(run);
    });
    onStart?.(child);
  });
}

export interface RunningCli {
  child: ChildProcess;
  url: string;
  output: () => { stdout: string; stderr: string };
  /** Sends `signal` and waits (bounded) for the process to end; true when it ended by itself. */
  stop: (signal?: NodeJS.Signals, limitMs?: number) => Promise<boolean>;
}

/** Starts `lectern dev …` and resolves once it prints the URL it serves (bounded). */
export function startDevCli(args: string[], cwd: string, limitMs = 60_000): Promise<RunningCli> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, 'dev', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let exited = false;
    const exit = new Promise<void>((done) => child.on('close', () => ((exited = true), done())));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`lectern dev did not start within ${limitMs} ms: ${stderr}`));
    }, limitMs);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /https?:\/\/127\.0\.0\.1:\d+\//.exec(stdout)?.[0];
      if (!url) return;
      clearTimeout(timer);
      resolvePromise({
        child,
        url,
        output: () => ({ stdout, stderr }),
        stop: async (signal = 'SIGTERM', stopLimitMs = 10_000) => {
          if (exited) return true;
          child.kill(signal);
          const ended = await Promise.race([exit.then(() => true), new Promise<boolean>((done) => setTimeout(() => done(false), stopLimitMs))]);
          if (!ended) child.kill('SIGKILL');
          return ended;
        },
      });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`lectern dev exited (${code}) before it was ready: ${stderr}`));
    });
  });
}
