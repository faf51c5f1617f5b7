import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Serious and critical WCAG 2.1 A/AA violations on the page as it is now. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
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

const screens: { path: string; ready: (page: Page) => Promise<void> }[] = [
  {
    path: '/devices',
    ready: (page) => expect(page.getByRole('table', { name: 'Devices' })).toBeVisible(),
  },
  {
    path: '/firmware',
    ready: (page) =>
      expect(page.getByRole('link', { name: 'Nord GSM', exact: true })).toBeVisible(),
  },
  {
    path: '/firmware/Nord%20GSM',
    ready: (page) => expect(page.getByRole('cell', { name: '1017', exact: true })).toBeVisible(),
  },
  {
    path: '/servers',
    ready: (page) => expect(page.getByRole('link', { name: 'Warehouse NVR' })).toBeVisible(),
  },
  {
    path: '/servers/srv-7f3a9c21',
    ready: (page) => expect(page.getByRole('table', { name: 'Module set' })).toBeVisible(),
  },
];

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`Accessibility, ${scheme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
    });

    for (const screen of screens) {
      test(`${screen.path} has no serious or critical WCAG 2.1 AA violation`, async ({ page }) => {
        await page.goto(screen.path);
        await screen.ready(page);
        expect(await violations(page)).toEqual([]);
      });
    }

    test('the open dialogs and menus have none either', async ({ page }) => {
      await page.goto('/devices');
      await page.getByRole('checkbox', { name: 'Select AXIS P3227-LV (172.26.180.2)' }).check();
      await page.getByRole('button', { name: 'Software scheduling' }).click();
      const scheduling = page.getByRole('dialog', { name: 'Software scheduling (1 device)' });
      await expect(
        scheduling.getByText(/Next maintenance window|Upgrade as soon/).first(),
      ).toBeVisible();
      expect(await violations(page)).toEqual([]);
      await scheduling.getByRole('button', { name: 'Cancel' }).click();

      await page.getByRole('button', { name: 'Model: Any' }).click();
      await expect(page.getByRole('menuitemcheckbox').first()).toBeVisible();
      expect(await violations(page)).toEqual([]);
      await page.keyboard.press('Escape');

      await page.goto('/firmware/Nord%20GSM');
      await page.getByRole('button', { name: 'Update software at all sites' }).click();
      await expect(page.getByRole('dialog')).toContainText('will be queued');
      expect(await violations(page)).toEqual([]);
    });
  });
}
