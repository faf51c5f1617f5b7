import { noBackendOrigin } from '../playwright.config';
import { expect, test } from './fixtures';

const screens = [
  '/devices',
  '/firmware',
  '/firmware/Nord%20GSM',
  '/servers',
  '/servers/srv-7f3a9c21',
];

test.describe('Resilience', () => {
  for (const path of screens) {
    test(`${path} says what failed, with Retry, when every API call fails`, async ({ page }) => {
      await page.goto(`${path}?faults=1`);
      const alert = page.getByRole('alert').first();
      // Server trouble is retried a few times before the operator is told.
      await expect(alert).toBeVisible({ timeout: 25_000 });
      await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
    });
  }

  for (const path of screens) {
    test(`${path} survives a flaky, slow backend`, async ({ page }) => {
      // Every third call fails and each takes a second; the screen still loads or explains.
      await page.goto(`${path}?faults=0.3&latency=1000`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByRole('table').first().or(page.getByRole('alert').first())).toBeVisible(
        { timeout: 25_000 },
      );
    });
  }

  for (const path of screens) {
    test(`${path} says the backend cannot be reached with the built-in fleet off and no backend`, async ({
      page,
    }) => {
      await page.goto(`${noBackendOrigin}${path}`);
      const alert = page.getByRole('alert').first();
      await expect(alert).toContainText('The backend cannot be reached', { timeout: 25_000 });
      await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
    });
  }

  test('shows that it is loading under ?latency=3000, then keeps the rows on screen while a sort loads', async ({
    page,
    devices,
  }) => {
    await page.goto('/devices?latency=3000');
    await expect(page.getByLabel('Loading devices')).toBeVisible();
    await expect(devices.dataRows().first()).toBeVisible({ timeout: 20_000 });
    const rows = await devices.dataRows().count();
    await devices.columnHeader('IP').getByRole('button').click();
    await expect(devices.table).toHaveAttribute('aria-busy', 'true');
    await expect(devices.dataRows()).toHaveCount(rows);
    await expect(devices.table).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
    await expect(devices.columnHeader('IP')).toHaveAttribute('aria-sort', 'ascending');
  });

  test('says when the network is lost, keeps the last data, and recovers by itself', async ({
    page,
    context,
    devices,
  }) => {
    await devices.goto();
    await context.setOffline(true);
    const banner = page.getByRole('status').filter({ hasText: 'You are offline' });
    await expect(banner).toBeVisible();
    await expect(devices.dataRows().first()).toBeVisible();
    await context.setOffline(false);
    await expect(banner).toBeHidden();
    await expect(devices.dataRows().first()).toBeVisible();
  });
});
