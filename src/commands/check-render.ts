import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../node/chromium.ts';
import type { CompiledDeck } from '../node/compile.ts';
import { withCleanup } from '../node/interrupt.ts';
import { missingUrls } from '../node/print-view.ts';
import { checkRenderedDeck } from '../node/render-check.ts';
import { serveStatic } from '../node/static-server.ts';
import type { DeckWarning } from '../types.ts';
import { buildSite } from './build.ts';

export interface RenderSession {
  /** Builds the compiled decks into a temp site (as `lectern pdf` does), serves it on 127.0.0.1 and checks each deck's page. */
  check(target: string, compiled: ReadonlyMap<string, CompiledDeck>): Promise<Map<string, DeckWarning[]>>;
  close(): Promise<void>;
}

/** `check --render`'s browser, started at once: it starts while the decks compile. Loaded only with --render. */
export function startRenderSession({ browser: browserPath, timeoutMs }: { browser?: string; timeoutMs: number }): RenderSession {
  const browser = launchChromium(browserPath);
  browser.catch(() => {}); // reported where it is awaited
  return {
    async check(target, compiled) {
      const folder = await mkdtemp(join(tmpdir(), 'lectern-check-'));
      return withCleanup(
        () => rm(folder, { recursive: true, force: true }),
        async () => {
          const site = await buildSite({ target, out: join(folder, 'site'), allowMissing: true, scratch: true, decks: [...compiled.keys()], compiled });
          const server = await serveStatic(join(folder, 'site'), '/');
          try {
            const started = await browser;
            const found = new Map<string, DeckWarning[]>();
            for (const [index, deck] of site.decks.entries()) {
              const reported = missingUrls(compiled.get(deck.file)?.warnings ?? []);
              const sourceUrls = site.sourceUrls[index]!;
              found.set(deck.file, await checkRenderedDeck(started, `${server.url}${site.pages[index]}`, deck, { timeoutMs, reported, sourceUrls }));
            }
            return found;
          } finally {
            await server.close();
          }
        },
      );
    },
    async close() {
      await browser.then((started) => started.close(), () => {});
    },
  };
}
