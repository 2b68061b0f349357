import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** The installed command, as a user runs it: bin/lectern.js on the built dist/. */
export const CLI = resolve(import.meta.dirname, '../bin/lectern.js');

// Playwright sets FORCE_COLOR=1 in its workers. Passed on next to a user's NO_COLOR, Node warns about the
// pair on the command's stderr; commands get the environment a user's shell would give them.
export const { FORCE_COLOR: _playwrightColor, ...userEnv } = process.env;

export interface Run {
  /** Exit status; null when a signal ended the process. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the run was stopped for taking longer than `timeoutMs`. */
  timedOut: boolean;
}

export interface RunOptions {
  /** Stops the command once its stdout matches (for servers). */
  until?: RegExp;
  /** Bound on the whole run: SIGTERM after it, SIGKILL 5 s later if that was ignored. */
  timeoutMs?: number;
  command?: string[];
  /** Called with the process once started (to signal it mid-run). */
  onStart?: (child: ChildProcess) => void;
  /** Variables set over the user's environment (TMPDIR, to watch a command's temp folders). */
  env?: Record<string, string>;
}

/**
 * Runs a command (by default the real CLI) in `cwd`; `until` stops it once its output matches (for
 * servers). Always bounded by `timeoutMs`.
 */
export function run(args: string[], cwd: string, { until, timeoutMs = 30_000, command = [process.execPath, CLI], onStart, env }: RunOptions = {}): Promise<Run> {
  return new Promise((resolvePromise) => {
    const child = spawn(command[0]!, [...command.slice(1), ...args], { cwd, env: { ...userEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const result: Run = { code: null, signal: null, stdout: '', stderr: '', timedOut: false };
    let escalate: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      result.timedOut = true;
      child.kill();
      escalate = setTimeout(() => child.kill('SIGKILL'), 5000);
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      result.stdout += chunk.toString();
      if (until?.test(result.stdout)) child.kill();
    });
    child.stderr.on('data', (chunk: Buffer) => (result.stderr += chunk.toString()));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(escalate);
      result.code = code;
      result.signal = signal;
      resolvePromise(result);
    });
    onStart?.(child);
  });
}

/** `lectern …` in `cwd`. */
export function lectern(args: string[], cwd: string, until?: RegExp, timeoutMs = 30_000): Promise<Run> {
  return run(args, cwd, { ...(until ? { until } : {}), timeoutMs });
}

export interface RunningCli {
  child: ChildProcess;
  url: string;
  output: () => { stdout: string; stderr: string };
  /** Sends `signal` and waits (bounded) for the process to end; true when it ended by itself. */
  stop: (signal?: NodeJS.Signals, limitMs?: number) => Promise<boolean>;
}

/** Starts `lectern dev …` and resolves once it prints the URL it serves (bounded). */
export function startDev(args: string[], cwd: string, limitMs = 60_000): Promise<RunningCli> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, 'dev', ...args], { cwd, env: userEnv, stdio: ['ignore', 'pipe', 'pipe'] });
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
