import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserType } from 'playwright-core';
import { LecternError } from '../errors.ts';

const require = createRequire(import.meta.url);
/**
 * Playwright, loaded when a browser is first looked for: loading it takes 0.3-0.5 s of CPU, which a
 * build whose social card is cached, or a dev server before its first render check, never needs.
 */
const playwrightChromium = (): BrowserType => (require('playwright-core') as typeof import('playwright-core')).chromium;

/** Flags Chromium needs on a closed network and, as root, without a sandbox. */
export const CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-dev-shm-usage',
];

/**
 * Debian's Chromium first. Its headless shell (chromium-headless-shell) starts faster here (launch 0.2 s
 * against 0.6 s, a first page 0.4 s against 0.9 s), but three full test runs with it each had one page
 * wait that never ended, where Chromium's runs had none: it is used only when Chromium is not installed
 * (or named with --browser / $LECTERN_CHROMIUM).
 */
export const SYSTEM_CHROMIUMS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/lib/chromium/chromium-headless-shell',
  '/usr/bin/chromium-headless-shell',
];

/**
 * The browser to drive, in order: an explicit path, $LECTERN_CHROMIUM (or $CHROMIUM_PATH), a browser
 * Playwright installed, then the system's (Chromium, else its headless shell).
 */
export function findChromium(explicit?: string): string {
  const candidates = [explicit, process.env['LECTERN_CHROMIUM'], process.env['CHROMIUM_PATH']].filter((c): c is string => Boolean(c));
  for (const candidate of candidates) {
    if (existsSync(candidate)) return candidate;
    throw new LecternError('browser', `no browser at ${candidate}`);
  }
  try {
    const managed = playwrightChromium().executablePath();
    if (managed && existsSync(managed)) return managed;
  } catch {
    // Playwright has no browser of its own here: fall through to the system's.
  }
  const system = SYSTEM_CHROMIUMS.find((path) => existsSync(path));
  if (system) return system;
  throw new LecternError(
    'browser',
    'no Chromium found: install it (Debian: apt-get install chromium) or set LECTERN_CHROMIUM to its path',
  );
}

export async function launchChromium(explicit?: string): Promise<Browser> {
  const executablePath = findChromium(explicit);
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return playwrightChromium().launch({
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(asRoot ? ['--no-sandbox'] : [])],
    // Playwright's own handlers would end the process before Lectern's cleanups (interrupt.ts) remove
    // the temp folders; those close the browser too.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}
