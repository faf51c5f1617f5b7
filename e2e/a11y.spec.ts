import type { Page } from '@playwright/test';
import { axeScript, violations } from './axe';
import { expect, test } from './fixtures';

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
  {
    path: '/activity',
    ready: (page) => expect(page.getByRole('table', { name: 'Activity' })).toBeVisible(),
  },
];

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`Accessibility, ${scheme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript({ path: axeScript });
      await page.emulateMedia({ colorScheme: scheme });
    });

    for (const screen of screens) {
      test(`${screen.path} has no serious or critical WCAG 2.1 AA violation`, async ({ page }) => {
        await page.goto(screen.path);
        await screen.ready(page);
        expect(await violations(page)).toEqual([]);
      });
    }

    test('Approvals with a request waiting, and the notifications panel, have none either', async ({
      page,
    }) => {
      await page.goto('/approvals?role=administrator');
      await page.getByRole('button', { name: 'Change the approval rules of the fleet' }).click();
      const rules = page.getByRole('dialog', { name: 'Approval rules of the fleet' });
      await rules.getByRole('checkbox', { name: 'Staged rollouts' }).check();
      expect(await violations(page)).toEqual([]);
      await rules.getByRole('button', { name: 'Save rules' }).click();
      await expect(rules).toHaveCount(0);
      await page.goto('/firmware/Nord%20GSM?role=operator');
      await page.getByRole('button', { name: 'Plan a staged rollout…' }).click();
      const plan = page.getByRole('dialog', { name: 'Plan a staged rollout of Nord GSM' });
      await plan.getByRole('button', { name: 'Ask for approval' }).click();
      await expect(page.getByRole('note', { name: 'Waiting for approval' })).toBeVisible();
      await page.goto('/approvals?role=administrator');
      await expect(page.getByRole('article')).toContainText('5 Nord GSM sites to 5.40');
      expect(await violations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Notifications, 1 unread' }).click();
      await expect(page.getByRole('dialog', { name: 'Notifications' })).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });

    // One scan per test: each stays short on a busy machine.
    test('the scheduling dialog has none either', async ({ page }) => {
      await page.goto('/devices');
      await page.getByRole('checkbox', { name: 'Select AXIS P3227-LV (172.26.180.2)' }).check();
      await page.getByRole('button', { name: 'Software scheduling' }).click();
      const scheduling = page.getByRole('dialog', { name: 'Software scheduling (1 device)' });
      await expect(
        scheduling.getByText(/Next maintenance window|Upgrade as soon/).first(),
      ).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });

    test('the model menu has none either', async ({ page }) => {
      await page.goto('/devices');
      await page.getByRole('button', { name: 'Model: Any' }).click();
      await expect(page.getByRole('menuitemcheckbox').first()).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });

    test('a viewer’s refused controls, with a reason showing, have none either', async ({
      page,
    }) => {
      await page.goto('/firmware/Nord%20GSM?role=viewer');
      await page.getByRole('button', { name: 'Update software at all sites' }).focus();
      await expect(page.getByRole('tooltip')).toContainText('Your role, Viewer');
      expect(await violations(page)).toEqual([]);
    });

    test('the session-ended dialog has none either', async ({ page }) => {
      await page.goto('/firmware/Nord%20GSM?role=administrator');
      await page.getByRole('button', { name: 'Update using site number…' }).click();
      await page.getByRole('textbox', { name: 'Site number' }).fill('1011');
      await page.evaluate(() => fetch('/api/simulation/session', { method: 'DELETE' }));
      await page.getByRole('dialog').getByRole('button', { name: 'Update' }).click();
      await expect(page.getByRole('dialog', { name: 'Your session has ended' })).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });

    test('the rollout planning dialog, then the rollout page, have none either', async ({
      page,
    }) => {
      await page.goto('/firmware/Nord%20GSM');
      await page.getByRole('button', { name: 'Plan a staged rollout…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Plan a staged rollout of Nord GSM' });
      await expect(dialog.getByRole('region', { name: 'What the rollout will do' })).toBeVisible();
      expect(await violations(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Start rollout' }).click();
      await expect(page.getByRole('region', { name: 'Wave 2' })).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });

    test('the update-all dialog has none either', async ({ page }) => {
      await page.goto('/firmware/Nord%20GSM');
      await page.getByRole('button', { name: 'Update software at all sites' }).click();
      await expect(page.getByRole('dialog')).toContainText('will be queued');
      expect(await violations(page)).toEqual([]);
    });
  });
}
