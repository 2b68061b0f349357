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
