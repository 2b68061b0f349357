import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { decodePathname } from './http.ts';
import { isInside, realPathIn } from './paths.ts';
import { sendFile } from './send-file.ts';

export interface StaticServer {
  url: string;
  notFound: string[];
  close: () => Promise<void>;
}

/** A plain static host on 127.0.0.1 (like any a site is published to): files under `prefix`, nothing else. */
export async function serveStatic(folder: string, prefix = '/'): Promise<StaticServer> {
  const notFound: string[] = [];
  const server: Server = createServer(async (request, response) => {
    const pathname = decodePathname(request.url);
    if (pathname === null) return void response.writeHead(400).end(); // malformed: names no file
    if (!pathname.startsWith(prefix)) {
      notFound.push(pathname);
      response.writeHead(404).end();
      return;
    }
    let file = normalize(join(folder, pathname.slice(prefix.length)));
    if (!isInside(folder, file)) return void response.writeHead(403).end();
    const info = await stat(file).catch(() => null);
    if (info?.isDirectory()) file = join(file, 'index.html');
    // Symlinks are followed only while they stay inside the folder.
    const real = await realPathIn(folder, file);
    if (real !== null && !real.inside) return void response.writeHead(403).end();
    if (!(await sendFile(response, file))) {
      notFound.push(pathname);
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    notFound,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
