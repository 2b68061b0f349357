import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** The installed command, as a user runs it: bin/lectern.js on the built dist/. */
export const CLI = resolve(import.meta.dirname, '../bin/lectern.js');

// Playwright sets FORCE_COLOR=1 in its workers. Passed on next to a user's NO_COLOR, Node warns about the
// pair on the command's stderr; commands get the environment a user's shell would give them.
export const { FORCE_COLOR: _playwrightColor, ...userEnv } = process.env;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command (by default the real CLI) in `cwd`; `until` stops it once its output matches (for
 * servers). Always bounded by `timeoutMs`.
 */
export function run(args: string[], cwd: string, { until, timeoutMs = 30_000, command = [process.execPath, CLI] }: { until?: RegExp; timeoutMs?: number; command?: string[] } = {}): Promise<Run> {
  return new Promise((resolvePromise) => {
    const child = spawn(command[0]!, [...command.slice(1), ...args], { cwd, env: userEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const result: Run = { code: null, stdout: '', stderr: '' };
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      result.stdout += chunk.toString();
      if (until?.test(result.stdout)) child.kill();
    });
    child.stderr.on('data', (chunk: Buffer) => (result.stderr += chunk.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      result.code = code;
      resolvePromise(result);
    });
  });
}

/** `lectern …` in `cwd`. */
export function lectern(args: string[], cwd: string, until?: RegExp, timeoutMs = 30_000): Promise<Run> {
  return run(args, cwd, { ...(until ? { until } : {}), timeoutMs });
}
