import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSite } from '../src/commands/build.ts';
import { median } from './stats.ts';

export interface BuildFigures {
  seconds: number;
  gzippedBytes: number;
}

/** Median build time of a one-deck site (the given deck), and its gzipped JS + CSS. */
export async function benchBuild(deck: string, runs = 3): Promise<BuildFigures> {
  const folder = await mkdtemp(join(tmpdir(), 'lectern-bench-build-'));
  try {
    await copyFile(deck, join(folder, 'deck.md'));
    const out = join(folder, 'dist');
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      await buildSite({ target: join(folder, 'deck.md'), out, allowMissing: true });
      times.push(performance.now() - started);
    }
    let gzippedBytes = 0;
    for (const name of await readdir(join(out, 'assets'))) {
      if (name.endsWith('.js') || name.endsWith('.css')) gzippedBytes += gzipSync(await readFile(join(out, 'assets', name))).length;
    }
    return { seconds: median(times) / 1000, gzippedBytes };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

