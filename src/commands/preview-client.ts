import { request as httpRequest } from 'node:http';
import { basename, resolve } from 'node:path';
import { LecternError } from '../errors.ts';
import { findProjectRoot, writeFileAtomic } from '../node/files.ts';
import { refuseInputAsOutput } from '../node/outputs.ts';
import { showPath } from '../node/paths.ts';
import { findPreview } from '../node/preview-registry.ts';
import { PREVIEW_EXPORT_PATH, type PreviewExportRequest, type PreviewExportResponse } from '../vite/preview-export.ts';
import type { PdfJob, PdfOptions, PdfResult } from './pdf.ts';
import type { Progress } from './progress.ts';

/** How long a preview may take to answer beyond the export's own timeout: printing 2,000 pages takes tens of seconds. */
const PRINT_ALLOWANCE_MS = 300_000;

/**
 * Prints a deck through a `lectern dev` that serves it (its compiled deck, its warm browser), when one
 * runs for the deck's project; null when none does, or it cannot (then the caller exports from scratch).
 * --range needs a build of its own: never through the preview.
 */
export async function printThroughPreview(job: PdfJob, options: PdfOptions, progress: Progress): Promise<PdfResult | null> {
  if (options.range !== undefined) return null;
  const { root } = await findProjectRoot(resolve(job.deck));
  const preview = await findPreview(root);
  if (preview === null) return null;
  const name = basename(job.deck);
  progress.update(`${name}: printing through the running preview at ${preview.origin}`, 1, 2);
  const request: PreviewExportRequest = {
    deck: resolve(job.deck),
    timeoutMs: options.timeoutMs ?? 10_000,
    ...(options.fragments !== undefined ? { fragments: options.fragments } : {}),
    ...(options.notes !== undefined ? { notes: options.notes } : {}),
    ...(options.handout !== undefined ? { handout: options.handout } : {}),
    ...(options.perPage !== undefined ? { perPage: options.perPage } : {}),
    ...(options.paper !== undefined ? { paper: options.paper } : {}),
    ...(options.strict !== undefined ? { strict: options.strict } : {}),
  };
  const limit = request.timeoutMs * 2 + PRINT_ALLOWANCE_MS;
  let reply: { status: number; body: string };
  try {
    reply = await post(`${preview.origin}${PREVIEW_EXPORT_PATH}`, JSON.stringify(request), preview.token, limit);
  } catch (error) {
    if (error instanceof PreviewTimeout) throw new LecternError('export', `${name}: the running preview did not answer in ${limit / 1000} s (export without it: --no-preview)`);
    return null; // it went away: export from scratch
  }
  let answer: PreviewExportResponse;
  try {
    answer = JSON.parse(reply.body) as PreviewExportResponse;
  } catch {
    return null;
  }
  if (!answer.ok) {
    // What a fresh export would fail on too; anything else, a fresh export may not.
    if (reply.status === 422) throw new LecternError('export', `${name}: ${answer.reason}`, undefined, answer.problems);
    return null;
  }
  await refuseInputAsOutput([job.output], answer.inputs, showPath);
  await writeFileAtomic(job.output, Buffer.from(answer.pdf, 'base64'));
  progress.update(`${name}: written`, 2, 2);
  return { deck: job.deck, output: job.output, pages: answer.pages, warnings: answer.warnings, preview: preview.origin };
}

class PreviewTimeout extends Error {}

/**
 * POSTs the request with node:http: fetch would first load undici and compile its WebAssembly parser
 * (0.3 s of a run that otherwise takes about a second).
 */
function post(url: string, body: string, token: string, limitMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolvePost, reject) => {
    const request = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-lectern-token': token, 'content-length': Buffer.byteLength(body) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolvePost({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.setTimeout(limitMs, () => request.destroy(new PreviewTimeout()));
    request.on('error', reject);
    request.end(body);
  });
}
