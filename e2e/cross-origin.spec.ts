import { expect, test } from '@playwright/test';
import { crossBackendOrigin, crossOrigin } from '../playwright.config';

/**
 * The README's cross-origin setup: the console at one origin, `apiBaseUrl` naming a backend at
 * another (the built-in fleet over HTTP, allowing the console's origin). The console's CSP
 * must let the page call it, and the backend's CORS must let the session's credentials, the
 * CSRF header and the simulation marker through.
 */
test('the console works against an API on another origin', async ({ page, request }) => {
  // Every change of the journey is the backend's: start from its own state.
  await page.goto(`${crossOrigin}/devices?q=Entrance`);
  const table = page.getByRole('table', { name: 'Devices' });
  await expect(table.getByRole('row')).toHaveCount(2, { timeout: 30_000 });
  await expect(page.getByText('Simulated fleet · demo')).toBeVisible();

  // A change carries the session's CSRF header across origins.
  await table
    .getByRole('checkbox', { name: 'Select Entrance camera (AXIS P1465-LE, 172.26.180.40)' })
    .check();
  await page.getByRole('button', { name: 'Software scheduling' }).click();
  const dialog = page.getByRole('dialog', { name: 'Software scheduling (1 device)' });
  await dialog.getByRole('radio', { name: 'Set maintenance window' }).check();
  await dialog.getByLabel('Start time').fill('22:00');
  // The session ends before the change is sent: signing in again works across origins too.
  await request.delete(`${crossBackendOrigin}/api/simulation/session`);
  await dialog.getByRole('button', { name: 'Apply' }).click();
  const ended = page.getByRole('dialog', { name: 'Your session has ended' });
  await ended.getByRole('button', { name: 'Sign in again' }).click();
  await expect(ended).toBeHidden();
  await expect(dialog.getByLabel('Start time')).toHaveValue('22:00');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toBeHidden();

  const answer = await request.get(`${crossBackendOrigin}/api/devices?q=Entrance`);
  const body = (await answer.json()) as {
    items: { schedule: { window?: { startTime: string } } }[];
  };
  expect(body.items[0]?.schedule.window?.startTime).toBe('22:00');
});
