import { showPath } from '../node/paths.ts';
import { exitCodeOf, formatError, formatWarning, LecternError, sortWarnings } from '../errors.ts';
import type { DeckWarning } from '../types.ts';

/** The only thing that writes to the terminal, besides progress bars. */
export interface Reporter {
  /** Warnings, sorted by file and line, as `file:line:col: code: message`. */
  warnings(warnings: readonly DeckWarning[]): void;
  /** A result line (what was written, how long it took); silent with --quiet. */
  info(message: string): void;
  /** Something to know that is no failure (dev: render checks are off), on stderr even with --quiet. */
  notice(message: string): void;
  /** A failed command: one message, no stack trace for Lectern's own errors. Returns the exit code. */
  error(error: unknown): number;
  /** Paths as the user typed them: relative to the working directory. */
  showPath(file: string): string;
}

export interface ReporterOptions {
  quiet?: boolean;
  /** `check` lists warnings as its output, on stdout; other commands on stderr. */
  warningsTo?: 'stdout' | 'stderr';
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

export function createReporter({ quiet = false, warningsTo = 'stderr', stdout = process.stdout, stderr = process.stderr }: ReporterOptions = {}): Reporter {
  const warningStream = warningsTo === 'stdout' ? stdout : stderr;
  return {
    showPath,
    warnings(warnings) {
      for (const warning of sortWarnings(warnings)) warningStream.write(`${formatWarning(warning, showPath)}\n`);
    },
    info(message) {
      if (!quiet) stdout.write(`${message}\n`);
    },
    notice(message) {
      stderr.write(`lectern: ${message}\n`);
    },
    error(error) {
      stderr.write(`lectern: ${formatError(error, showPath)}\n`);
      // An error Lectern did not expect is a bug: its stack helps the report.
      if (!(error instanceof LecternError) && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
      return exitCodeOf(error);
    },
  };
}

/** "1 slide", "2 slides". */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
