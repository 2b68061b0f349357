import type { RevealApi as Api } from 'reveal.js';
import { showBanner } from './banner.ts';
import { currentPosition, savePositionForReload } from './position.ts';

const noteKey = (id: string) => `lectern:recovered:${id}`;

/**
 * An update the page cannot apply (it was computed against slides this page does not have, or the
 * page's DOM was changed under it) must not leave a half-patched deck: the page loads the whole deck
 * again, on the same slide, and says why once the new page is up.
 */
export function reloadWholeDeck(deck: Api, id: string, error: unknown): void {
  if (sessionStorage.getItem(noteKey(id)) !== null) return; // a reload is already under way
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  try {
    savePositionForReload(id, currentPosition(deck));
  } catch {
    // The position is lost, the deck is not.
  }
  sessionStorage.setItem(noteKey(id), `Lectern could not apply a live update (${reason}); reloaded the whole deck.`);
  location.reload();
}

/** After such a reload: says so, once, in the console and over the slides (above the deck's error, if any). */
export function reportRecovery(id: string, error: string | null): void {
  const note = sessionStorage.getItem(noteKey(id));
  if (note === null) return;
  sessionStorage.removeItem(noteKey(id));
  console.warn(`lectern: ${note}`);
  showBanner(error === null ? note : `${note}\n${error}`);
}
