import type { DeckWarning, SourceLocation } from './types.ts';

export type ErrorCode =
  | 'yaml'
  | 'front-matter'
  | 'encoding'
  | 'not-found'
  | 'usage'
  | 'browser'
  | 'export'
  | 'build'
  | 'asset';

/** The one error type Lectern throws on purpose: it always says what and where. */
export class LecternError extends Error {
  readonly code: ErrorCode;
  readonly location: SourceLocation | undefined;

  constructor(code: ErrorCode, message: string, location?: SourceLocation) {
    super(message);
    this.name = 'LecternError';
    this.code = code;
    this.location = location;
  }
}

export function formatLocation(location: SourceLocation): string {
  const column = location.column === undefined ? '' : `:${location.column}`;
  return `${location.file}:${location.line}${column}`;
}

/**
 * "file:line:col: message" for LecternErrors, the message alone for anything else. With `shortenPath`
 * (the CLI passes one relative to the working directory), the file is shown as the user typed it.
 */
export function formatError(error: unknown, shortenPath: (file: string) => string = (file) => file): string {
  if (error instanceof LecternError) {
    return error.location ? `${formatLocation({ ...error.location, file: shortenPath(error.location.file) })}: ${error.message}` : error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** "file:line[:col]: warning: message", the file shortened the way the caller shows paths. */
export function formatWarning(warning: DeckWarning, shortenPath: (file: string) => string, label = 'warning: '): string {
  return `${formatLocation({ ...warning.location, file: shortenPath(warning.location.file) })}: ${label}${warning.message}`;
}
