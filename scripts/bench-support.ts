/** What the benchmarks share: medians, and timing a sort of the device list in a page. */
import type { Page } from '@playwright/test';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export const firstRow = 'table[aria-label="Devices"] tbody tr';
export const SORT_COLUMNS = ['IP', 'AXIS OS', 'MAC/Serial', 'Status', 'Model'];

async function sortTime(page: Page, column: string, expected: 'ascending' | 'descending') {
  const header = page.getByRole('columnheader', { name: column });
  // Timed from the click event in the page, so Playwright's own checks are not counted.
  await page.evaluate(() => {
    document.addEventListener(
      'click',
      () => {
        (window as unknown as { clickAt: number }).clickAt = performance.now();
      },
      { capture: true, once: true },
    );
  });
  await header.getByRole('button', { name: column }).click();
  await page.waitForFunction(
    ({ name, sort }) => {
      const table = document.querySelector('table[aria-label="Devices"]');
      const th = [...document.querySelectorAll('th')].find((cell) => cell.textContent === name);
      return th?.getAttribute('aria-sort') === sort && table?.getAttribute('aria-busy') === 'false';
    },
    { name: column, sort: expected },
    { polling: 'raf' },
  );
  const { start, end } = await page.evaluate(
    () =>
      new Promise<{ start: number; end: number }>((resolve) =>
        requestAnimationFrame(() =>
          resolve({
            start: (window as unknown as { clickAt: number }).clickAt,
            end: performance.now(),
          }),
        ),
      ),
  );
  // The part spent answering the list request (built-in fleet and transport).
  const api = await page.evaluate(() => {
    const entries = performance
      .getEntriesByType('resource')
      .filter((entry) => entry.name.includes('/api/devices?'));
    return entries[entries.length - 1]?.duration ?? Number.NaN;
  });
  return { total: end - start, api };
}

/** Sorts by a column the other way than it is now (ascending first), and times it. */
export async function flipSort(page: Page, column: string) {
  const current = await page.getByRole('columnheader', { name: column }).getAttribute('aria-sort');
  return sortTime(page, column, current === 'ascending' ? 'descending' : 'ascending');
}
