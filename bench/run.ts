import { launchChromium } from '../src/node/chromium.ts';
import { FIXTURE } from '../e2e/helpers.ts';
import { benchColdStart, benchSaveLatency } from './dev.ts';
import { benchBuild } from './build.ts';
import { benchCli } from './cli.ts';
import { benchPng, benchPptx, benchSingleFile } from './export.ts';
import { benchDiagramCompile, benchDiagramSave } from './diagrams.ts';
import { benchCheckRender, benchDevCheck } from './lint.ts';
import { benchParse } from './parse.ts';
import { benchSeparatorGuard } from './separators.ts';
import { benchPdf } from './pdf.ts';
import { median, ms, printTable } from './stats.ts';

/** `npm run bench`: the figures the issues ask for, as one table. Measures only; asserts nothing. */
const rows: string[][] = [['measure', 'value', 'goal']];
rows.push(['parse + render, 1,000 slides (median of 15)', ms(benchParse(1000)), '< 50 ms']);
rows.push(['parse + render, 20 slides (median of 15)', ms(benchParse(20)), '']);
const guard = await benchSeparatorGuard(1000);
rows.push(['separator check, 1,000 slides, default separators (median of 15)', ms(guard.defaults), '']);
rows.push([`separator check, 1,000 slides, own separators, in the worker (median of 15; compile ${ms(guard.parse)})`, ms(guard.custom), '']);

const diagrams = await benchDiagramCompile(20);
rows.push(['compile, 20 Mermaid diagrams, warm (median of 7)', ms(diagrams.warm), '< 300 ms']);
rows.push(['  the same, all 20 diagrams changed (drawn again, median of 7)', ms(diagrams.redrawn), '']);
rows.push(['  the same, first compile (Chromium and Mermaid start)', ms(diagrams.first), '']);

const built = await benchBuild(FIXTURE);
rows.push(['build, one-deck site (fixture deck, in process, median of 3; social card cached after the first)', ms(built.seconds * 1000), '< 1000 ms']);
rows.push(['  gzipped JS + CSS of that site', `${(built.gzippedBytes / 1024).toFixed(1)} kB`, '< 150 kB']);

const cli = await benchCli(FIXTURE, 5);
rows.push(['CLI `lectern pdf` fixture deck, 60 pages, --no-preview (spawn to exit, median of 5)', ms(cli.pdf), '< 1200 ms']);
rows.push(['CLI `lectern pdf` fixture deck, 60 pages, through a running `lectern dev` (spawn to exit, median of 5)', ms(cli.pdfThroughPreview), '< 1200 ms']);
rows.push(['CLI `lectern build` fixture deck, first build of this deck (social card drawn)', ms(cli.buildFirst), '']);
rows.push(['CLI `lectern build` fixture deck, rebuilt unchanged (social card cached; median of 5)', ms(cli.buildAgain), '< 250 ms']);

const fixturePdf = await benchPdf({ copyOf: FIXTURE });
rows.push([`pdf, fixture deck with fragment pages (${fixturePdf.pages} pages, in process, browser start included)`, ms(fixturePdf.milliseconds), '< 2000 ms']);
const smallPdf = await benchPdf({ slides: 20 });
rows.push([`pdf, 20 generated slides with fragments (${smallPdf.pages} pages)`, ms(smallPdf.milliseconds), '']);
const fragmentPdf = await benchPdf({ slides: 1000 });
rows.push([`pdf, 1,000 slides, a page per fragment step (${fragmentPdf.pages} pages)`, ms(fragmentPdf.milliseconds), '< 10000 ms']);
// Linear in pages: the time per page should stay flat as the deck grows.
for (const slides of [250, 500, 1000, 2000]) {
  const grown = await benchPdf({ slides }, { fragments: false });
  rows.push([`pdf, ${slides.toLocaleString('en')} slides --no-fragments (${grown.pages} pages): total; per page`, `${ms(grown.milliseconds)}; ${(grown.milliseconds / grown.pages).toFixed(1)} ms`, slides === 1000 ? '< 5000 ms' : '']);
}

const png = await benchPng({ copyOf: FIXTURE });
rows.push([`png, fixture deck (${png.count} images, browser start included)`, ms(png.milliseconds), '< 3000 ms']);
const pptx = await benchPptx({ copyOf: FIXTURE });
rows.push([`pptx, fixture deck (${pptx.count} slides, browser start included)`, ms(pptx.milliseconds), '< 3000 ms']);
const single = await benchSingleFile({ copyOf: FIXTURE });
rows.push([`build --single-file, fixture deck: size (time ${ms(single.milliseconds)})`, `${(single.bytes / 1024).toFixed(1)} kB`, '< 400 kB']);
const bigPptx = await benchPptx({ slides: 1000 });
rows.push([`pptx, 1,000 slides (${bigPptx.count} slides)`, ms(bigPptx.milliseconds), '< 60000 ms']);
const check100 = await benchCheckRender(100, 5);
rows.push([`check --render, 100 generated slides (CLI, warm: median of 5 after one; ${check100.warnings} warnings)`, ms(check100.median), '< 2000 ms']);
const check1000 = await benchCheckRender(1000, 3);
rows.push([`check --render, 1,000 generated slides (CLI, median of 3 after one)`, ms(check1000.median), '< 10000 ms']);

const browser = await launchChromium();
try {
  const starts = [];
  for (let run = 0; run < 7; run++) starts.push(await benchColdStart(browser, 20));
  rows.push(['dev cold start to first slide, 20 slides, idle tab open (median of 7)', ms(median(starts)), '< 400 ms']);
  const bigStarts = [];
  for (let run = 0; run < 3; run++) bigStarts.push(await benchColdStart(browser, 1000));
  rows.push(['dev cold start to first slide, 1,000 slides (median of 3)', ms(median(bigStarts)), '']);
  const quietStarts = [];
  for (let run = 0; run < 7; run++) quietStarts.push(await benchColdStart(browser, 20, { lint: false }));
  rows.push(['  the same with --no-lint (median of 7)', ms(median(quietStarts)), '']);
  const small = await benchSaveLatency(browser, 20, 10);
  rows.push(['save to visible, 20 slides (median of 15; max)', `${ms(small.median)}; ${ms(small.max)}`, '< 50 ms']);
  rows.push(['  h/v/f kept on every save, 20 slides', small.kept ? 'yes' : 'NO', 'yes']);
  const unchecked = await benchSaveLatency(browser, 20, 10, { lint: false });
  rows.push(['  the same with render checks off (median of 15; max)', `${ms(unchecked.median)}; ${ms(unchecked.max)}`, '']);
  const spaced = await benchSaveLatency(browser, 100, 50, { saves: 10, spacedMs: 1500 });
  rows.push(['save to visible, 100 slides, saves 1.5 s apart so render checks run between (median of 10; max)', `${ms(spaced.median)}; ${ms(spaced.max)}`, '< 50 ms']);
  const devCheck = await benchDevCheck(browser, 100, 5);
  rows.push(['dev: save to render problems listed in the page, 100 slides, browser warm (500 ms quiet time included; median of 5; max)', `${ms(devCheck.median)}; ${ms(devCheck.max)}`, '']);
  const large = await benchSaveLatency(browser, 1000, 500);
  rows.push(['save to visible, 1,000 slides, slide 500 shown (median of 15; max)', `${ms(large.median)}; ${ms(large.max)}`, '< 50 ms']);
  rows.push(['  h/v/f kept on every save, 1,000 slides', large.kept ? 'yes' : 'NO', 'yes']);
  const diagramSave = await benchDiagramSave(browser, 20);
  rows.push(['save to visible, one of 20 diagrams edited (median of 15; max)', `${ms(diagramSave.median)}; ${ms(diagramSave.max)}`, '< 100 ms']);
  const checked = await benchSaveLatency(browser, 1000, 500, { customSeparators: true });
  rows.push(['save to visible, 1,000 slides, own separators checked in the worker (median of 15; max)', `${ms(checked.median)}; ${ms(checked.max)}`, '< 100 ms']);
} finally {
  await browser.close();
}
printTable(rows);
