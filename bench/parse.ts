import { parseDeck } from '../src/deck/parse.ts';
import { generateDeck } from './generate.ts';
import { median } from './stats.ts';

/** Median time to compile a generated deck of `slides` slides (after one warm-up run). */
export function benchParse(slides: number, runs = 7): number {
  const source = generateDeck(slides);
  parseDeck(source, 'bench.md');
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    parseDeck(source, 'bench.md');
    times.push(performance.now() - started);
  }
  return median(times);
}
