/**
 * The fleet's time is the page's clock, read on every call, so Playwright's `page.clock`
 * (or Vitest's fake timers) can move it and every derived state follows.
 */
export function now(): number {
  return Date.now();
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
