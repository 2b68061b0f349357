import type { DeckWarning, SourceLocation } from './types.ts';

export type ErrorCode =
  | 'yaml'
  | 'front-matter'
  | 'render'
  | 'encoding'
  | 'not-found'
  | 'usage'
  | 'browser'
  | 'export'
  | 'build'
  | 'server'
  | 'asset'
  | 'unsafe-path';

/**
 * The one error type Lectern throws on purpose: it always says what and where. `problems` are the
 * deck problems that caused it (a build refusing missing files lists each one).
 */
export class LecternError extends Error {
  readonly code: ErrorCode;
  readonly location: SourceLocation | undefined;
  readonly problems: DeckWarning[];

  constructor(code: ErrorCode, message: string, location?: SourceLocation, problems: DeckWarning[] = []) {
    super(message);
    this.name = 'LecternError';
    this.code = code;
    this.location = location;
    this.problems = problems;
  }
}

/** Exit status of a command that failed with `error`: 2 for usage mistakes, else 1. */
export function exitCodeOf(error: unknown): number {
  return error instanceof LecternError && error.code === 'usage' ? 2 : 1;
}

/** How paths are shown: the CLI passes one relative to the working directory. */
export type ShowPath = (file: string) => string;

export function formatLocation(location: SourceLocation, showPath: ShowPath = (file) => file): string {
  const column = location.column === undefined ? '' : `:${location.column}`;
  return `${showPath(location.file)}:${location.line}${column}`;
}

/** "file:line:col: code: message": every warning, everywhere. */
export function formatWarning(warning: DeckWarning, showPath: ShowPath = (file) => file): string {
  return `${formatLocation(warning, showPath)}: ${warning.code}: ${warning.message}`;
}

/** "file:line:col: message" for LecternErrors (then each problem on its own line), the message alone for anything else. */
export function formatError(error: unknown, showPath: ShowPath = (file) => file): string {
  if (error instanceof LecternError) {
    const head = error.location ? `${formatLocation(error.location, showPath)}: ${error.message}` : error.message;
    return [head, ...sortWarnings(error.problems).map((problem) => formatWarning(problem, showPath))].join('\n');
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Warnings by file, then line, then column: the order an author fixes them in. */
export function sortWarnings(warnings: readonly DeckWarning[]): DeckWarning[] {
  return [...warnings].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0),
  );
}
