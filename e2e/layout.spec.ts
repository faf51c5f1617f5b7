import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * What a person notices first, measured: row heights, sideways scrolling, what fits above the
 * fold, where the navigation is. Role-based journeys pass with a 195 px row; these do not.
 */

/** How far the page itself scrolls sideways (0 when it fits its window). */
function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** How far a table sticks out of its scrolling container. */
function tableOverflow(table: Locator): Promise<number> {
  return table.evaluate((element) => {
    const container = element.parentElement as HTMLElement;
    return element.scrollWidth - container.clientWidth;
  });
}

/** Heights of the table's body rows, in CSS pixels. */
function rowHeights(table: Locator): Promise<number[]> {
  return table.evaluate((element) =>
    [...element.querySelectorAll('tbody tr')].map((row) => row.getBoundingClientRect().height),
  );
}

/** Body rows shown whole within both the window and the table's scrolling container. */
function rowsAboveFold(table: Locator): Promise<number> {
  return table.evaluate((element) => {
    const container = (element.parentElement as HTMLElement).getBoundingClientRect();
    const bottom = Math.min(window.innerHeight, container.bottom);
    return [...element.querySelectorAll('tbody tr')].filter(
      (row) => row.getBoundingClientRect().bottom <= bottom + 0.5,
    ).length;
  });
}

/** A screen with a table; `press`: a button pressed first (a mode that changes the table). */
const screens: { path: string; press?: string; table: string; first: string; last: string }[] = [
  { path: '/devices', table: 'Devices', first: 'Model', last: 'Actions' },
  {
    path: '/firmware',
    table: 'Software versions by device type',
    first: 'Device type',
    last: 'Actions',
  },
  { path: '/firmware/Nord%20GSM', table: 'Nord GSM sites', first: 'Site number', last: 'Actions' },
  // With check boxes for holds, the sites keep every column in view too.
  {
    path: '/firmware/Nord%20GSM',
    press: 'Select sites',
    table: 'Nord GSM sites',
    first: 'Site number',
    last: 'Actions',
  },
  { path: '/servers', table: 'Servers', first: 'Name', last: 'Last upgrade' },
  { path: '/servers/srv-7f3a9c21', table: 'Module set', first: 'Module', last: 'Change' },
];

const nameOf = (screen: (typeof screens)[number]) =>
  screen.press ? `${screen.path} (${screen.press})` : screen.path;

async function open(page: Page, screen: (typeof screens)[number]): Promise<void> {
  await page.goto(screen.path);
  if (screen.press) await page.getByRole('button', { name: screen.press }).click();
}

test.describe('Layout on a desktop', () => {
  test('device rows are at most 44 px, and at least 12 show above the fold at 1440×900', async ({
    page,
    devices,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await devices.goto();
    await expect(devices.dataRows()).toHaveCount(20);
    const heights = await rowHeights(devices.table);
    expect(Math.max(...heights)).toBeLessThanOrEqual(44);
    expect(await rowsAboveFold(devices.table)).toBeGreaterThanOrEqual(12);
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
  });

  test('compact rows are at most 36 px, and the choice is remembered', async ({
    page,
    devices,
  }) => {
    await devices.goto();
    const compact = page.getByRole('button', { name: 'Compact rows' });
    await expect(compact).toHaveAttribute('aria-pressed', 'false');
    await compact.click();
    await expect(compact).toHaveAttribute('aria-pressed', 'true');
    await page.reload();
    await expect(devices.dataRows()).toHaveCount(20);
    await expect(compact).toHaveAttribute('aria-pressed', 'true');
    expect(Math.max(...(await rowHeights(devices.table)))).toBeLessThanOrEqual(36);
    // Every table follows the same density.
    await page.goto('/firmware/Nord%20GSM');
    const sites = page.getByRole('table', { name: 'Nord GSM sites' });
    await expect(sites.getByRole('row')).toHaveCount(21);
    expect(Math.max(...(await rowHeights(sites)))).toBeLessThanOrEqual(36);
  });

  for (const screen of screens) {
    test(`${nameOf(screen)} shows every column at 1280 px without sideways scrolling`, async ({
      page,
    }) => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await open(page, screen);
      const table = page.getByRole('table', { name: screen.table });
      await expect(table.getByRole('row').nth(1)).toBeVisible();
      expect(await tableOverflow(table)).toBeLessThanOrEqual(0);
      expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
      await expect(table.getByRole('columnheader', { name: screen.last })).toBeInViewport();
      expect(Math.max(...(await rowHeights(table)))).toBeLessThanOrEqual(44);
    });
  }
});

test.describe('Layout on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  for (const screen of screens) {
    test(`${nameOf(screen)} never scrolls sideways; its table scrolls in its own region`, async ({
      page,
    }) => {
      await open(page, screen);
      const table = page.getByRole('table', { name: screen.table });
      await expect(table.getByRole('row').nth(1)).toBeVisible();
      expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
      // The person scrolls down to the table (on a phone it may start below the fold).
      await table
        .getByRole('row')
        .first()
        .evaluate((row) => row.scrollIntoView({ block: 'center' }));
      // Scrolled to its far end, the table still shows which row is which.
      await table.evaluate((element) => {
        (element.parentElement as HTMLElement).scrollLeft = 10_000;
      });
      await expect(table.getByRole('columnheader', { name: screen.last })).toBeInViewport();
      await expect(table.getByRole('columnheader', { name: screen.first })).toBeInViewport({
        ratio: 1,
      });
    });
  }

  test('planning and following a rollout never scrolls sideways', async ({ page }) => {
    await page.goto('/firmware/Nord%20GSM');
    await page.getByRole('button', { name: 'Plan a staged rollout…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Plan a staged rollout of Nord GSM' });
    await expect(dialog.getByRole('region', { name: 'What the rollout will do' })).toBeVisible();
    // The dialog's fields fit its width: the wave's remove button is not pushed out.
    await expect(dialog.getByRole('button', { name: 'Remove wave 2' })).toBeInViewport({
      ratio: 1,
    });
    await dialog.getByRole('button', { name: 'Start rollout' }).click();
    await expect(page.getByRole('region', { name: 'Wave 2' })).toBeVisible();
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    await expect(page.getByRole('button', { name: 'Halt…' })).toBeInViewport({ ratio: 1 });
  });

  test('the navigation is a drawer behind "Open navigation"', async ({ page, devices }) => {
    await devices.goto();
    // Everything in the app bar fits the phone's width.
    for (const name of ['Open navigation', 'Times in UTC', /^Theme: /]) {
      await expect(page.getByRole('banner').getByRole('button', { name })).toBeInViewport({
        ratio: 1,
      });
    }
    await expect(page.getByRole('link', { name: 'Upgrade Center' })).toBeHidden();
    await page.getByRole('button', { name: 'Open navigation' }).click();
    const drawer = page.getByRole('dialog').getByRole('navigation', { name: 'Main' });
    await drawer.getByRole('link', { name: 'Upgrade Center' }).click();
    await expect(page.getByRole('heading', { name: 'Upgrade Center', level: 1 })).toBeVisible();
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Open navigation' })).toBeFocused();
  });

  test('the device table keeps the selection and model in view while it scrolls sideways', async ({
    devices,
  }) => {
    await devices.goto();
    const row = devices.row('172.26.180.173');
    await devices.table.evaluate((element) => {
      (element.parentElement as HTMLElement).scrollLeft = 10_000;
    });
    await expect(row.getByRole('checkbox')).toBeInViewport();
    await expect(row.getByRole('cell', { name: 'AXIS C1004-E', exact: true })).toBeInViewport();
    await expect(row.getByRole('cell', { name: 'ACCC8EF3100E', exact: true })).not.toBeInViewport();
  });

  test('a dialog fills the screen', async ({ page, devices }) => {
    await devices.goto();
    await devices.row('172.26.180.2').getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Software scheduling' }).click();
    const dialog = page.getByRole('dialog', { name: 'Software scheduling (1 device)' });
    await expect(dialog.getByRole('button', { name: 'Apply' })).toBeVisible();
    const box = await dialog.boundingBox();
    expect(box?.width).toBe(390);
    expect(box?.height).toBe(844);
  });
});
