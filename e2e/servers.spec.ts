import type { Locator, Page } from '@playwright/test';
import { chooseTarget, expect, moduleRow, test } from './fixtures';

const NVR = '/servers/srv-7f3a9c21';

async function saveTargets(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save target versions' }).click();
  await expect(page.getByRole('button', { name: 'Save target versions' })).toBeDisabled();
  await expect(page.getByRole('status').filter({ hasText: 'Target versions of' })).toContainText(
    'saved (1 module). They install when an upgrade runs.',
  );
}

async function startUpgrade(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Start upgrade' }).click();
  const dialog = page.getByRole('dialog', { name: /^Start upgrade on/ });
  await dialog.getByRole('button', { name: 'Start upgrade' }).click();
  return dialog;
}

test.describe('Upgrade Center', () => {
  test('lists the registered and the unregistered server, linking to each', async ({ page }) => {
    await page.goto('/servers');
    const table = page.getByRole('table', { name: 'Servers' });
    await expect(table.getByRole('row')).toHaveCount(3);
    await expect(table.getByRole('row', { name: /Warehouse NVR/ })).toContainText('Registered');
    await expect(table.getByRole('row', { name: /Reception PC/ })).toContainText('Not registered');
    await table.getByRole('link', { name: 'Warehouse NVR' }).click();
    await expect(page).toHaveURL(new RegExp(`${NVR}$`));
    await expect(page.getByRole('table', { name: 'Module set' })).toBeVisible();
  });

  test('shows the documented defaults and a read-only ID', async ({ page }) => {
    await page.goto(NVR);
    await expect(page.getByRole('textbox', { name: 'ID' })).toHaveValue('srv-7f3a9c21');
    await expect(page.getByRole('textbox', { name: 'ID' })).toHaveAttribute('readonly', '');
    await expect(page.getByRole('radio', { name: 'Manual software upgrade' })).toBeChecked();
    await expect(page.getByRole('combobox', { name: 'Restart on failure' })).toHaveText('10 sec');
    await page.getByRole('radio', { name: 'Software upgrade on boot' }).check();
    await expect(
      page.getByText(/reliable network access and an alternative recovery path/),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('status')).toHaveText('Settings of Warehouse NVR saved.');
    await page.reload();
    await expect(page.getByRole('radio', { name: 'Software upgrade on boot' })).toBeChecked();
  });

  test('runs a full upgrade step by step under the page clock', async ({ page }) => {
    await page.clock.install({ time: new Date('2024-11-09T02:00:00Z') });
    await page.goto(NVR);
    await chooseTarget(page, 'banalytics-core', '2.5.0');
    await expect(moduleRow(page, 'banalytics-core')).toContainText('Upgrade 2.4.1 → 2.5.0');
    await saveTargets(page);
    await page.getByRole('button', { name: 'Start upgrade' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start upgrade on Warehouse NVR?' });
    await expect(dialog).toContainText('Restart window');
    await expect(dialog).toContainText(/Disk space needed: .* free: 1\.5 GB/);
    await expect(dialog).toContainText('Running now: Recording 16 cameras');
    await dialog.getByRole('button', { name: 'Start upgrade' }).click();
    await expect(dialog).toBeHidden();
    const steps = page.getByRole('list', { name: 'Upgrade steps' });
    await expect(steps).toContainText('Download into the cache: Running');
    await expect(page.getByRole('button', { name: 'Start upgrade' })).toBeDisabled();
    await page.clock.fastForward('00:00:30');
    await expect(steps).toContainText('Restart: Running');
    await page.clock.fastForward('00:02:00');
    await expect(steps).toContainText('Active: Done');
    await expect(moduleRow(page, 'banalytics-core').getByRole('cell').nth(2)).toHaveText('2.5.0');
    await expect(page.getByText('Last upgrade succeeded')).toBeVisible();
  });

  test('rolls a module back, saying so', async ({ page }) => {
    await page.clock.install({ time: new Date('2024-11-09T02:00:00Z') });
    await page.goto(NVR);
    await chooseTarget(page, 'opencv-native', '4.8.1');
    await expect(moduleRow(page, 'opencv-native')).toContainText('Rollback 4.9.0 → 4.8.1');
    await expect(page.getByText(/A rollback installs the earlier version/)).toBeVisible();
    await saveTargets(page);
    // The job has started once the dialog closes; only then may time jump.
    await expect(await startUpgrade(page)).toBeHidden();
    await page.clock.fastForward('00:05:00');
    await expect(moduleRow(page, 'opencv-native').getByRole('cell').nth(2)).toHaveText('4.8.1');
  });

  test('warns about the tasks that depend on a module before removing it', async ({ page }) => {
    await page.goto(NVR);
    await chooseTarget(page, 'modbus', 'Not installed');
    await expect(moduleRow(page, 'modbus')).toContainText('Remove 1.3.2');
    await expect(page.getByText(/Removing modbus stops/)).toContainText(
      'Gate controller polling, HVAC alarm relay',
    );
    await saveTargets(page);
    await expect(moduleRow(page, 'modbus')).toContainText('Remove 1.3.2');
  });

  test('explains that an unregistered server’s request is cancelled', async ({ page }) => {
    await page.goto('/servers/srv-0b44e810');
    await expect(page.getByText(/no registered identifier with the portal/).first()).toBeVisible();
    await chooseTarget(page, 'banalytics-core', '2.5.0');
    await saveTargets(page);
    const dialog = await startUpgrade(page);
    await expect(dialog.getByRole('alert')).toContainText(
      'The upgrade request was cancelled: Reception PC has no registered identifier',
    );
  });

  test('refuses a second request while a synchronization runs (through the API)', async ({
    page,
  }) => {
    await page.clock.install({ time: new Date('2024-11-09T02:00:00Z') });
    await page.goto(NVR);
    await chooseTarget(page, 'modbus', '1.4.0');
    await saveTargets(page);
    await expect(await startUpgrade(page)).toBeHidden();
    await expect(page.getByRole('button', { name: 'Start upgrade' })).toBeDisabled();
    const answer = await page.evaluate(async () => {
      // A change carries the session's CSRF token, as every client of the API must.
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const response = await fetch('/api/servers/srv-7f3a9c21/upgrades', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
        body: JSON.stringify({ requestId: 'second-request-0001' }),
      });
      return { status: response.status, body: (await response.json()) as { code: string } };
    });
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('sync_in_progress');
  });

  test('refuses an upgrade without enough disk space, with the figures', async ({ page }) => {
    await page.goto(NVR);
    await chooseTarget(page, 'person-detector', '2.0.0-hd (staging)');
    await expect(moduleRow(page, 'person-detector')).toContainText('Staging');
    await saveTargets(page);
    await expect(page.getByText(/Not enough: free up space/)).toBeVisible();
    const dialog = await startUpgrade(page);
    await expect(dialog.getByRole('alert')).toContainText(
      /Not enough disk space: the upgrade needs 1\.\d GB \(active .* \+ models 1\.2 GB\) and 1\.5 GB is free/,
    );
  });
});
