import { splitFrontMatter } from '../deck/frontmatter.ts';
import { DEFAULT_OPTIONS, resolveOptions, type DeckDefaults } from '../deck/options.ts';
import { normaliseSource } from '../deck/parse.ts';
import { customSeparators, SEPARATOR_KEYS, type SeparatorKey, type SeparatorSources } from '../deck/separators.ts';
import type { DeckWarning } from '../types.ts';
import { runSeparatorsWithBudget } from './separator-runner.ts';

/** Separators to use over the deck's own, and why. */
export interface SeparatorGuard {
  overrides: Partial<SeparatorSources>;
  warnings: DeckWarning[];
}

const NONE: SeparatorGuard = { overrides: {}, warnings: [] };

/**
 * Time each separator may take on a deck: far more than any pattern that runs in linear time needs
 * (a 1,000-slide deck takes a few ms), far less than one that backtracks exponentially.
 */
export function separatorBudgetMs(body: string): number {
  return 1000 + Math.round(body.length / 10_000);
}

/**
 * Separators are the author's regular expressions; one that backtracks without end on the deck's text
 * (a typo, a deck from a colleague) would freeze every command. A deck whose separators are not
 * reveal-md's defaults (which run in linear time) has them run first in a worker thread with a time
 * budget: one that takes too long, or fails, is replaced by the default, with a warning at the line that
 * sets it. The deck's source is what parseDeck gets; this only reads it.
 */
export async function guardSeparators(source: string, file: string, defaults: DeckDefaults = {}): Promise<SeparatorGuard> {
  const text = normaliseSource(source);
  const { yaml, yamlLine, body, bodyLine } = splitFrontMatter(text);
  // Most decks: nothing to check, and no second parse of the front matter.
  const fromDefaults = SEPARATOR_KEYS.some((key) => defaults[key] !== undefined && defaults[key] !== DEFAULT_OPTIONS[key]);
  if (!fromDefaults && (yaml === null || !/separator/i.test(yaml))) return NONE;
  let resolved: ReturnType<typeof resolveOptions>;
  try {
    resolved = resolveOptions(yaml, file, yamlLine, defaults);
  } catch {
    return NONE; // broken front matter: parseDeck reports it
  }
  const remaining = customSeparators(resolved.options, DEFAULT_OPTIONS);
  const overrides: Partial<SeparatorSources> = {};
  const warnings: DeckWarning[] = [];
  const budgetMs = separatorBudgetMs(body);
  const replace = (key: SeparatorKey, message: string) => {
    overrides[key] = DEFAULT_OPTIONS[key];
    remaining.splice(remaining.indexOf(key), 1);
    const line = resolved.lines[key];
    const where = line === undefined ? " (set in the project's options)" : '';
    warnings.push({ code: 'separator-timeout', file, line: line ?? 1, message: `${key}${where} ${message}; using the default ${key} '${DEFAULT_OPTIONS[key]}'` });
  };
  const sourcesNow = (change: Partial<SeparatorSources> = {}): SeparatorSources => ({
    separator: overrides.separator ?? resolved.options.separator,
    verticalSeparator: overrides.verticalSeparator ?? resolved.options.verticalSeparator,
    notesSeparator: overrides.notesSeparator ?? resolved.options.notesSeparator,
    ...change,
  });
  /** Which of the cutting separators held the cut: when both are the author's, the horizontal one is tried alone. */
  const cutCulprit = async (): Promise<SeparatorKey> => {
    const suspects = remaining.filter((key) => key === 'separator' || key === 'verticalSeparator');
    if (suspects.length < 2) return suspects[0] ?? remaining[0]!; // none: a default never backtracks, the machine was busy
    const alone = await runSeparatorsWithBudget({ body, bodyLine, sources: sourcesNow({ verticalSeparator: '' }) }, budgetMs);
    return alone.ok || alone.step === 'notes' ? 'verticalSeparator' : 'separator';
  };
  // Each round passes, or replaces one of the author's separators: at most four rounds of at most two runs.
  while (remaining.length > 0) {
    const outcome = await runSeparatorsWithBudget({ body, bodyLine, sources: sourcesNow() }, budgetMs);
    if (outcome.ok) break;
    if (outcome.reason === 'unavailable') {
      for (const key of [...remaining]) replace(key, `could not be checked (${outcome.detail})`);
      break;
    }
    const culprit = outcome.step === 'notes' && remaining.includes('notesSeparator') ? 'notesSeparator' : await cutCulprit();
    replace(culprit, outcome.reason === 'timeout' ? `takes too long on this deck (${outcome.detail}: the pattern backtracks, e.g. nested repetition such as (a+)+)` : `fails on this deck (${outcome.detail})`);
  }
  return { overrides, warnings };
}
