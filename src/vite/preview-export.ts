import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Connect } from 'vite';
import { slideFinder } from '../deck/slide-index.ts';
import { formatError } from '../errors.ts';
import type { PdfLayoutOptions } from '../node/print-pdf.ts';
import { waitForResources } from '../node/print-page.ts';
import { missingUrls, openPrintView, resourceWarnings } from '../node/print-view.ts';
import type { DeckWarning } from '../types.ts';
import type { StoredDeck } from './deck-store.ts';

/** Where `lectern pdf` asks a running dev server to print a deck it serves. */
export const PREVIEW_EXPORT_PATH = '/@lectern/export';

/** What `lectern pdf` sends: the deck and the options of a fresh export. */
export interface PreviewExportRequest extends PdfLayoutOptions {
  deck: string;
  fragments?: boolean;
  notes?: boolean;
  timeoutMs: number;
  strict?: boolean;
}

/** What the server answers: the PDF (base64) and every warning, or why it could not print. */
export type PreviewExportResponse = { ok: true; pages: number; warnings: DeckWarning[]; inputs: string[]; pdf: string } | { ok: false; reason: string; problems?: DeckWarning[] };

export interface PreviewExportContext {
  /** The token the registry entry holds (src/node/preview-registry.ts); null: not registered, no exports. */
  token: () => string | null;
  /** The deck as the preview shows it, if the server serves that file. */
  deck: (file: string) => Promise<StoredDeck | null>;
  /** The URL of a deck's page on this server. */
  pageUrl: (file: string) => string | null;
  browser: () => Promise<Browser>;
}

const MAX_BODY_BYTES = 64 * 1024;

/**
 * Prints a deck the dev server serves, through its warm browser and its compiled deck: `lectern pdf`
 * then costs the print time alone. Only for who holds the registry's token (a web page the author
 * visits cannot ask); only decks the server serves.
 */
export function previewExportMiddleware(context: PreviewExportContext): Connect.NextHandleFunction {
  // A blank page made after each export, for the next one: a new page costs a renderer start (0.2-0.4 s).
  let spare: Promise<Page | null> | null = null;
  const blankPage = async (): Promise<Page | undefined> => {
    const waiting = spare;
    spare = null;
    return (await waiting?.catch(() => null)) ?? undefined;
  };
  const makeSpare = () => {
    spare = context.browser().then((browser) => browser.newPage(), () => null);
    spare.catch(() => {});
  };
  return (request: IncomingMessage, response: ServerResponse, next: Connect.NextFunction) => {
    if (request.url?.split('?')[0] !== PREVIEW_EXPORT_PATH) return next();
    void handle(context, request, response, blankPage)
      .catch((error: unknown) => answer(response, 500, { ok: false, reason: formatError(error) }))
      .finally(makeSpare);
  };
}

async function handle(context: PreviewExportContext, request: IncomingMessage, response: ServerResponse, blankPage: () => Promise<Page | undefined>): Promise<void> {
  const token = context.token();
  if (request.method !== 'POST' || token === null || !sameToken(request.headers['x-lectern-token'], token)) {
    return answer(response, 403, { ok: false, reason: 'not allowed' });
  }
  const asked = parseRequest(await readBody(request));
  if (asked === null) return answer(response, 400, { ok: false, reason: 'malformed export request' });
  const file = resolve(asked.deck);
  const stored = await context.deck(file);
  const url = context.pageUrl(file);
  if (stored === null || url === null) return answer(response, 404, { ok: false, reason: 'this server does not serve that deck, or it does not compile' });
  const { deck } = stored;
  const fragments = asked.handout ? false : (asked.fragments ?? deck.options.revealOptions['pdfSeparateFragments'] !== false);
  const browser = await context.browser();
  const blank = await blankPage();
  const page = await openPrintView(browser, url, {
    ...(blank && !blank.isClosed() ? { blank } : {}),
    fragments,
    notes: asked.notes === true && !asked.handout,
    timeoutMs: asked.timeoutMs,
    layoutMs: asked.timeoutMs + 100 * deck.stacks.flat().length,
  });
  try {
    const problems = await page.evaluate(waitForResources, asked.timeoutMs);
    const unloaded = resourceWarnings(deck, problems, asked.timeoutMs, missingUrls(stored.warnings));
    if (asked.strict && unloaded.length > 0) {
      return answer(response, 422, { ok: false, reason: `${unloaded.length} image${unloaded.length === 1 ? '' : 's'} or font${unloaded.length === 1 ? '' : 's'} did not load (--strict)`, problems: unloaded });
    }
    // Loaded on the first export: pdf-lib is no part of a dev server's start.
    const { printPdf } = await import('../node/print-pdf.ts');
    const printed = await printPdf(page, deck, slideFinder(deck), asked);
    answer(response, 200, { ok: true, pages: printed.pages, warnings: [...stored.warnings, ...unloaded, ...printed.warnings], inputs: stored.inputs, pdf: Buffer.from(printed.bytes).toString('base64') });
  } finally {
    await page.close().catch(() => {});
  }
}

/** Compared in constant time: the server may listen beyond loopback (--host). */
function sameToken(sent: string | string[] | undefined, token: string): boolean {
  if (typeof sent !== 'string') return false;
  const [given, expected] = [Buffer.from(sent), Buffer.from(token)];
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function answer(response: ServerResponse, status: number, body: PreviewExportResponse): void {
  if (response.headersSent) return;
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json');
  response.setHeader('Cache-Control', 'no-store');
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseRequest(body: string | null): PreviewExportRequest | null {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(body ?? '') as Record<string, unknown>;
  } catch {
    return null;
  }
  const optional = (key: string, type: string) => value[key] === undefined || typeof value[key] === type;
  if (typeof value['deck'] !== 'string' || typeof value['timeoutMs'] !== 'number' || !(value['timeoutMs'] > 0)) return null;
  if (!['fragments', 'notes', 'handout', 'strict'].every((key) => optional(key, 'boolean'))) return null;
  if (value['perPage'] !== undefined && ![1, 2, 3, 6].includes(value['perPage'] as number)) return null;
  if (value['paper'] !== undefined && value['paper'] !== 'a4' && value['paper'] !== 'letter') return null;
  return value as unknown as PreviewExportRequest;
}
