import type { RevealApi as Api } from 'reveal.js';
import type { ClientDeck, DeckUpdate, HotEvents, HotRequests } from '../types.ts';
import { clearBanner, showBanner } from './banner.ts';
import { showLintProblems } from './lint-list.ts';
import { inPlaceEdits, patchSlides, sameAttributes, updateSectionInPlace } from './patch.ts';
import { currentPosition, restorePosition, savePositionForReload, settleEditedSections } from './position.ts';
import { reloadWholeDeck } from './recover.ts';

/** Applies one update in place and keeps the presenter on the same slide and fragment. */
export function applyUpdate(deck: Api, id: string, update: DeckUpdate): void {
  const position = currentPosition(deck);
  if (update.kind === 'reload') {
    savePositionForReload(id, position);
    location.reload();
    return;
  }
  const slides = deck.getSlidesElement();
  if (!slides) return;
  const edits = inPlaceEdits(slides, update.stacks, update.added, update.renamed);
  if (edits) {
    // Same shape: refresh only the edited sections (a full sync rebuilds every slide's background).
    const current = deck.getCurrentSlide();
    // Same attributes: each slide's background (made from them) stands, and syncSlide would only add
    // a pass over every slide's background, which restyles them all (~15 ms on 1,000 slides).
    const settled = !deck.getConfig().showNotes && edits.every(([section, slide]) => sameAttributes(section, slide));
    for (const [section, slide] of edits) {
      updateSectionInPlace(section, slide);
      if (settled) {
        deck.syncFragments(section);
        deck.loadSlide(section);
      } else {
        deck.syncSlide(section);
      }
    }
    // The same sections with the same attributes: the presenter has not moved, and only the edited
    // sections need what reveal.js's slide() would redo for them.
    if (!settled || !settleEditedSections(deck, edits.map(([section]) => section), current, position.f)) restorePosition(deck, position, update.renamed);
  } else {
    patchSlides(slides, update.stacks, update.added);
    deck.sync();
    restorePosition(deck, position, update.renamed);
  }
  // The speaker view listens for slide changes; tell it the notes may have changed.
  deck.dispatchEvent({ type: 'slidechanged', data: { indexh: deck.getIndices().h, indexv: deck.getIndices().v, currentSlide: deck.getCurrentSlide(), origin: 'lectern' } });
  document.dispatchEvent(new CustomEvent('lectern:updated'));
}

/** Listens for the dev server's deck events. */
export function listenForUpdates(deck: Api | null, client: ClientDeck): void {
  const hot = import.meta.hot;
  if (!hot) return;
  hot.on('lectern:update', (data: HotEvents['lectern:update']) => {
    if (data.id !== client.id) return;
    clearBanner();
    if (deck === null) {
      location.reload();
      return;
    }
    try {
      applyUpdate(deck, client.id, data.update);
    } catch (error) {
      reloadWholeDeck(deck, client.id, error);
    }
  });
  hot.on('lectern:error', (data: HotEvents['lectern:error']) => {
    if (data.id !== client.id) return;
    showBanner(data.message);
    document.dispatchEvent(new CustomEvent('lectern:error', { detail: data.message }));
  });
  if (deck === null || window.self !== window.top) return; // the speaker view's previews list nothing
  hot.on('lectern:lint', (data: HotEvents['lectern:lint']) => {
    if (data.id !== client.id) return;
    showLintProblems(deck, data.problems);
    document.dispatchEvent(new CustomEvent('lectern:lint', { detail: data.problems.length }));
  });
}

/**
 * Asks for the deck's render-check problems once the slides are shown: a first check starts Chromium
 * on the server, which must not compete with the first paint for the CPU.
 */
export function requestLint(client: ClientDeck): void {
  const hot = import.meta.hot;
  if (!hot || window.self !== window.top) return;
  requestAnimationFrame(() => setTimeout(() => hot.send('lectern:lint-request', { id: client.id } satisfies HotRequests['lectern:lint-request']), 0));
}
