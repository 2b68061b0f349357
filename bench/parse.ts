import { parseDeck } from '../src/deck/parse.ts';
import { generateDeck } from './generate.ts';
import { median } from './stats.ts';

/** Median time to compile a generated deck of `slides` slides (after three warm-up runs). */
export function benchParse(slides: number, runs = 15): number {
  const source = generateDeck(slides);
  for (let warmUp = 0; warmUp < 3; warmUp++) parseDeck(source, 'bench.md');
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    parseDeck(source, 'bench.md');
    times.push(performance.now() - started);
  }
  return median(times);
}
