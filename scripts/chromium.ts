import { existsSync } from 'node:fs';

/**
 * A Chromium installed on this machine: $CHROMIUM_PATH, or Debian's. The project's machines
 * cannot download Playwright's own browser, so this one comes first when present.
 */
export function systemChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => Boolean(path) && existsSync(path as string));
}

/** Headless on this closed network: no sandbox (root), nothing that reaches the internet. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-gpu',
  '--no-first-run',
];
