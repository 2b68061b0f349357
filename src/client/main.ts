import Reveal from 'reveal.js';
import type { RevealApi as Api, RevealPlugin } from 'reveal.js';
import type { ClientDeck } from '../types.ts';
import { showBanner } from './banner.ts';
import { listenForUpdates, requestLint } from './hot.ts';
import { reportFailedResources } from './resources.ts';
import './lectern.css';
import { restorePosition, takeSavedPosition } from './position.ts';
import { reportRecovery } from './recover.ts';

declare global {
  interface Window {
    Reveal: Api;
  }
}

/** Starts reveal.js on the pre-rendered slides of the page, with the plugins the deck's entry chose. */
export async function mount(client: ClientDeck, plugins: RevealPlugin[]): Promise<void> {
  reportFailedResources(client.id);
  if (!client.compiled) {
    showBanner(client.error ?? 'the deck has not compiled yet');
    listenForUpdates(null, client);
    return;
  }
  if (client.error !== null) showBanner(client.error);
  const deck = new Reveal({ ...client.revealOptions, plugins });
  window.Reveal = deck;
  // A print view (the dev server's render check loads one) is laid out once: updates would not fit it.
  if (!isPrintView()) listenForUpdates(deck, client);
  await deck.initialize();
  const saved = takeSavedPosition(client.id);
  if (saved) restorePosition(deck, saved);
  reportRecovery(client.id, client.error);
  if (!isPrintView()) requestLint(client);
}

/** reveal.js's print view, as it reads it from the URL. */
function isPrintView(): boolean {
  return new URLSearchParams(location.search).get('view') === 'print' || /print-pdf/i.test(location.search);
}
