import Reveal from 'reveal.js';
import Notes from 'reveal.js/plugin/notes';
import Search from 'reveal.js/plugin/search';
import Zoom from 'reveal.js/plugin/zoom';
import type { RevealApi as Api, RevealPlugin } from 'reveal.js';
import type { ClientDeck } from '../types.ts';
import { showBanner } from './banner.ts';
import { listenForUpdates } from './hot.ts';
import './lectern.css';
import { restorePosition, takeSavedPosition } from './position.ts';

declare global {
  interface Window {
    Reveal: Api;
  }
}

async function mathPlugin(kind: ClientDeck['math']): Promise<RevealPlugin[]> {
  if (kind === null) return [];
  const math = await import('reveal.js/plugin/math');
  return [math.default[kind]()];
}

/** Starts reveal.js on the pre-rendered slides of the page. */
export async function mount(client: ClientDeck): Promise<void> {
  if (client.error !== null) {
    showBanner(client.error);
    listenForUpdates(null, client);
    return;
  }
  const deck = new Reveal({ ...client.revealOptions, plugins: [Notes, Search, Zoom, ...(await mathPlugin(client.math))] });
  window.Reveal = deck;
  listenForUpdates(deck, client);
  await deck.initialize();
  const saved = takeSavedPosition(client.id);
  if (saved) restorePosition(deck, saved);
}
