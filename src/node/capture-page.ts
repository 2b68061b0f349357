/**
 * Code that runs inside a deck page shown as the audience sees it (passed to page.evaluate, so each
 * function is self-contained): the steps to capture, and showing one of them, ready for a screenshot.
 */

export interface CaptureStep {
  /** reveal.js indices: horizontal, vertical, fragment (-1: none shown yet). */
  h: number;
  v: number;
  f: number;
  /** The slide's data-lectern-key. */
  key: string;
  /** 1-based step within its slide (1: before any fragment). */
  step: number;
}

interface RevealLike {
  getSlides(): HTMLElement[];
  getIndices(slide?: HTMLElement): { h: number; v: number };
  slide(h: number, v?: number, f?: number): void;
  getSlideBackground(h: number, v?: number): HTMLElement | undefined;
}

/**
 * Every slide in order, once with all its fragments shown, or (`fragments`) once per fragment step:
 * before the first fragment, then after each (fragments sharing a data-fragment-index are one step).
 */
export function captureSteps(fragments: boolean): CaptureStep[] {
  const reveal = (window as unknown as { Reveal: RevealLike }).Reveal;
  const steps: CaptureStep[] = [];
  for (const slide of reveal.getSlides()) {
    const key = slide.dataset['lecternKey'] ?? '';
    const { h, v } = reveal.getIndices(slide);
    const indices = new Set(Array.from(slide.querySelectorAll<HTMLElement>('.fragment')).map((fragment) => fragment.dataset['fragmentIndex'] ?? '0'));
    const last = indices.size - 1;
    if (!fragments) steps.push({ h, v, f: last, key, step: 1 });
    else for (let f = -1; f <= last; f++) steps.push({ h, v, f, key, step: f + 2 });
  }
  return steps;
}

export interface StepImageProblem {
  url: string;
  reason: 'failed' | 'timeout';
}

/**
 * Shows one step, its background image loaded (reveal.js loads it only when the slide comes near), the
 * wait bounded by `timeoutMs`. Returns a background that did not load. No frame is awaited: a screenshot
 * paints the page as it is now (reveal.js changes the slide synchronously, and transitions are off).
 */
export async function showStep({ h, v, f, timeoutMs }: { h: number; v: number; f: number; timeoutMs: number }): Promise<StepImageProblem | null> {
  const reveal = (window as unknown as { Reveal: RevealLike }).Reveal;
  reveal.slide(h, v, f);
  let problem: StepImageProblem | null = null;
  const background = reveal.getSlideBackground(h, v)?.querySelector<HTMLElement>('.slide-background-content');
  const url = background ? /url\(["']?(.*?)["']?\)/.exec(getComputedStyle(background).backgroundImage)?.[1] : undefined;
  if (url) {
    const image = new Image();
    image.src = url;
    const outcome = await Promise.race([
      image.decode().then(() => 'ok' as const, () => 'failed' as const),
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs)),
    ]);
    if (outcome !== 'ok') problem = { url, reason: outcome };
  }
  return problem;
}

/** No transition or animation runs while slides are captured: each shows its final state at once. */
export function stopAnimations(): void {
  const style = document.createElement('style');
  style.textContent = '*, *::before, *::after { transition: none !important; animation-duration: 0s !important; animation-delay: 0s !important; caret-color: transparent !important; }';
  document.head.appendChild(style);
}

export interface UsedFace {
  family: string;
  weight: string;
  style: string;
  unicodeRange: string;
}

/**
 * The font faces the page has loaded (run in reveal.js's print view, where every slide is laid out with
 * all its fragments): what a one-file page must carry.
 */
export async function usedFontFaces(timeoutMs: number): Promise<UsedFace[] | null> {
  const ready = await Promise.race([document.fonts.ready.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs))]);
  if (!ready) return null;
  return Array.from(document.fonts)
    .filter((face) => face.status === 'loaded')
    .map((face) => ({ family: face.family, weight: face.weight, style: face.style, unicodeRange: face.unicodeRange }));
}
