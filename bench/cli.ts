import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './stats.ts';

const CLI = resolve(import.meta.dirname, '../bin/lectern.js');

/** Spawn to exit of `lectern …` in `cwd`, as a user's shell runs it (the built dist/). */
function timeCli(args: string[], cwd: string): Promise<number> {
  return new Promise((resolveTime, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolveTime(performance.now() - started);
      else reject(new Error(`lectern ${args.join(' ')} exited with ${code}: ${errors.slice(-300)}`));
    });
  });
}

export interface CliFigures {
  /** `lectern pdf deck.md --no-preview`, median of `runs`. */
  pdf: number;
  /** `lectern pdf deck.md` while `lectern dev` serves the deck (after one export that starts its browser), median of `runs`. */
  pdfThroughPreview: number;
  /** `lectern build deck.md` of a deck no build has seen: the social card drawn. */
  buildFirst: number;
  /** `lectern build` again, nothing changed: the card from the cache, median of `runs`. */
  buildAgain: number;
}

/** The commands as a user times them in a shell, spawn to exit, on a copy of `deck`. */
export async function benchCli(deck: string, runs = 5): Promise<CliFigures> {
  const folder = await mkdtemp(join(tmpdir(), 'lectern-bench-cli-'));
  try {
    await copyFile(deck, join(folder, 'talk.md'));
    const pdfs: number[] = [];
    for (let run = 0; run < runs; run++) pdfs.push(await timeCli(['pdf', 'talk.md', '-o', 'fresh.pdf', '--no-preview'], folder));

    // A deck no build has made a card for, then the same again.
    await writeFile(join(folder, 'talk.md'), `${await readFile(deck, 'utf8')}\n---\n\n## Bench ${randomBytes(6).toString('hex')}\n`);
    const buildFirst = await timeCli(['build', 'talk.md', '--out', 'site', '--allow-missing', '--quiet'], folder);
    const builds: number[] = [];
    for (let run = 0; run < runs; run++) builds.push(await timeCli(['build', 'talk.md', '--out', 'site', '--allow-missing', '--quiet'], folder));

    const previewed = await throughPreview(folder, runs);
    return { pdf: median(pdfs), pdfThroughPreview: previewed, buildFirst, buildAgain: median(builds) };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function throughPreview(folder: string, runs: number): Promise<number> {
  const server = spawn(process.execPath, [CLI, 'dev', 'talk.md', '--port', '0', '--no-lint'], { cwd: folder, stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    await new Promise<void>((resolveStart, reject) => {
      const timer = setTimeout(() => reject(new Error('lectern dev did not start in 30 s')), 30_000);
      let output = '';
      server.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (/http:\/\/\S+/.test(output)) {
          clearTimeout(timer);
          resolveStart();
        }
      });
      server.on('exit', (code) => reject(new Error(`lectern dev exited with ${code}`)));
    });
    await timeCli(['pdf', 'talk.md', '-o', 'preview.pdf'], folder); // starts the preview's browser
    const times: number[] = [];
    for (let run = 0; run < runs; run++) times.push(await timeCli(['pdf', 'talk.md', '-o', 'preview.pdf'], folder));
    return median(times);
  } finally {
    server.kill();
  }
}
