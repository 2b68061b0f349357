import type { RevealApi as Api } from 'reveal.js';

/** Where the presenter is, by slide identity rather than by index. */
export interface Position {
  key: string | null;
  h: number;
  v: number;
  f: number | undefined;
}

export function currentPosition(deck: Api): Position {
  const { h, v, f } = deck.getIndices();
  const slide = deck.getCurrentSlide() as HTMLElement | undefined;
  return { key: slide?.dataset['lecternKey'] ?? null, h, v, f };
}

/** Goes back to the slide with the position's key (or its renamed key), else to the same indices. */
export function restorePosition(deck: Api, position: Position, renamed: Record<string, string> = {}): void {
  const key = position.key === null ? null : (renamed[position.key] ?? position.key);
  const slide = key === null ? null : deck.getSlidesElement()?.querySelector<HTMLElement>(`section[data-lectern-key="${CSS.escape(key)}"]`);
  if (slide) {
    const { h, v } = deck.getIndices(slide);
    deck.slide(h, v, position.f);
    return;
  }
  const lastH = Math.max(0, deck.getHorizontalSlides().length - 1);
  deck.slide(Math.min(position.h, lastH), position.v, position.f);
}

/**
 * After sections were edited in place with their attributes unchanged, what reveal.js's slide() would
 * redo for them, without its walk over every slide and its full layout (~40 ms a save on 1,000 slides):
 * fragments shown as on a past slide, hidden as on a future one, the current slide's fragment, the
 * layout (centring, r-stretch). False when it cannot (the current slide moved, or it plays media, which
 * slide() starts): then restorePosition.
 */
export function settleEditedSections(deck: Api, sections: HTMLElement[], current: Element | undefined, f: number | undefined): boolean {
  if (!current || deck.getCurrentSlide() !== current || !current.isConnected) return false;
  if (sections.includes(current as HTMLElement) && current.querySelector('video, audio, iframe')) return false;
  if (deck.getConfig().fragments !== false) {
    for (const section of sections) {
      if (section === current) continue;
      // Another stack's slides follow their stack; the current stack's, their own class.
      const stack = section.parentElement?.closest('section');
      const place = stack && !stack.classList.contains('present') ? stack : section;
      const fragments = section.querySelectorAll('.fragment');
      if (place.classList.contains('past')) fragments.forEach((fragment) => (fragment.classList.add('visible'), fragment.classList.remove('current-fragment')));
      else if (place.classList.contains('future')) fragments.forEach((fragment) => fragment.classList.remove('visible', 'current-fragment'));
    }
    if (sections.includes(current as HTMLElement)) showFragmentsUpTo(current, f ?? -1);
  }
  deck.layout();
  return true;
}

/**
 * The current slide's fragments up to index `f` shown, as reveal.js's fragment update leaves them
 * (syncSlide has numbered them), without its progress count over every slide and its screen-reader
 * announcement, which lays the page out mid-update (~20 ms on 1,000 slides).
 */
function showFragmentsUpTo(slide: Element, f: number): void {
  slide.querySelectorAll<HTMLElement>('.fragment').forEach((fragment, order) => {
    const index = fragment.hasAttribute('data-fragment-index') ? Number.parseInt(fragment.getAttribute('data-fragment-index')!, 10) : order;
    fragment.classList.toggle('visible', index <= f);
    fragment.classList.toggle('current-fragment', index === f);
  });
}

const storageKey = (id: string) => `lectern:position:${id}`;

/** Keeps the position across a page reload (options changed), whatever hash/fragmentInURL say. */
export function savePositionForReload(id: string, position: Position): void {
  sessionStorage.setItem(storageKey(id), JSON.stringify(position));
}

export function takeSavedPosition(id: string): Position | null {
  const saved = sessionStorage.getItem(storageKey(id));
  if (saved === null) return null;
  sessionStorage.removeItem(storageKey(id));
  try {
    return JSON.parse(saved) as Position;
  } catch {
    return null;
  }
}
