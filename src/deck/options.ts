import { isMap, isNode, isScalar, LineCounter, parseDocument, type Pair } from 'yaml';
import { z } from 'zod';
import { LecternError } from '../errors.ts';
import type { DeckOptions, DeckWarning, LintCheck, SourceLocation } from '../types.ts';
import { isLintCheck, LINT_CHECKS } from './lint.ts';
import { REVEAL_OPTION_KEYS } from './reveal-options.ts';
import { compilePatterns, type DeckPatterns, type SeparatorSources } from './separators.ts';
import { closest } from './suggest.ts';

/** reveal-md 6.1.4's defaults; the notes separator is reveal.js's own default, byte for byte. */
export const DEFAULT_OPTIONS: DeckOptions = {
  title: '',
  author: '',
  description: '',
  theme: 'black',
  highlightTheme: 'base16/zenburn',
  css: [],
  scripts: [],
  separator: '\\r?\\n---\\r?\\n',
  verticalSeparator: '\\r?\\n----\\r?\\n',
  // reveal.js writes '^\s*notes?:' in a JS string, which loses the backslash: this is what runs.
  notesSeparator: '^s*notes?:',
  revealOptions: {},
  mermaid: {},
  lint: {},
};

export const BUILT_IN_THEMES = [
  'beige', 'black', 'black-contrast', 'blood', 'dracula', 'league', 'moon', 'night', 'serif',
  'simple', 'sky', 'solarized', 'white', 'white-contrast',
] as const;

const regexSource = z.string().min(1).refine(isValidRegex, 'is not a valid regular expression');
const stringList = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));

const OPTION_SCHEMAS = {
  title: z.union([z.string(), z.number()]).transform(String),
  author: z.union([z.string(), z.number()]).transform(String),
  description: z.union([z.string(), z.number()]).transform(String),
  theme: z.string().min(1),
  highlightTheme: z.string().min(1),
  css: stringList,
  scripts: stringList,
  separator: regexSource,
  verticalSeparator: regexSource,
  notesSeparator: regexSource,
  revealOptions: z.record(z.string(), z.unknown()),
  // reveal-md: false leaves ```mermaid fences as code; anything else is handed to mermaid.initialize.
  mermaid: z.union([z.boolean(), z.record(z.string(), z.unknown())]).transform((v) => (v === true ? {} : v)),
  // Read entry by entry (readLintOption), to warn about each unknown check at its line.
  lint: z.union([z.boolean(), z.record(z.string(), z.unknown())]),
} satisfies { [K in keyof DeckOptions]: z.ZodType<unknown> };

type OptionKey = keyof typeof OPTION_SCHEMAS;
const OPTION_KEYS = Object.keys(OPTION_SCHEMAS) as OptionKey[];

export interface ResolvedOptions {
  options: DeckOptions;
  patterns: DeckPatterns;
  warnings: DeckWarning[];
  /** The file line of each option the front matter sets. */
  lines: Partial<Record<keyof DeckOptions, number>>;
}

/** Project-wide defaults (plugin options, reveal-md.json, reveal.json) that front matter overrides. */
export type DeckDefaults = Partial<DeckOptions>;

/**
 * Parses front-matter YAML and applies defaults, then `overrides` over both. Broken YAML throws;
 * anything the deck can render without (unknown keys, wrong types) becomes a warning with its line.
 */
export function resolveOptions(yamlText: string | null, file: string, firstLine: number, defaults: DeckDefaults = {}, overrides: Partial<SeparatorSources> = {}): ResolvedOptions {
  const options: DeckOptions = { ...DEFAULT_OPTIONS, ...defaults, revealOptions: { ...defaults.revealOptions }, lint: { ...defaults.lint } };
  const lines: ResolvedOptions['lines'] = {};
  const warnings = readFrontMatter(yamlText, file, firstLine, options, lines);
  Object.assign(options, overrides);
  return { options, patterns: compilePatterns(options), warnings, lines };
}

/** Writes the front matter's options over `options` and their lines into `lines`; returns the warnings. */
function readFrontMatter(yamlText: string | null, file: string, firstLine: number, options: DeckOptions, lines: ResolvedOptions['lines']): DeckWarning[] {
  const warnings: DeckWarning[] = [];
  if (yamlText === null || yamlText.trim() === '') return warnings;

  const lineCounter = new LineCounter();
  const document = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined): SourceLocation => {
    const position = lineCounter.linePos(offset ?? 0);
    return { file, line: firstLine + position.line - 1, column: position.col };
  };
  const firstError = document.errors[0];
  if (firstError) {
    throw new LecternError('yaml', `invalid front matter: ${firstError.message.split('\n')[0]}`, at(firstError.pos[0]));
  }
  if (document.contents === null) return warnings;
  if (!isMap(document.contents)) {
    throw new LecternError('front-matter', 'front matter must be a YAML mapping of option: value', at(document.contents.range?.[0]));
  }

  for (const pair of document.contents.items as Pair[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const location = at(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
    if (!(OPTION_KEYS as string[]).includes(key)) {
      const suggestion = closest(key, OPTION_KEYS);
      warnings.push({
        code: 'unknown-option',
        message: `unknown option '${key}'${suggestion ? ` — did you mean '${suggestion}'?` : ''}`,
        ...location,
      });
      continue;
    }
    const optionKey = key as OptionKey;
    const value: unknown = isNode(pair.value) ? pair.value.toJSON() : null;
    if (optionKey === 'lint') {
      warnings.push(...readLintOption(pair, value, options, at, location));
      continue;
    }
    const parsed = OPTION_SCHEMAS[optionKey].safeParse(value);
    if (!parsed.success) {
      warnings.push({
        code: 'invalid-option',
        message: `option '${key}' ${describeIssue(parsed.error)}; using the default ${JSON.stringify(DEFAULT_OPTIONS[optionKey])}`,
        ...location,
      });
      continue;
    }
    // Front-matter revealOptions go over the project's (reveal-md's reveal.json precedence).
    const merged = optionKey === 'revealOptions' ? { ...options.revealOptions, ...(parsed.data as object) } : parsed.data;
    (options as unknown as Record<string, unknown>)[optionKey] = merged;
    lines[optionKey] = location.line;
    if (optionKey === 'revealOptions' && isMap(pair.value)) {
      warnings.push(...revealOptionWarnings(pair.value.items as Pair[], at));
    }
  }
  if (!(BUILT_IN_THEMES as readonly string[]).includes(options.theme) && !options.theme.endsWith('.css')) {
    const suggestion = closest(options.theme, BUILT_IN_THEMES);
    warnings.push({
      code: 'invalid-option',
      message: `unknown theme '${options.theme}'${suggestion ? ` — did you mean '${suggestion}'?` : ''} (built-in themes: ${BUILT_IN_THEMES.join(', ')}; or a path to a .css file)`,
      file,
      line: firstLine,
    });
  }
  return warnings;
}

/**
 * `lint: false` (every render check off), `lint: true`, or `lint: { overflow: false, … }` over the
 * project's defaults; an unknown check or a value that is not true/false is a warning at its line.
 */
function readLintOption(pair: Pair, value: unknown, options: DeckOptions, at: (offset: number | undefined) => SourceLocation, location: SourceLocation): DeckWarning[] {
  if (typeof value === 'boolean') {
    options.lint = Object.fromEntries(LINT_CHECKS.map((check) => [check, value]));
    return [];
  }
  if (!isMap(pair.value)) {
    return [{ code: 'invalid-option', message: `option 'lint' must be true, false or a mapping of check: true/false (checks: ${LINT_CHECKS.join(', ')}); the setting is ignored`, ...location }];
  }
  const warnings: DeckWarning[] = [];
  const lint: Partial<Record<LintCheck, boolean>> = { ...options.lint };
  for (const entry of pair.value.items as Pair[]) {
    const name = isScalar(entry.key) ? String(entry.key.value) : String(entry.key);
    const entryLocation = at(isScalar(entry.key) ? entry.key.range?.[0] : undefined);
    if (!isLintCheck(name)) {
      const suggestion = closest(name, LINT_CHECKS);
      warnings.push({
        code: 'unknown-option',
        message: `unknown check '${name}' in lint${suggestion ? ` — did you mean '${suggestion}'?` : ''} (checks: ${LINT_CHECKS.join(', ')})`,
        ...entryLocation,
      });
      continue;
    }
    const enabled: unknown = isNode(entry.value) ? entry.value.toJSON() : null;
    if (typeof enabled !== 'boolean') {
      warnings.push({ code: 'invalid-option', message: `lint check '${name}' must be true or false; the setting is ignored`, ...entryLocation });
      continue;
    }
    lint[name] = enabled;
  }
  options.lint = lint;
  return warnings;
}

function revealOptionWarnings(pairs: Pair[], at: (offset: number | undefined) => SourceLocation): DeckWarning[] {
  const warnings: DeckWarning[] = [];
  for (const pair of pairs) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (REVEAL_OPTION_KEYS.includes(key)) continue;
    const suggestion = closest(key, REVEAL_OPTION_KEYS);
    warnings.push({
      code: 'unknown-option',
      message: `unknown reveal.js option '${key}'${suggestion ? ` — did you mean '${suggestion}'?` : ''}`,
      ...at(pair.key.range?.[0]),
    });
  }
  return warnings;
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'is invalid';
  if (issue.code === 'custom') return issue.message;
  if (issue.code === 'invalid_type') return `must be ${issue.expected}`;
  if (issue.code === 'invalid_union') return 'must be a string or a list of strings';
  if (issue.code === 'too_small') return 'must not be empty';
  return issue.message;
}

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source, 'mg');
    return true;
  } catch {
    return false;
  }
}

