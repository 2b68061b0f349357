import { titleOf } from '../deck/title.ts';
import { RUNTIME } from '../node/package-files.ts';
import type { ClientDeck, Deck } from '../types.ts';

export function clientDeckOf(id: string, deck: Deck | null, error: string | null): ClientDeck {
  return {
    id,
    title: deck ? titleOf(deck) : id,
    revealOptions: deck?.options.revealOptions ?? {},
    error,
    compiled: deck !== null,
  };
}

export interface EntryImports {
  /** Stylesheets to import as modules (module specifiers or URLs). */
  styles: string[];
  runtime: string;
  /** The deck's data module. */
  deck: string;
}

/**
 * The deck's entry module: its stylesheets, the runtime with the plugins every deck gets (notes for the
 * speaker view, search, zoom), then `mount`. Math and diagrams arrive drawn: no plugin, no CDN.
 */
export function entryModule({ styles, runtime, deck }: EntryImports): string {
  const plugins = ['Notes', 'Search', 'Zoom'];
  const lines = styles.map((file) => `import ${JSON.stringify(file)};`);
  lines.push(`import { mount, Notes, Search, Zoom } from ${JSON.stringify(runtime)};`);
  lines.push(`import deck from ${JSON.stringify(deck)};`);
  lines.push(`mount(deck, [${plugins.join(', ')}]);`, '');
  return lines.join('\n');
}

/** The modules a deck's entry imports, as files (Vite resolves them); `styles` are the deck's checked stylesheets. */
export function entryFiles(styles: string[]): { styles: string[]; runtime: string } {
  return { styles: [...styles, ...RUNTIME.styles], runtime: RUNTIME.module };
}

/** The id of the `<script type="application/json">` a built page carries its deck's data in. */
export const DECK_DATA_ID = 'lectern-deck';

/**
 * The entry of a built site's one classic script: the runtime and its plugins, mounting the deck whose
 * data the page carries (math and diagrams arrive drawn).
 */
export function classicRuntimeModule(): string {
  return [
    `import { mount, Notes, Search, Zoom } from ${JSON.stringify(RUNTIME.module)};`,
    `const deck = JSON.parse(document.getElementById(${JSON.stringify(DECK_DATA_ID)}).textContent);`,
    'mount(deck, [Notes, Search, Zoom]);',
    '',
  ].join('\n');
}

/** A deck's data as the page carries it: JSON with every `<` escaped, so no `</script>` can end it early. */
export function deckDataScript(client: ClientDeck): string {
  return `<script type="application/json" id="${DECK_DATA_ID}">${JSON.stringify(client).replace(/</g, '\\u003c')}</script>`;
}

export const ENTRY_PREFIX = '/@lectern/entry/';
const DATA_PREFIX = '/@lectern/deck/';
const ENTRY_ID = '\0lectern-entry:';
const DATA_ID = '\0lectern-deck:';

export const dataModuleId = (deckId: string) => DATA_ID + deckId;
/** The URL of a deck's data module (the page's entry imports it). */
export const dataModuleUrl = (deckId: string) => `${DATA_PREFIX}${deckId}.js`;

/** Maps the entry and data URLs in a deck page to the virtual modules that serve them. */
export function resolveLecternId(id: string): string | null {
  if (id.startsWith(ENTRY_PREFIX)) return ENTRY_ID + id.slice(ENTRY_PREFIX.length).replace(/\.js$/, '');
  if (id.startsWith(DATA_PREFIX)) return DATA_ID + id.slice(DATA_PREFIX.length).replace(/\.js$/, '');
  if (id.startsWith(DATA_ID) || id.startsWith(ENTRY_ID)) return id;
  return null;
}

/** A deck as the virtual modules need it: the last version that compiled, its stylesheets, its current error. */
export interface ServedDeck {
  deck: Deck | null;
  styles: string[];
  error: string | null;
}

/** The code of an entry or data module, from the deck it names (null: not ours, or not a deck being served). */
export async function loadLecternModule(id: string, deckFor: (deckId: string) => Promise<ServedDeck | null>): Promise<string | null> {
  if (id.startsWith(ENTRY_ID)) {
    const deckId = id.slice(ENTRY_ID.length);
    const served = await deckFor(deckId);
    if (served === null) return null;
    return entryModule({ ...entryFiles(served.styles), deck: dataModuleId(deckId) });
  }
  if (id.startsWith(DATA_ID)) {
    const deckId = id.slice(DATA_ID.length);
    const served = await deckFor(deckId);
    if (served === null) return null;
    return `export default ${JSON.stringify(clientDeckOf(deckId, served.deck, served.error))};`;
  }
  return null;
}
