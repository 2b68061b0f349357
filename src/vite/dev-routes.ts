import type { IncomingMessage, ServerResponse } from 'node:http';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Connect } from 'vite';
import { decodePathname } from '../node/http.ts';
import { LECTERN_ROOT } from '../node/package-files.ts';
import { isInside, realPathIn } from '../node/paths.ts';
import { sendFile } from '../node/send-file.ts';
import { packageStyleBody, packageStyleFile } from './dev-page.ts';

export interface DevRoutes {
  root: () => string;
  /** The deck a page URL names ('index' for the folder's index page), or null: not a deck page. */
  pageFor: (pathname: string) => string | 'index' | null;
  deckPage: (file: string) => Promise<string>;
  indexPage: (url: string) => Promise<string>;
}

/**
 * The dev server's own routes, before Vite's: malformed URLs (400), installed stylesheets, deck and
 * index pages, and a refusal (403) of any file whose real path leaves the project through a symlink, or
 * that is not a regular file (a FIFO or a device would block the thread that reads it).
 */
export function devMiddleware(routes: DevRoutes): Connect.NextHandleFunction {
  return (request: IncomingMessage, response: ServerResponse, next: Connect.NextFunction) => {
    void handle(routes, request, response, next).catch(next);
  };
}

async function handle(routes: DevRoutes, request: IncomingMessage, response: ServerResponse, next: Connect.NextFunction): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return next();
  const pathname = decodePathname(request.url);
  if (pathname === null) {
    // Vite's own HTML middleware would throw on it and take the server down.
    response.statusCode = 400;
    response.end('malformed URL');
    return;
  }
  const style = packageStyleFile(pathname);
  if (style !== null) {
    const body = packageStyleBody(style);
    if (body !== null) {
      response.setHeader('Content-Type', 'text/css; charset=utf-8');
      response.setHeader('Cache-Control', 'no-cache');
      response.end(body);
      return;
    }
    if (!(await sendFile(response, style, { 'Cache-Control': 'no-cache' }))) next();
    return;
  }
  const page = routes.pageFor(pathname);
  if (page !== null) {
    const html = page === 'index' ? await routes.indexPage(request.url ?? '/') : await routes.deckPage(page);
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Cache-Control', 'no-store');
    response.end(html);
    return;
  }
  const root = routes.root();
  const candidates = pathname.includes('\0')
    ? []
    : pathname.startsWith('/@fs/')
      ? [resolve(pathname.slice('/@fs'.length))]
      : pathname.startsWith('/@')
        ? []
        : [resolve(root, `.${pathname}`), resolve(root, 'public', `.${pathname}`)];
  const found = await Promise.all(candidates.map((file) => realPathIn(root, file)));
  // Vite serves /@fs/ paths below the root and Lectern's own folder, judged by the path: judge by the real file too.
  const escapes = (file: { real: string; inside: boolean } | null) => file !== null && !file.inside && !(pathname.startsWith('/@fs/') && isInside(LECTERN_ROOT, file.real));
  if (found.some(escapes)) {
    response.statusCode = 403;
    response.end('outside the project folder');
    return;
  }
  // Reading a FIFO or a device would hold one of Node's few file threads for good.
  const kinds = await Promise.all(found.map((file) => (file === null ? null : stat(file.real).catch(() => null))));
  if (kinds.some((info) => info !== null && !info.isFile() && !info.isDirectory())) {
    response.statusCode = 403;
    response.end('not a regular file');
    return;
  }
  next();
}
