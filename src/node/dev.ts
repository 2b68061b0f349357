import { resolve } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { LecternError } from '../errors.ts';
import { lectern } from '../vite/plugin.ts';
import { findProjectRoot } from './files.ts';

export interface DevOptions {
  target: string;
  port?: number;
  host?: string;
  open?: boolean;
  /** 'silent' in tests and benchmarks. */
  logLevel?: 'info' | 'warn' | 'error' | 'silent';
  log?: (level: 'warn' | 'error' | 'info', message: string) => void;
}

export interface DevServer {
  url: string;
  server: ViteDevServer;
  close: () => Promise<void>;
}

/** `lectern dev`: a Vite dev server on 127.0.0.1 with the deck plugin. */
export async function startDevServer(options: DevOptions): Promise<DevServer> {
  const target = resolve(options.target);
  const { root } = await findProjectRoot(target);
  const plugin = lectern({ target, ...(options.log ? { log: options.log } : {}) });
  const server = await createServer({
    root,
    configFile: false,
    logLevel: options.logLevel ?? 'info',
    clearScreen: false,
    publicDir: resolve(root, 'public'),
    plugins: [plugin],
    server: {
      host: options.host ?? '127.0.0.1',
      ...(options.port !== undefined ? { port: options.port, strictPort: true } : {}),
      open: options.open ?? false,
    },
  });
  await server.listen();
  // Bounded waits: a save made before the watcher has scanned the folder would be missed, and a first
  // visit before the warm-up would compete with it for the CPU.
  await Promise.race([Promise.all([plugin.api.watching(), plugin.api.warm()]), new Promise((resolve) => setTimeout(resolve, 3000))]);
  const url = server.resolvedUrls?.local[0] ?? server.resolvedUrls?.network[0];
  if (!url) throw new LecternError('usage', 'the dev server did not report a URL');
  return { url, server, close: () => server.close() };
}
