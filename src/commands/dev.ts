import { relative, resolve } from 'node:path';
import { createServer, mergeConfig, type ViteDevServer } from 'vite';
import { LecternError } from '../errors.ts';
import { findProjectRoot } from '../node/files.ts';
import type { DevReport } from '../vite/deck-store.ts';
import { lectern } from '../vite/plugin.ts';
import { loadProjectViteConfig } from './vite-config.ts';

export interface DevOptions {
  target: string;
  port?: number;
  host?: string;
  open?: boolean;
  /** 'silent' in tests and benchmarks. */
  logLevel?: 'info' | 'warn' | 'error' | 'silent';
  report?: DevReport;
  /** Render checks in a background Chromium (default: on). */
  lint?: boolean;
}

export interface DevServer {
  url: string;
  server: ViteDevServer;
  close: () => Promise<void>;
}

const WARM_UP_LIMIT_MS = 3000;

/** `lectern dev`: a Vite dev server on 127.0.0.1 with the project's Vite config and the deck plugin. */
export async function startDevServer(options: DevOptions): Promise<DevServer> {
  const { root, target } = await findProjectRoot(resolve(options.target));
  const project = await loadProjectViteConfig(root, { command: 'serve', mode: 'development' });
  const plugin = lectern({
    decks: relative(root, target) || '.',
    ...(project.lectern?.defaults ? { defaults: project.lectern.defaults } : {}),
    ...(options.report ? { report: options.report } : {}),
    ...(options.lint === false ? { lint: false } : project.lectern?.lint !== undefined ? { lint: project.lectern.lint } : {}),
  });
  const port = options.port ?? project.config.server?.port;
  const server = await createServer(
    mergeConfig(project.config, {
      root,
      configFile: false,
      logLevel: options.logLevel ?? 'info',
      clearScreen: false,
      publicDir: resolve(root, 'public'),
      plugins: [plugin],
      server: {
        // Only the author's machine sees the talk unless they say otherwise.
        host: options.host ?? project.config.server?.host ?? '127.0.0.1',
        ...(port !== undefined ? { port, strictPort: true } : {}),
        open: options.open ?? false,
      },
    }),
  );
  try {
    await server.listen();
  } catch (error) {
    await server.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new LecternError('server', `the dev server could not start: ${reason}`);
  }
  // Bounded waits: a save made before the watcher has scanned the folder would be missed, and a first
  // visit before the warm-up would compete with it for the CPU.
  await Promise.race([Promise.all([plugin.api.watching(), plugin.api.warm()]), new Promise((resolve) => setTimeout(resolve, WARM_UP_LIMIT_MS))]);
  const url = server.resolvedUrls?.local[0] ?? server.resolvedUrls?.network[0];
  if (!url) {
    await server.close();
    throw new LecternError('server', 'the dev server did not report a URL');
  }
  return { url, server, close: () => server.close() };
}
