/**
 * Makes sure the Playwright suite has a Chromium to drive. Order: $CHROMIUM_PATH, Debian's
 * /usr/bin/chromium, Playwright's own browser; if none, installs Debian's Chromium with apt
 * when running as root, and otherwise says exactly what to install.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { systemChromium } from './chromium';

function found(): string | undefined {
  const system = systemChromium();
  if (system) return system;
  try {
    const bundled = chromium.executablePath();
    return existsSync(bundled) ? bundled : undefined;
  } catch {
    return undefined;
  }
}

const existing = found();
if (existing) {
  console.log(`Test browser: ${existing}`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (isRoot && hasApt) {
  console.log('No Chromium found: installing Debian’s chromium package with apt-get …');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  const installed = found();
  if (installed) {
    console.log(`Test browser: ${installed}`);
    process.exit(0);
  }
}

console.error(
  [
    'The end-to-end tests need Chromium, and none was found.',
    'Install one of these, then run the tests again:',
    '  - Debian/Ubuntu:  sudo apt-get install -y chromium',
    '  - any machine that can download browsers:  npx playwright install chromium',
    '  - or point CHROMIUM_PATH at an existing Chromium or Chrome binary.',
  ].join('\n'),
);
process.exit(1);
