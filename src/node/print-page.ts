/**
 * Code that runs inside the print page (passed to page.evaluate, so each function is self-contained).
 * reveal.js has laid out its print view; these finish it the way Lectern prints.
 */

export interface PrintedPage {
  /** The slide's data-lectern-key, null for a page Lectern did not make. */
  key: string | null;
  kind: 'slide' | 'notes';
}

export interface PrintLayout {
  pages: PrintedPage[];
  /** The first page (0-based) each slide appears on, for bookmarks. */
  slidePages: { key: string; page: number }[];
  /** Slides taller than a page, scaled down to fit: key and the scale in percent. */
  scaled: { key: string; percent: number }[];
}

/**
 * Moves each separate notes page after the last fragment page of its slide (reveal.js puts it after the
 * first), scales slides taller than a page to fit (never split), and reports the page sequence.
 */
export function finishPrintLayout(): PrintLayout {
  const slides = document.querySelector('.reveal .slides')!;
  // Chromium rasterizes CSS shadows into the PDF at 300 dpi: the themes' code-block shadow alone tripled
  // export time for code-heavy decks. A hairline of the same tint keeps the block's edge, as vectors.
  const print = document.createElement('style');
  print.textContent = '.reveal pre { box-shadow: none !important; outline: 1px solid rgba(0, 0, 0, 0.15); }';
  document.head.appendChild(print);
  const keyOf = (element: Element | undefined): string | null =>
    element?.querySelector<HTMLElement>('section[data-lectern-key]')?.dataset['lecternKey'] ?? null;
  const items = Array.from(slides.children);
  for (let i = 0; i < items.length; i++) {
    const notes = items[i]!;
    if (!notes.classList.contains('speaker-notes-pdf')) continue;
    const key = keyOf(items[i - 1]);
    let next = i + 1;
    while (next < items.length && items[next]!.classList.contains('pdf-page') && keyOf(items[next]) === key) next++;
    if (next === i + 1) continue;
    slides.insertBefore(notes, items[next] ?? null);
    items.splice(next, 0, notes);
    items.splice(i, 1);
    i = next - 1;
  }
  // reveal.js lets only the last .pdf-page skip its page break; a notes page moved to the end would
  // otherwise be followed by a blank page.
  const printedPages = items.filter((item): item is HTMLElement => item.classList.contains('pdf-page') || item.classList.contains('speaker-notes-pdf'));
  printedPages.forEach((item, index) => (item.style.pageBreakAfter = index === printedPages.length - 1 ? 'avoid' : 'always'));

  const scaled: PrintLayout['scaled'] = [];
  const seen = new Set<string>();
  const safetyPx = 6; // room kept free at the bottom of each slide, against rounding at the page edge
  for (const page of Array.from(slides.querySelectorAll<HTMLElement>(':scope > .pdf-page'))) {
    const section = page.querySelector<HTMLElement>(':scope > section');
    if (!section) continue;
    // Content that ends past its page is not clipped but pushed whole to the next page by Chromium's
    // pagination (reveal.js styles lists as inline-blocks), where the page's overflow hides it: the
    // fixture lost the bodies of four slides that way. So every slide must end inside its page.
    const available = page.clientHeight - safetyPx;
    const needed = section.scrollHeight;
    if (section.offsetTop + needed <= available) continue;
    section.style.top = '0px';
    if (needed <= available) continue; // moving it up was enough
    const scale = available / needed;
    // zoom, not transform: a transformed slide keeps its full-size box, which pagination still pushes.
    // A zoomed element's own left is zoomed too, hence the division.
    const left = (page.clientWidth - section.offsetWidth * scale) / 2;
    section.style.zoom = String(scale);
    section.style.left = `${left / scale}px`;
    const key = section.dataset['lecternKey'] ?? '';
    if (!seen.has(key)) scaled.push({ key, percent: Math.round(scale * 100) });
    seen.add(key);
  }

  const pages = Array.from(slides.children)
    .filter((child) => child.classList.contains('pdf-page') || child.classList.contains('speaker-notes-pdf'))
    .map((child): PrintedPage => ({ key: child.classList.contains('pdf-page') ? keyOf(child) : null, kind: child.classList.contains('pdf-page') ? 'slide' : 'notes' }));
  // A notes page belongs to the slide printed before it.
  let last: string | null = null;
  const slidePages: PrintLayout['slidePages'] = [];
  pages.forEach((page, index) => {
    if (page.kind === 'notes') page.key = last;
    else if (page.key !== null && page.key !== last) slidePages.push({ key: page.key, page: index });
    if (page.kind === 'slide') last = page.key;
  });
  return { pages, slidePages, scaled };
}

/**
 * Leaves only printed pages `start` to `end` (0-based, end excluded) in the layout, the last of them
 * without a page break after it. Chromium's print time grows with the square of the pages laid out
 * (725 pages: 3.7 s, 1,450: 13.9 s), so large decks are printed in chunks; pages hidden with
 * display: none cost nothing. Called with the whole range, it shows every page again.
 */
export function showPrintedPages({ start, end }: { start: number; end: number }): number {
  // The pages Chromium prints, in order: slides, notes pages, handout sheets.
  const pages = Array.from(document.querySelector('.reveal .slides')!.querySelectorAll<HTMLElement>(':scope > .pdf-page, :scope > .speaker-notes-pdf, :scope > .lectern-sheet'));
  pages.forEach((page, index) => {
    const shown = index >= start && index < end;
    page.style.display = shown ? '' : 'none';
    if (page.dataset['lecternBreak'] === undefined) page.dataset['lecternBreak'] = page.style.breakAfter;
    page.style.breakAfter = index === end - 1 ? 'avoid' : page.dataset['lecternBreak'];
  });
  return Math.max(0, Math.min(end, pages.length) - start);
}

export interface ResourceProblem {
  key: string | null;
  url: string;
  reason: 'failed' | 'timeout';
}

/**
 * reveal.js lays out the print view on window 'load', which an image or font that never arrives holds
 * back for good. Marks the images still loading as stalled, stops every load (as the browser's stop
 * button does: 'load' then never fires) and tells reveal.js the page has loaded. Returns how many.
 */
export function stopStalledLoading(): number {
  const stalled = Array.from(document.querySelectorAll<HTMLImageElement>('img')).filter((image) => !image.complete);
  for (const image of stalled) image.dataset['lecternStalled'] = '';
  window.stop();
  window.dispatchEvent(new Event('load'));
  return stalled.length;
}

/** Waits for every image and font, each for at most `timeoutMs`; reports what did not load, by slide. */
export async function waitForResources(timeoutMs: number): Promise<ResourceProblem[]> {
  const problems: ResourceProblem[] = [];
  const images = Array.from(document.querySelectorAll<HTMLImageElement>('.reveal .slides img'));
  const seen = new Set<string>();
  await Promise.all(
    images.map(async (image) => {
      image.loading = 'eager';
      const outcome = await new Promise<'ok' | 'failed' | 'timeout'>((resolve) => {
        if (image.dataset['lecternStalled'] !== undefined) return resolve('timeout'); // see stopStalledLoading
        if (image.complete) return resolve(image.naturalWidth > 0 || !image.currentSrc ? 'ok' : 'failed');
        const timer = setTimeout(() => resolve('timeout'), timeoutMs);
        image.addEventListener('load', () => (clearTimeout(timer), resolve('ok')), { once: true });
        image.addEventListener('error', () => (clearTimeout(timer), resolve('failed')), { once: true });
      });
      if (outcome === 'ok') return;
      const key = image.closest<HTMLElement>('section[data-lectern-key]')?.dataset['lecternKey'] ?? null;
      const url = image.getAttribute('src') ?? image.currentSrc;
      if (seen.has(`${key}\n${url}`)) return;
      seen.add(`${key}\n${url}`);
      problems.push({ key, url, reason: outcome });
    }),
  );
  const fonts = await Promise.race([document.fonts.ready.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs))]);
  if (!fonts) problems.push({ key: null, url: 'web fonts', reason: 'timeout' });
  // A face that failed, with the first slide set in its family (reveal.js renders every slide here).
  const unquote = (family: string) => family.trim().replace(/^["']|["']$/g, '');
  const sections = Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides section[data-lectern-key]'));
  for (const face of Array.from(document.fonts).filter((candidate) => candidate.status === 'error')) {
    const family = unquote(face.family);
    const section = sections.find((candidate) =>
      [candidate, ...Array.from(candidate.querySelectorAll('*'))].some((element) => getComputedStyle(element).fontFamily.split(',').some((name) => unquote(name) === family)),
    );
    const weight = ({ normal: '400', bold: '700' } as Record<string, string>)[face.weight] ?? face.weight;
    problems.push({ key: section?.dataset['lecternKey'] ?? null, url: `font '${family}' ${weight} ${face.style}`, reason: 'failed' });
  }
  return problems;
}

export interface HandoutOptions {
  perPage: 1 | 2 | 3 | 6;
  paper: 'a4' | 'letter';
}

/**
 * Rearranges the printed slides (one page each) into handout sheets: slides scaled down with their
 * notes beside (2, 3 per page) or below (1, 6 per page) them. Returns the sheet each slide is on.
 */
export function layoutHandout({ perPage, paper }: HandoutOptions): PrintLayout {
  const sizes = { a4: { width: 793, height: 1122 }, letter: { width: 816, height: 1056 } };
  const sheet = sizes[paper];
  const margin = 48;
  const gap = 24;
  const slides = document.querySelector<HTMLElement>('.reveal .slides')!;
  const pages = Array.from(slides.querySelectorAll<HTMLElement>(':scope > .pdf-page'));
  const pageWidth = pages[0]?.offsetWidth ?? 960;
  const pageHeight = pages[0]?.offsetHeight ?? 700;
  const columns = perPage === 6 ? 2 : 1;
  const rows = perPage === 6 ? 3 : perPage;
  const notesBeside = perPage === 2 || perPage === 3;
  const cellWidth = (sheet.width - 2 * margin - (columns - 1) * gap) / columns;
  const cellHeight = (sheet.height - 2 * margin - (rows - 1) * gap) / rows;
  const thumbWidth = notesBeside ? cellWidth * 0.55 : cellWidth;
  const scale = Math.min(thumbWidth / pageWidth, (notesBeside ? cellHeight : cellHeight * (perPage === 1 ? 0.55 : 0.7)) / pageHeight);

  // zoom, not transform: printing splits pages by layout boxes, and a transformed slide keeps its full-size
  // box, which crossed the sheet's end and lost its lower half to the next page.
  const style = document.createElement('style');
  style.textContent = `@page { size: ${sheet.width}px ${sheet.height}px; margin: 0; }
html.reveal-print body { width: ${sheet.width}px !important; height: auto !important; background: #fff !important; }
.lectern-sheet { position: relative; width: ${sheet.width}px; height: ${sheet.height}px; box-sizing: border-box; padding: ${margin}px;
  display: grid; grid-template-columns: repeat(${columns}, 1fr); grid-template-rows: repeat(${rows}, ${cellHeight}px); gap: ${gap}px;
  background: #fff; overflow: hidden; break-after: page; }
.lectern-sheet:last-child { break-after: auto; }
.lectern-cell { display: flex; flex-direction: ${notesBeside ? 'row' : 'column'}; gap: 12px; min-width: 0; overflow: hidden; }
.lectern-thumb { flex: none; position: relative; overflow: hidden; width: ${pageWidth * scale}px; height: ${pageHeight * scale}px; outline: 1px solid #bbb; }
.lectern-thumb > .pdf-page { position: absolute !important; left: 0; top: 0; width: ${pageWidth}px; zoom: ${scale};
  break-after: auto !important; page-break-after: auto !important; }
.lectern-notes { flex: 1; min-width: 0; overflow: hidden; color: #111; font: ${perPage === 6 ? 9 : 11}pt/1.35 system-ui, sans-serif; text-align: left; }
.lectern-notes p, .lectern-notes ul { margin: 0 0 .4em; }`;
  document.head.appendChild(style);

  const sheets: HTMLElement[] = [];
  const layout: PrintLayout = { pages: [], slidePages: [], scaled: [] };
  pages.forEach((page, index) => {
    if (index % perPage === 0) {
      const next = document.createElement('div');
      next.className = 'lectern-sheet';
      sheets.push(next);
      layout.pages.push({ key: page.querySelector<HTMLElement>('section[data-lectern-key]')?.dataset['lecternKey'] ?? null, kind: 'slide' });
    }
    const key = page.querySelector<HTMLElement>('section[data-lectern-key]')?.dataset['lecternKey'];
    if (key) layout.slidePages.push({ key, page: sheets.length - 1 });
    const cell = document.createElement('div');
    cell.className = 'lectern-cell';
    const thumb = document.createElement('div');
    thumb.className = 'lectern-thumb';
    const notes = document.createElement('div');
    notes.className = 'lectern-notes';
    notes.innerHTML = page.querySelector('aside.notes')?.innerHTML ?? '';
    thumb.appendChild(page);
    cell.append(thumb, notes);
    sheets[sheets.length - 1]!.appendChild(cell);
  });
  slides.replaceChildren(...sheets);
  return layout;
}
