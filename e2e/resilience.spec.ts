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
});
