import type { HotEvents } from '../types.ts';

type Failure = Omit<HotEvents['lectern:resource-failed'], 'id'>;

const keyOf = (element: Element | null | undefined): string | null =>
  element?.closest<HTMLElement>('section[data-lectern-key]')?.dataset['lecternKey'] ?? null;

const unquote = (family: string) => family.trim().replace(/^["']|["']$/g, '');
const WEIGHTS: Record<string, string> = { normal: '400', bold: '700' };

/** The first slide with an element set in `family` (else the slide shown): where a failed face was needed. */
function slideUsing(family: string): Element | undefined {
  const sections = Array.from(document.querySelectorAll('.reveal .slides section[data-lectern-key]'));
  const found = sections.find((section) =>
    [section, ...Array.from(section.querySelectorAll('*'))].some((element) => getComputedStyle(element).fontFamily.split(',').some((name) => unquote(name) === family)),
  );
  return found ?? (window as unknown as { Reveal?: { getCurrentSlide(): Element | undefined } }).Reveal?.getCurrentSlide();
}

/**
 * In `lectern dev`, tells the server about every image, video or font that fails to load, with the slide
 * it is on (a font: the slide shown when it was needed), so the terminal can name the deck's line.
 */
export function reportFailedResources(id: string): void {
  const hot = import.meta.hot;
  if (!hot) return;
  const send = (failure: Failure) => hot.send('lectern:resource-failed', { id, ...failure });
  document.addEventListener(
    'error',
    (event) => {
      const target = event.target;
      if (!(target instanceof HTMLImageElement || target instanceof HTMLMediaElement || target instanceof HTMLSourceElement)) return;
      const url = target.getAttribute('src');
      if (url) send({ kind: 'image', url, key: keyOf(target) });
    },
    true,
  );
  // Images that failed before this ran (the page's module runs after the slides were parsed).
  for (const image of Array.from(document.querySelectorAll<HTMLImageElement>('.reveal .slides img'))) {
    const url = image.getAttribute('src');
    if (url && image.complete && image.naturalWidth === 0) send({ kind: 'image', url, key: keyOf(image) });
  }
  document.fonts.addEventListener('loadingerror', (event) => {
    for (const face of (event as FontFaceSetLoadEvent).fontfaces) {
      const family = unquote(face.family);
      send({ kind: 'font', url: `font '${family}' ${WEIGHTS[face.weight] ?? face.weight} ${face.style}`, key: keyOf(slideUsing(family)) });
    }
  });
}
