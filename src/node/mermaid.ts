import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { DiagramRenderer, DiagramRequest, DiagramResult } from '../types.ts';
import { MERMAID_SCRIPT } from './package-files.ts';

/**
 * Mermaid diagrams drawn by Mermaid itself in headless Chromium (Mermaid measures text with the browser's
 * layout, so no DOM-free renderer draws the same; see the README), at compile time: slides arrive with
 * inline SVG, offline. One page holds Mermaid; results are cached by source, configuration and width,
 * so a save redraws only the diagram that changed.
 */

export interface MermaidRendererOptions {
  /** A browser to draw in (the PDF export's). By default one is launched on first use and closed by close(). */
  browser?: () => Promise<Browser>;
  /** Chromium to launch when no browser is given (else the usual lookup). */
  browserPath?: string;
}

const CACHE_ENTRIES = 500;
/** A batch may take this long, plus DIAGRAM_TIMEOUT_MS per diagram: Mermaid's layout can loop on odd input. */
const BATCH_TIMEOUT_MS = 15_000;
const DIAGRAM_TIMEOUT_MS = 5_000;

interface Job {
  source: string;
  config: Record<string, unknown>;
  id: string;
}

export function createMermaidRenderer(options: MermaidRendererOptions = {}): DiagramRenderer {
  const cache = new Map<string, DiagramResult>();
  let launched: Promise<Browser> | null = null;
  let page: Promise<Page> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let viewport = 0;

  async function openPage(): Promise<Page> {
    if (MERMAID_SCRIPT === null || !existsSync(MERMAID_SCRIPT)) throw new Error("Mermaid's browser bundle is not installed (npm install mermaid)");
    let browser: Browser;
    if (options.browser) browser = await options.browser();
    else {
      const { launchChromium } = await import('./chromium.ts');
      launched ??= launchChromium(options.browserPath);
      launched.catch(() => (launched = null)); // a later compile tries again
      browser = await launched;
    }
    const opened = await browser.newPage();
    try {
      // Nothing leaves the page: a diagram draws offline or not at all.
      await opened.route('**/*', (route) => route.abort());
      await opened.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
      // Functions sent to the page may carry esbuild's __name() helper (tsx keeps names): give it one.
      await opened.evaluate('globalThis.__name = (target) => target;');
      await opened.addScriptTag({ path: MERMAID_SCRIPT });
    } catch (error) {
      await opened.close().catch(() => {});
      throw error;
    }
    opened.once('close', () => (page = null));
    viewport = 0;
    return opened;
  }

  async function draw(jobs: Job[], width: number): Promise<DiagramResult[]> {
    page ??= openPage();
    page.catch(() => (page = null));
    let current: Page;
    try {
      current = await page;
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return jobs.map(() => ({ error: `Chromium is needed to draw Mermaid diagrams: ${reason}`, transient: true }) as DiagramResult);
    }
    const limit = BATCH_TIMEOUT_MS + DIAGRAM_TIMEOUT_MS * jobs.length;
    let timer: NodeJS.Timeout | undefined;
    try {
      if (viewport !== width) await current.setViewportSize({ width, height: 800 });
      viewport = width;
      const drawn = current.evaluate(drawInPage, jobs);
      drawn.catch(() => {}); // after a timeout, the page is closed under it
      const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`Mermaid took longer than ${Math.round(limit / 1000)} s`)), limit)));
      return (await Promise.race([drawn, late])).map(toResult);
    } catch (error) {
      // A page that hung or crashed is replaced for the next batch.
      await current.close().catch(() => {});
      page = null;
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return jobs.map(() => ({ error: reason, transient: true }) as DiagramResult);
    } finally {
      clearTimeout(timer);
    }
  }

  async function renderNow(requests: DiagramRequest[]): Promise<DiagramResult[]> {
    const keys = requests.map(cacheKey);
    const missing = new Map<string, DiagramRequest>();
    keys.forEach((key, index) => {
      if (!cache.has(key)) missing.set(key, requests[index]!);
    });
    // One batch per layout width (decks share one, so there is usually one).
    const byWidth = new Map<number, [string, DiagramRequest][]>();
    for (const entry of missing) byWidth.set(entry[1].width, [...(byWidth.get(entry[1].width) ?? []), entry]);
    const fresh = new Map<string, DiagramResult>();
    for (const [width, entries] of byWidth) {
      const results = await draw(entries.map(([key, { source, config }]) => ({ source, config, id: `mermaid-${shortHash(key)}` })), width);
      entries.forEach(([key], index) => {
        const result = results[index]!;
        fresh.set(key, result);
        if (!('transient' in result)) remember(key, result);
      });
    }
    return keys.map((key) => {
      const result = cache.get(key) ?? fresh.get(key)!;
      if (cache.has(key)) remember(key, result); // most recently used
      const { transient: _, ...plain } = result as DiagramResult & { transient?: boolean };
      return plain as DiagramResult;
    });
  }

  function remember(key: string, result: DiagramResult): void {
    cache.delete(key);
    cache.set(key, result);
    if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  }

  return {
    render(requests) {
      if (requests.length === 0) return Promise.resolve([]);
      // One batch at a time: Mermaid's render is not re-entrant.
      const next = queue.then(() => renderNow(requests));
      queue = next.catch(() => {});
      return next;
    },
    // The renderer may be used again after close (it starts a browser again).
    async close() {
      await queue;
      const open = page;
      page = null;
      await open?.then((opened) => opened.close(), () => {}).catch(() => {});
      const browser = launched;
      launched = null;
      await browser?.then((started) => started.close(), () => {}).catch(() => {});
    },
  };
}

function cacheKey({ source, config, width }: DiagramRequest): string {
  return `${width}\u0000${JSON.stringify(config)}\u0000${source}`;
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

interface PageResult {
  svg?: string;
  error?: string;
}

/**
 * Mermaid's message without the diagram's text (messages name lines, they do not quote the file), and
 * the diagram line it names.
 */
export function toResult(drawn: PageResult): DiagramResult {
  if (drawn.svg !== undefined) return { svg: drawn.svg };
  const lines = (drawn.error ?? 'unknown error').split('\n').map((line) => line.trim());
  const first = lines[0]!.replace(/\s+for text:.*$/, '').replace(/[:.]$/, '');
  const expecting = lines.find((line) => /^Expecting /.test(line));
  const message = expecting ? `${first}: ${expecting.replace(/^Expecting/, 'expecting')}` : first;
  const line = /\bon line (\d+)/.exec(first)?.[1];
  return line === undefined ? { error: message } : { error: message, line: Number(line) };
}

/**
 * Runs in the page: draws each diagram with its configuration, and gives every id inside an SVG its
 * root's prefix (Mermaid leaves some bare, `actor0`, `color-1`…), so diagrams on one page never share one.
 */
async function drawInPage(jobs: Job[]): Promise<PageResult[]> {
  type Mermaid = { initialize(config: Record<string, unknown>): void; render(id: string, text: string): Promise<{ svg: string }> };
  const mermaid = (window as unknown as { mermaid: Mermaid }).mermaid;
  const results: PageResult[] = [];
  for (const { source, config, id } of jobs) {
    document.body.replaceChildren();
    try {
      mermaid.initialize({ ...config, startOnLoad: false });
      const { svg } = await mermaid.render(id, source);
      const holder = document.createElement('div');
      holder.innerHTML = svg;
      const root = holder.firstElementChild!;
      const renamed = new Map<string, string>();
      for (const element of Array.from(root.querySelectorAll('[id]'))) {
        if (element.id.startsWith(id)) continue;
        renamed.set(element.id, `${id}-${element.id}`);
        element.id = `${id}-${element.id}`;
      }
      if (renamed.size > 0) {
        const renameUrls = (value: string) => value.replace(/url\(\s*(['"]?)#([^'")]+)\1\s*\)/g, (whole, quote: string, name: string) => (renamed.has(name) ? `url(${quote}#${renamed.get(name)}${quote})` : whole));
        for (const element of Array.from(root.querySelectorAll('*')).concat(root)) {
          for (const attribute of Array.from(element.attributes)) {
            const { name, value } = attribute;
            if ((name === 'href' || name === 'xlink:href') && value.startsWith('#') && renamed.has(value.slice(1))) attribute.value = `#${renamed.get(value.slice(1))}`;
            else if (name === 'aria-labelledby' || name === 'aria-describedby') attribute.value = value.split(/\s+/).map((part) => renamed.get(part) ?? part).join(' ');
            else if (value.includes('url(')) attribute.value = renameUrls(value);
          }
        }
        for (const style of Array.from(root.querySelectorAll('style'))) {
          style.textContent = renameUrls(style.textContent ?? '').replace(/#([A-Za-z_][\w-]*)/g, (whole, name: string) => (renamed.has(name) ? `#${renamed.get(name)}` : whole));
        }
      }
      results.push({ svg: root.outerHTML });
    } catch (error) {
      results.push({ error: String((error as { message?: unknown } | null)?.message ?? error) });
    }
  }
  document.body.replaceChildren();
  return results;
}
