import { parseSource } from '../src/node/renderers.ts';
import { generateDeck } from './generate.ts';
import { median } from './stats.ts';

/** Median time to compile a generated deck of `slides` slides (after three warm-up runs). */
export function benchParse(slides: number, runs = 15): number {
  const source = generateDeck(slides);
  for (let warmUp = 0; warmUp < 3; warmUp++) parseSource(source, 'bench.md');
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    parseSource(source, 'bench.md');
    times.push(performance.now() - started);
  }
  return median(times);
}
