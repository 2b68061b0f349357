import { launchChromium } from '../src/node/chromium.ts';
import { FIXTURE } from '../e2e/helpers.ts';
import { benchColdStart, benchSaveLatency } from './dev.ts';
import { benchBuild } from './build.ts';
import { benchParse } from './parse.ts';
import { benchSeparatorGuard } from './separators.ts';
import { benchPdf } from './pdf.ts';
import { median, ms, printTable } from './stats.ts';

/** `npm run bench`: the figures the issues ask for, as one table. Measures only; asserts nothing. */
const rows: string[][] = [['measure', 'value', 'goal']];
rows.push(['parse + render, 1,000 slides (median of 15)', ms(benchParse(1000)), '< 100 ms']);
rows.push(['parse + render, 20 slides (median of 15)', ms(benchParse(20)), '']);
const guard = await benchSeparatorGuard(1000);
rows.push(['separator check, 1,000 slides, default separators (median of 15)', ms(guard.defaults), '']);
rows.push([`separator check, 1,000 slides, own separators, in the worker (median of 15; compile ${ms(guard.parse)})`, ms(guard.custom), '']);

const built = await benchBuild(FIXTURE);
rows.push(['build, one-deck site (fixture deck, median of 3)', ms(built.seconds * 1000), '< 1000 ms']);
rows.push(['  gzipped JS + CSS of that site', `${(built.gzippedBytes / 1024).toFixed(1)} kB`, '< 150 kB']);

const fixturePdf = await benchPdf({ copyOf: FIXTURE });
rows.push([`pdf, fixture deck with fragment pages (${fixturePdf.pages} pages, browser start included)`, ms(fixturePdf.milliseconds), '< 2000 ms']);
const smallPdf = await benchPdf({ slides: 20 });
rows.push([`pdf, 20 generated slides with fragments (${smallPdf.pages} pages)`, ms(smallPdf.milliseconds), '']);
const bigPdf = await benchPdf({ slides: 1000 }, { fragments: false });
rows.push([`pdf, 1,000 slides (${bigPdf.pages} pages)`, ms(bigPdf.milliseconds), '< 10000 ms']);

const browser = await launchChromium();
try {
  const starts = [];
  for (let run = 0; run < 7; run++) starts.push(await benchColdStart(browser, 20));
  rows.push(['dev cold start to first slide, 20 slides, idle tab open (median of 7)', ms(median(starts)), '< 1000 ms']);
  const bigStarts = [];
  for (let run = 0; run < 3; run++) bigStarts.push(await benchColdStart(browser, 1000));
  rows.push(['dev cold start to first slide, 1,000 slides (median of 3)', ms(median(bigStarts)), '']);
  const small = await benchSaveLatency(browser, 20, 10);
  rows.push(['save to visible, 20 slides (median of 15; max)', `${ms(small.median)}; ${ms(small.max)}`, '< 50 ms']);
  rows.push(['  h/v/f kept on every save, 20 slides', small.kept ? 'yes' : 'NO', 'yes']);
  const large = await benchSaveLatency(browser, 1000, 500);
  rows.push(['save to visible, 1,000 slides, slide 500 shown (median of 15; max)', `${ms(large.median)}; ${ms(large.max)}`, '< 100 ms']);
  rows.push(['  h/v/f kept on every save, 1,000 slides', large.kept ? 'yes' : 'NO', 'yes']);
  const checked = await benchSaveLatency(browser, 1000, 500, 15, true);
  rows.push(['save to visible, 1,000 slides, own separators checked in the worker (median of 15; max)', `${ms(checked.median)}; ${ms(checked.max)}`, '< 100 ms']);
} finally {
  await browser.close();
}
printTable(rows);
