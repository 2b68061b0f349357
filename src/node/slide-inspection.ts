/**
 * Code that runs inside the print view (passed to page.evaluate, so it is one self-contained function):
 * reveal.js has laid out every slide at the deck's size with every fragment shown; this reads what an
 * audience would see. src/deck/lint.ts decides which of it is a problem.
 */
import type { ClippedElement, LintCheck, LowContrastText, SlideInspection } from '../types.ts';

export interface InspectOptions {
  /** The checks the deck has on: the others' work is skipped. */
  checks: LintCheck[];
}

/**
 * Returns SlideInspection[] as JSON: Playwright's own serialization of a thousand slides' results took
 * 0.35 s of the page's time, JSON.stringify 0.03 s.
 */
export function inspectSlides({ checks }: InspectOptions): string {
  const want = new Set(checks);
  /** Parts of a slide the audience does not see as text: notes, KaTeX's MathML copy for screen readers. */
  const HIDDEN = 'aside.notes, .speaker-notes, .katex-mathml, script, style, template, noscript';
  const SNIPPET = 40;
  const MAX_RUNS = 3;

  const reveal = (window as unknown as { Reveal?: { getComputedSlideSize(width?: number, height?: number): { width: number; height: number } } }).Reveal;
  const slideSize = reveal?.getComputedSlideSize(window.innerWidth, window.innerHeight) ?? { width: 960, height: 700 };

  const styles = new Map<Element, CSSStyleDeclaration>();
  const styleOf = (element: Element): CSSStyleDeclaration => {
    let style = styles.get(element);
    if (!style) styles.set(element, (style = getComputedStyle(element)));
    return style;
  };
  const snippet = (text: string): string => {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > SNIPPET ? `${flat.slice(0, SNIPPET - 1)}…` : flat;
  };

  // ---- colors: every CSS color as sRGB 0-255 with alpha 0-1 (a 1×1 canvas reads what the regex cannot)
  type Rgba = [number, number, number, number];
  const colorCanvas = document.createElement('canvas');
  colorCanvas.width = colorCanvas.height = 1;
  const colorContext = colorCanvas.getContext('2d', { willReadFrequently: true })!;
  const colors = new Map<string, Rgba>();
  const parseColor = (value: string): Rgba => {
    let color = colors.get(value);
    if (color) return color;
    const match = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(value);
    if (match) color = [Number(match[1]), Number(match[2]), Number(match[3]), match[4] === undefined ? 1 : Number(match[4])];
    else {
      colorContext.clearRect(0, 0, 1, 1);
      colorContext.fillStyle = '#000';
      colorContext.fillStyle = value;
      colorContext.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = colorContext.getImageData(0, 0, 1, 1).data;
      color = [r!, g!, b!, a! / 255];
    }
    colors.set(value, color);
    return color;
  };
  /** `top` with alpha drawn over an opaque `bottom`. */
  const over = (top: Rgba, bottom: Rgba): Rgba => {
    const a = top[3];
    return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
  };
  const hex = (color: Rgba) => `#${color.slice(0, 3).map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;
  const luminance = (color: Rgba) => {
    const [r, g, b] = color.slice(0, 3).map((channel) => {
      const c = channel / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a: Rgba, b: Rgba) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (light + 0.05) / (dark + 0.05);
  };

  // ---- what is behind an element: its own and its ancestors' backgrounds, down to an opaque one.
  // A slide's background (data-background-color, a theme's) is a sibling of its section in the print
  // view: it comes right under the section. Images, gradients and videos make it unknown (null).
  const backgrounds = new Map<Element, Rgba | null>();
  const slideBackgroundOf = (section: HTMLElement): Element | null => {
    const background = (section as HTMLElement & { slideBackgroundElement?: HTMLElement }).slideBackgroundElement;
    return background?.querySelector('.slide-background-content') ?? background ?? null;
  };
  const backgroundOf = (element: Element): Rgba | null => {
    if (backgrounds.has(element)) return backgrounds.get(element)!;
    const style = styleOf(element);
    let result: Rgba | null;
    const imaged =
      style.backgroundImage !== 'none' ||
      (element.classList.contains('slide-background-content') && element.querySelector('video, iframe') !== null) ||
      (element.matches('section[data-lectern-key]') && ['data-background-image', 'data-background-video', 'data-background-iframe'].some((name) => element.hasAttribute(name)));
    const own = parseColor(style.backgroundColor);
    if (imaged) result = null;
    else if (own[3] >= 1) result = own;
    else {
      const below = element.matches('section[data-lectern-key]') ? (slideBackgroundOf(element as HTMLElement) ?? element.parentElement) : element.parentElement;
      const under = below ? backgroundOf(below) : [255, 255, 255, 1] as Rgba; // the canvas: white
      result = under === null ? null : own[3] === 0 ? under : over(own, under);
    }
    backgrounds.set(element, result);
    return result;
  };
  const opacities = new Map<Element, number>();
  const opacityOf = (element: Element | null): number => {
    if (element === null) return 1;
    let opacity = opacities.get(element);
    if (opacity === undefined) {
      // Code lines dimmed by a line-highlight step ([1|2-3]) are each shown bright at their own step.
      const own = element.tagName === 'TR' && element.closest('.hljs.has-highlights') ? 1 : Number(styleOf(element).opacity);
      opacities.set(element, (opacity = own * opacityOf(element.parentElement)));
    }
    return opacity;
  };

  // ---- glyphs: a character no font has is drawn as the font's .notdef box, the same for every such
  // character; one drawn like a character that cannot exist (U+10FFFD, U+0378) is missing.
  const glyphCanvas = document.createElement('canvas');
  glyphCanvas.width = 96;
  glyphCanvas.height = 64;
  const glyphContext = glyphCanvas.getContext('2d', { willReadFrequently: true })!;
  const draw = (font: string, text: string): { width: number; pixels: Uint32Array } => {
    glyphContext.font = font;
    glyphContext.clearRect(0, 0, glyphCanvas.width, glyphCanvas.height);
    glyphContext.fillText(text, 8, 44);
    return { width: glyphContext.measureText(text).width, pixels: new Uint32Array(glyphContext.getImageData(0, 0, glyphCanvas.width, glyphCanvas.height).data.buffer) };
  };
  const same = (a: Uint32Array, b: Uint32Array) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  };
  const notdefs = new Map<string, { width: number; pixels: Uint32Array } | null>();
  const notdefOf = (font: string) => {
    if (notdefs.has(font)) return notdefs.get(font)!;
    const first = draw(font, '\u{10FFFD}');
    const second = draw(font, '\u0378');
    // Some font drew one of them: no box to compare with, so nothing is called missing in this font.
    const notdef = first.width === second.width && same(first.pixels, second.pixels) ? first : null;
    notdefs.set(font, notdef);
    return notdef;
  };
  const drawable = new Map<string, boolean>();
  /** Drawn without a glyph of their own, or with the character before them: nothing to look for. */
  const UNDRAWN = /[\p{White_Space}\p{Cc}\p{Cf}\p{M}\p{Cs}]/u;
  const isDrawable = (font: string, character: string): boolean => {
    const id = `${font}\n${character}`;
    let result = drawable.get(id);
    if (result === undefined) {
      const notdef = notdefOf(font);
      if (notdef === null) result = true;
      else {
        const drawn = draw(font, character);
        result = Math.abs(drawn.width - notdef.width) > 0.01 || !same(drawn.pixels, notdef.pixels);
      }
      drawable.set(id, result);
    }
    return result;
  };

  const hidden = new Map<Element, boolean>();
  const isHidden = (element: Element): boolean => {
    let result = hidden.get(element);
    if (result === undefined) {
      result = element.closest(HIDDEN) !== null || !element.checkVisibility({ visibilityProperty: true }) || opacityOf(element) === 0;
      hidden.set(element, result);
    }
    return result;
  };

  const inspectText = (section: HTMLElement, inspection: SlideInspection): void => {
    const missing = new Set<string>();
    const below = new Map<Element, LowContrastText>();
    const contrasted = new Set<Element>();
    const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue ?? '';
      const element = node.parentElement;
      if (!element) continue;
      // Most text is ASCII, and most elements hold one run of text: skip before any style is read.
      const glyphs = want.has('missing-glyph') && /[^\x00-\x7f]/.test(text);
      const colors = want.has('contrast') && !contrasted.has(element) && /\S/.test(text);
      if ((!glyphs && !colors) || isHidden(element)) continue;
      const style = styleOf(element);
      if (glyphs) {
        const font = `${style.fontStyle} ${style.fontWeight} 32px ${style.fontFamily}`;
        for (const character of text) {
          if (character.charCodeAt(0) < 0x80 || UNDRAWN.test(character) || missing.has(character)) continue;
          if (!isDrawable(font, character)) missing.add(character);
        }
      }
      if (colors) {
        contrasted.add(element);
        const background = backgroundOf(element);
        if (background === null) continue;
        const color = parseColor(style.color);
        const drawn = over([color[0], color[1], color[2], color[3] * opacityOf(element)], background);
        const size = parseFloat(style.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
        const required = large ? 3 : 4.5;
        const ratio = contrast(drawn, background);
        if (ratio < required) below.set(element, { text: snippet(element.textContent ?? text), color: hex(drawn), background: hex(background), ratio, required });
      }
    }
    inspection.missingGlyphs = [...missing];
    const runs = [...below.values()].sort((a, b) => a.ratio / a.required - b.ratio / b.required);
    inspection.lowContrast = { runs: runs.slice(0, MAX_RUNS), count: runs.length };
  };

  const elementName = (element: Element): string => {
    if (element.tagName === 'PRE' || (element.tagName === 'CODE' && element.parentElement?.tagName === 'PRE')) return 'code block';
    if (element.tagName === 'TABLE') return 'table';
    const name = element.classList[0];
    return `<${element.tagName.toLowerCase()}${name ? ` class="${name}"` : ''}>`;
  };

  const inspectBoxes = (section: HTMLElement, inspection: SlideInspection): void => {
    inspection.content = { width: section.scrollWidth, height: section.scrollHeight };
    const clipped: ClippedElement[] = [];
    for (const element of Array.from(section.querySelectorAll('*'))) {
      const hiddenHeight = element.scrollHeight - element.clientHeight;
      const hiddenWidth = element.scrollWidth - element.clientWidth;
      if (hiddenHeight <= 1 && hiddenWidth <= 1) continue;
      const style = styleOf(element);
      const cutsHeight = hiddenHeight > 1 && style.overflowY !== 'visible';
      const cutsWidth = hiddenWidth > 1 && style.overflowX !== 'visible';
      if ((!cutsHeight && !cutsWidth) || isHidden(element)) continue;
      clipped.push({
        element: elementName(element),
        text: snippet(element.textContent ?? ''),
        hiddenHeight: cutsHeight ? hiddenHeight : 0,
        hiddenWidth: cutsWidth ? hiddenWidth : 0,
        width: element.clientWidth,
        height: element.clientHeight,
      });
    }
    inspection.clipped = clipped;
  };

  const shown = (section: HTMLElement, selector: string) => Array.from(section.querySelectorAll(selector)).filter((element) => !element.closest(HIDDEN));

  const inspections = Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides section[data-lectern-key]')).map((section) => {
    const inspection: SlideInspection = {
      key: section.dataset['lecternKey'] ?? '',
      slide: { width: slideSize.width, height: slideSize.height },
      content: { width: slideSize.width, height: slideSize.height },
      clipped: [],
      missingGlyphs: [],
      images: [],
      links: [],
      lowContrast: { runs: [], count: 0 },
      headings: [],
    };
    if (want.has('overflow')) inspectBoxes(section, inspection);
    if (want.has('missing-glyph') || want.has('contrast')) inspectText(section, inspection);
    if (want.has('image-alt')) {
      inspection.images = shown(section, 'img').map((image) => ({
        src: image.getAttribute('src') ?? '',
        alt: image.getAttribute('alt'),
        decorative: /^(presentation|none)$/.test(image.getAttribute('role') ?? '') || image.getAttribute('aria-hidden') === 'true',
      }));
    }
    if (want.has('link-text')) {
      inspection.links = shown(section, 'a[href]').map((link) => ({
        href: link.getAttribute('href') ?? '',
        text: link.getAttribute('aria-label') ?? [link.textContent ?? '', ...Array.from(link.querySelectorAll('img[alt]'), (image) => image.getAttribute('alt'))].join(' ').trim(),
      }));
    }
    if (want.has('heading-level')) {
      inspection.headings = shown(section, 'h1, h2, h3, h4, h5, h6').map((heading) => ({ level: Number(heading.tagName[1]), text: snippet(heading.textContent ?? '') }));
    }
    return inspection;
  });
  return JSON.stringify(inspections);
}
