// Makes sure a Chromium is there for the browser tests: Lectern never downloads a browser of its own,
// so on Debian it installs the system package (as root), and otherwise says what to do.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// Debian's headless shell is what Lectern prefers (it starts three times faster: src/node/chromium.ts).
const shell = '/usr/lib/chromium/chromium-headless-shell';
const others = [process.env.LECTERN_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const hasShell = existsSync(shell);
const hasOther = others.some((path) => path && existsSync(path));
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const canInstall = isRoot && existsSync('/usr/bin/apt-get');
if (hasShell || (hasOther && !canInstall)) process.exit(0);
if (!canInstall) {
  console.error('No Chromium found. Install it (Debian: sudo apt-get install chromium-headless-shell, or chromium) or set LECTERN_CHROMIUM.');
  process.exit(1);
}
console.log('Installing Chromium (headless shell) from Debian packages…');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
try {
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium-headless-shell'], { stdio: 'inherit', env });
} catch {
  // Package lists not fetched yet on a fresh machine.
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium-headless-shell'], { stdio: 'inherit', env });
}
