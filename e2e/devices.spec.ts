import { readFileSync } from 'node:fs';
import { expect, navigateTo, test } from './fixtures';

test.describe('Devices', () => {
  test('lists the demo fleet with the documented AXIS devices', async ({ devices }) => {
    await devices.goto();
    await expect(devices.heading).toBeVisible();
    for (const name of ['Model', 'Status', 'IP', 'MAC/Serial', 'AXIS OS', 'Warranty', 'Apps']) {
      await expect(devices.columnHeader(name)).toBeVisible();
    }
    const c1004 = devices.row('172.26.180.173');
    await expect(c1004.getByRole('cell', { name: 'AXIS C1004-E', exact: true })).toBeVisible();
    await expect(c1004.getByRole('cell', { name: 'Reachable', exact: true })).toBeVisible();
    await expect(c1004.getByRole('cell', { name: 'ACCC8EF3100E', exact: true })).toBeVisible();
    await expect(c1004.getByRole('cell', { name: /10\.12\.240\.1/ })).toBeVisible();

    const p3227 = devices.row('172.26.180.2');
    await expect(p3227.getByRole('cell', { name: 'AXIS P3227-LV', exact: true })).toBeVisible();
    await expect(p3227.getByRole('cell', { name: 'ACCC8EF37A0E', exact: true })).toBeVisible();
    await expect(p3227.getByRole('cell', { name: /11\.11\.73/ })).toBeVisible();

    const m3128 = devices.row('172.26.180.31');
    await expect(m3128.getByRole('img', { name: '6 running, 2 stopped' })).toBeVisible();
  });

  test('opens Devices from the root address', async ({ page, devices }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/devices$/);
    await expect(devices.table).toBeVisible();
  });

  test('sorts on a column, says so, and keeps it in the URL across a reload', async ({
    page,
    devices,
  }) => {
    await devices.goto();
    const ip = devices.columnHeader('IP');
    await expect(ip).toHaveAttribute('aria-sort', 'none');
    await ip.getByRole('button', { name: 'IP' }).click();
    await expect(ip).toHaveAttribute('aria-sort', 'ascending');
    await expect(page).toHaveURL(/[?&]sort=ip\b/);
    await expect(devices.dataRows().first()).toContainText('172.26.180.2');

    await ip.getByRole('button', { name: 'IP' }).click();
    await expect(ip).toHaveAttribute('aria-sort', 'descending');
    await expect(devices.dataRows().first()).toContainText('172.26.180.173');

    await page.reload();
    await expect(devices.columnHeader('IP')).toHaveAttribute('aria-sort', 'descending');
    await expect(devices.dataRows().first()).toContainText('172.26.180.173');
  });

  test('searches the fleet', async ({ page, devices }) => {
    await devices.goto();
    await devices.search.fill('Entrance');
    await expect(page).toHaveURL(/[?&]q=Entrance/);
    await expect(devices.dataRows()).toHaveCount(1);
    await expect(devices.dataRows().first()).toContainText('Entrance camera');
  });

  test('shows the large fleet one page at a time', async ({ page, devices }) => {
    await devices.goto('?scenario=large');
    await expect(page.getByText('100,000 devices', { exact: true })).toBeVisible();
    await expect(devices.dataRows()).toHaveCount(50);
    await page.getByRole('button', { name: 'Go to next page' }).click();
    await expect(page.getByText('51–100 of 100,000')).toBeVisible();
    await expect(devices.dataRows()).toHaveCount(50);
  });

  test('keeps the chosen scenario across navigation and reload', async ({ page, devices }) => {
    await devices.goto('?scenario=empty');
    await expect(page.getByText('There are no devices in this fleet yet.')).toBeVisible();
    await navigateTo(page, 'Upgrade Center');
    await expect(page.getByRole('heading', { name: 'Upgrade Center', level: 1 })).toBeVisible();
    await navigateTo(page, 'Devices');
    await page.reload();
    await expect(page.getByText('There are no devices in this fleet yet.')).toBeVisible();
  });

  test('exports all 100,000 devices of the large fleet as CSV', async ({ page, devices }) => {
    await devices.goto('?scenario=large');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^devices-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync(await file.path(), 'utf8');
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^Name,Model,Status,IP,MAC\/Serial,AXIS OS,/);
    expect(lines).toHaveLength(100_001);
  });

  test('hides a column from the Columns menu and remembers it', async ({ page, devices }) => {
    await devices.goto();
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'MAC/Serial' }).click();
    await page.keyboard.press('Escape');
    await expect(devices.columnHeader('MAC/Serial')).toHaveCount(0);
    await page.reload();
    await expect(devices.columnHeader('IP')).toBeVisible();
    await expect(devices.columnHeader('MAC/Serial')).toHaveCount(0);
  });

  test('explains a failing backend and offers Retry', async ({ page }) => {
    await page.goto('/devices?faults=1');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The device list could not be loaded');
    await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
  });
});
