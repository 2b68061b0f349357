import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { removeFolder, tempFolder } from './helpers.ts';
import { readPdf } from './pdf-reader.ts';
import { run as runCli } from './cli-runner.ts';

/**
 * PDF export with images that fail or never arrive (issue 11): each is reported with its slide, and
 * the export finishes with the slide as it is, within --timeout (or fails with --strict).
 */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let folder: string;
let images: Server;
let origin: string;
const sockets = new Set<Socket>();

test.beforeEach(async () => {
  // An image host on 127.0.0.1: /stall.png is accepted and never answered, /broken.png fails.
  images = createServer((request, response) => {
    if (request.url === '/stall.png') return; // the request stays open until the test ends
    if (request.url === '/ok.png') return void response.writeHead(200, { 'Content-Type': 'image/png' }).end(PNG_1X1);
    response.writeHead(500).end();
  });
  images.on('connection', (socket) => (sockets.add(socket), socket.on('close', () => sockets.delete(socket))));
  await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
  const deck = `# Broken\n\n![broken](${origin}/broken.png)\n\n---\n\n## Stalled\n\n![stalled](${origin}/stall.png)\n\n---\n\n## Fine\n\n![ok](${origin}/ok.png)\n`;
  folder = await tempFolder({ 'talk.md': deck });
});
test.afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => images.close(resolve));
  await removeFolder(folder);
});

test('a failed image on slide 1 and a stalled one on slide 2 are reported with their slides; the PDF is written', async () => {
  const run = await runCli(['pdf', 'talk.md', '--no-fragments', '--timeout', '5000'], folder, { timeoutMs: 90_000 });
  expect(run.timedOut).toBe(false);
  expect(run.code).toBe(0);
  expect(run.stderr).toContain(`talk.md:3: resource-failed: slide 1: ${origin}/broken.png could not be loaded`);
  expect(run.stderr).toContain(`talk.md:9: resource-timeout: slide 2: ${origin}/stall.png did not load within 5000 ms`);
  expect(run.stderr).not.toContain('ok.png');
  const pdf = await readPdf(join(folder, 'talk.pdf'));
  expect(pdf.pages).toBe(3);
});

test('--strict fails on them instead, listing each, and writes no PDF', async () => {
  const run = await runCli(['pdf', 'talk.md', '--no-fragments', '--timeout', '5000', '--strict'], folder, { timeoutMs: 90_000 });
  expect(run.timedOut).toBe(false);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('lectern: talk.md: 2 images or fonts did not load (--strict)');
  expect(run.stderr).toContain('resource-failed: slide 1:');
  expect(run.stderr).toContain('resource-timeout: slide 2:');
  expect(run.stderr).not.toMatch(/\n\s+at /);
  await expect(readPdf(join(folder, 'talk.pdf'))).rejects.toThrow();
});
