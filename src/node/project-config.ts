import { join } from 'node:path';
import type { DeckDefaults } from '../deck/options.ts';
import { LecternError } from '../errors.ts';
import { readRegularFile } from './files.ts';

/** reveal-md.json keys that are deck options (the rest are reveal-md's command-line settings). */
const DECK_KEYS = ['title', 'theme', 'highlightTheme', 'css', 'scripts', 'separator', 'verticalSeparator', 'notesSeparator'] as const;

/**
 * Deck defaults from reveal-md's project files beside the decks: `reveal-md.json` (deck options) and
 * `reveal.json` (reveal.js options). Front matter overrides both, as in reveal-md.
 */
export async function readProjectDefaults(folder: string): Promise<DeckDefaults> {
  const defaults: DeckDefaults = {};
  const revealMd = await readJson(join(folder, 'reveal-md.json'));
  if (revealMd !== null) {
    for (const key of DECK_KEYS) {
      const value = revealMd[key];
      if (typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'))) {
        (defaults as Record<string, unknown>)[key] = key === 'css' || key === 'scripts' ? [value].flat() : value;
      }
    }
    const mermaid = revealMd['mermaid'];
    if (mermaid === false || (typeof mermaid === 'object' && mermaid !== null && !Array.isArray(mermaid))) defaults.mermaid = mermaid as Record<string, unknown> | false;
  }
  const reveal = await readJson(join(folder, 'reveal.json'));
  if (reveal !== null) defaults.revealOptions = reveal;
  return defaults;
}

async function readJson(file: string): Promise<Record<string, unknown> | null> {
  const text = await readRegularFile(file).then((bytes) => bytes.toString('utf8'), () => null);
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    throw new LecternError('front-matter', 'must hold a JSON object', { file, line: 1 });
  } catch (error) {
    if (error instanceof LecternError) throw error;
    const position = /position (\d+)/.exec(String(error))?.[1];
    const line = position === undefined ? 1 : text.slice(0, Number(position)).split('\n').length;
    // JSON.parse's message quotes the text: name the line instead.
    throw new LecternError('front-matter', 'invalid JSON', { file, line });
  }
}
