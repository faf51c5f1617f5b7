import { test as base, expect, type Locator, type Page } from '@playwright/test';

/** The Devices screen, located by roles and names only (the automation contract). */
export class DevicesScreen {
  readonly heading: Locator;
  readonly table: Locator;
  readonly search: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Devices', level: 1 });
    this.table = page.getByRole('table', { name: 'Devices' });
    this.search = page.getByRole('searchbox', { name: 'Search devices' });
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/devices${query}`);
    // The large fleet (100,000 devices) is generated in the page on the first request.
    await expect(this.table).toBeVisible({ timeout: 30_000 });
  }

  /** The row whose cells include `text` (an IP, a serial). */
  row(text: string): Locator {
    return this.table
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: text, exact: true }) });
  }

  columnHeader(name: string): Locator {
    return this.table.getByRole('columnheader', { name });
  }

  /** Data rows (the header row left out). */
  dataRows(): Locator {
    return this.table.locator('tbody').getByRole('row');
  }
}

/** A row of a server's module set, by the module's name. */
/** The statistics table's row for a device type, by its first cell. */
export function typeRow(page: Page, deviceType: string): Locator {
  return page
    .getByRole('table', { name: 'Software versions by device type' })
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: deviceType, exact: true }) });
}

/** A row of the Nord GSM site list, by its site number. */
export function siteRow(page: Page, number: number): Locator {
  return page
    .getByRole('table', { name: 'Nord GSM sites' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: String(number), exact: true }) });
}

export function moduleRow(page: Page, name: string): Locator {
  return page
    .getByRole('table', { name: 'Module set' })
    .getByRole('row')
    .filter({ has: page.getByText(name, { exact: true }) });
}

/** Picks a module's target version in the Upgrade Center. */
export async function chooseTarget(page: Page, module: string, version: string): Promise<void> {
  const select = page.getByRole('combobox', { name: `Target version of ${module}` });
  await select.click();
  const option = page.getByRole('option', { name: version, exact: true });
  // On a busy machine a click can land while the menu is still opening and be lost: the menu
  // then stays open on the old version. Pick again until the menu has closed on the choice.
  await expect(async () => {
    if (await option.isVisible()) await option.click({ timeout: 5_000 });
    await expect(page.getByRole('listbox')).toBeHidden({ timeout: 2_000 });
  }).toPass();
}

/**
 * Follows a link of the main navigation, as a person would at this window size: on a phone
 * the navigation is behind "Open navigation".
 */
export async function navigateTo(page: Page, name: string): Promise<void> {
  const opener = page.getByRole('button', { name: 'Open navigation' });
  if (await opener.isVisible()) await opener.click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
}

/**
 * Moves focus with Tab (or Shift+Tab) until `target` has it, as a keyboard user would; fails
 * if it is not reached within `max` presses (it is then not in the tab order).
 */
export async function tabTo(
  page: Page,
  target: Locator,
  { backwards = false, max = 80 }: { backwards?: boolean; max?: number } = {},
): Promise<void> {
  // Resolved once: matching a role locator on every press is slow on a page of rows.
  const element = await target.elementHandle();
  for (let presses = 0; presses < max; presses += 1) {
    if (await element.evaluate((node) => node === document.activeElement)) break;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  await element.dispose();
  await expect(target, `reachable with ${backwards ? 'Shift+Tab' : 'Tab'}`).toBeFocused();
}

/**
 * Waits until no finite animation or transition runs (a dialog's fade, a menu's grow), so what
 * is checked is what a person sees once the screen has settled. Endless ones (progress bars)
 * never settle and are left out.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (animation) =>
          animation.playState !== 'running' ||
          animation.effect?.getComputedTiming().iterations === Number.POSITIVE_INFINITY,
      ),
  );
}

interface Fixtures {
  devices: DevicesScreen;
  /** Fails the test if the page threw an uncaught exception. */
  noUncaughtErrors: void;
}

export const test = base.extend<Fixtures>({
  devices: async ({ page }, use) => {
    await use(new DevicesScreen(page));
  },
  noUncaughtErrors: [
    async ({ page }, use) => {
      const errors: Error[] = [];
      page.on('pageerror', (error) => errors.push(error));
      await use();
      expect(errors, 'uncaught exceptions in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
