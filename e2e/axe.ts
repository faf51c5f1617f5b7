import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Page } from '@playwright/test';
import { settled } from './fixtures';

/**
 * axe-core is loaded once per navigation as an init script (CSP does not apply to those), and
 * each scan asks for violations only. Scans were slow on a busy machine because
 * `@axe-core/playwright` evaluated axe's 550 KB source twice per scan (each call recorded in
 * the trace), opened a second page to finish every run, and carried every passing node back.
 */
export const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const runOptions: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  resultTypes: ['violations'],
};

/** Serious and critical WCAG 2.1 A/AA violations on the page as it is now. */
export async function violations(page: Page): Promise<string[]> {
  // Colours are read as painted: a menu or dialog still fading in would fail contrast.
  await settled(page);
  const results = await page.evaluate(
    (options) =>
      (
        window as unknown as { axe: { run: (c: Node, o: RunOptions) => Promise<AxeResults> } }
      ).axe.run(document, options),
    runOptions,
  );
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} — ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
}
