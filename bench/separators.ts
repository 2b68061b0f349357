import { parseSource } from '../src/node/renderers.ts';
import { guardSeparators } from '../src/node/separator-guard.ts';
import { generateDeck } from './generate.ts';
import { median } from './stats.ts';

/** The generated deck with its own separators: the same cuts as the defaults, written differently, so they are checked. */
export function withCustomSeparators(source: string): string {
  return source.replace('title: Generated deck\n', "title: Generated deck\nseparator: '\\n---\\n'\nverticalSeparator: '\\n----\\n'\nnotesSeparator: '^Note:'\n");
}

export interface GuardTimes {
  /** Compile (parse + render) of the deck, for scale. */
  parse: number;
  /** The separator check of a deck that keeps reveal-md's default separators. */
  defaults: number;
  /** The separator check of a deck with its own separators (run in the worker, already started). */
  custom: number;
}

/** Medians of `runs` runs, after warm-ups (the first custom run starts the worker). */
export async function benchSeparatorGuard(slides: number, runs = 15): Promise<GuardTimes> {
  const plain = generateDeck(slides);
  const custom = withCustomSeparators(plain);
  const time = async (work: () => unknown) => {
    for (let warmUp = 0; warmUp < 3; warmUp++) await work();
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      await work();
      times.push(performance.now() - started);
    }
    return median(times);
  };
  return {
    parse: await time(() => parseSource(custom, 'bench.md')),
    defaults: await time(() => guardSeparators(plain, 'bench.md')),
    custom: await time(async () => {
      const { warnings } = await guardSeparators(custom, 'bench.md');
      if (warnings.length > 0) throw new Error(`the bench deck's separators were refused: ${warnings[0]!.message}`);
    }),
  };
}
