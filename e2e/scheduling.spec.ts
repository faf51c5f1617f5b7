import { expect, test } from './fixtures';

test.describe('Software scheduling', () => {
  test('applies a window to one device; its tooltips show it after a reload', async ({
    page,
    devices,
  }) => {
    await page.clock.install({ time: new Date('2024-11-09T06:00:00Z') });
    await devices.goto();
    const row = devices.row('172.26.180.2');
    await row.getByRole('checkbox', { name: 'Select AXIS P3227-LV (172.26.180.2)' }).check();
    await page.getByRole('button', { name: 'Software scheduling' }).click();

    const dialog = page.getByRole('dialog', { name: 'Software scheduling (1 device)' });
    await dialog.getByRole('radio', { name: 'Set maintenance window' }).check();
    await expect(
      dialog.getByText('Next maintenance window: November 9, 2024, 8:00 AM – 12:00 PM UTC'),
    ).toBeVisible();
    await dialog.getByRole('combobox', { name: 'Repeat' }).click();
    await page.getByRole('option', { name: 'Every week' }).click();
    await dialog.getByRole('combobox', { name: 'Day' }).click();
    await page.getByRole('option', { name: 'Sunday' }).click();
    await dialog.getByLabel('Start time').fill('12:00');
    await expect(
      dialog.getByText('Next maintenance window: November 10, 2024, 12:00 PM – 4:00 PM UTC'),
    ).toBeVisible();
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect(dialog).toBeHidden();

    await page.reload();
    const schedule = devices.row('172.26.180.2').getByRole('button', { name: 'Update schedule' });
    await schedule.focus();
    const tooltip = page.getByRole('tooltip');
    await expect(tooltip).toContainText('Maintenance window: Every Sunday at 12:00 (UTC)');
    await expect(tooltip).toContainText(
      'Next maintenance window: November 10, 2024, 12:00 PM – 4:00 PM UTC',
    );
    await schedule.blur();
    await devices.row('172.26.180.2').getByText('Upgrade available').hover();
    await expect(page.getByRole('tooltip')).toContainText(
      'This device software will upgrade automatically during next maintenance window: November 10, 2024, 12:00 PM – 4:00 PM UTC',
    );
  });

  test('counts twelve selected devices in its title', async ({ page, devices }) => {
    await devices.goto();
    const boxes = devices.table.locator('tbody').getByRole('checkbox');
    for (let index = 0; index < 12; index += 1) await boxes.nth(index).check();
    await expect(page.getByText('12 devices selected')).toBeVisible();
    await page.getByRole('button', { name: 'Software scheduling' }).click();
    await expect(
      page.getByRole('dialog', { name: 'Software scheduling (12 devices)' }),
    ).toBeVisible();
  });

  test('moves a window in a DST gap forward by the gap, at a fixed instant', async ({
    page,
    devices,
  }) => {
    await page.clock.install({ time: new Date('2024-03-09T12:00:00Z') });
    await devices.goto();
    await devices.row('172.26.180.2').getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Software scheduling' }).click();
    const dialog = page.getByRole('dialog', { name: 'Software scheduling (1 device)' });
    await dialog.getByRole('radio', { name: 'Set maintenance window' }).check();
    await dialog.getByLabel('Start time').fill('02:30');
    const zone = dialog.getByRole('combobox', { name: 'Time zone' });
    await zone.fill('America/New_York');
    await page.getByRole('option', { name: 'America/New_York' }).click();
    // 02:30 does not exist in New York on 10 March 2024: the window starts at 03:30 EDT.
    await expect(
      dialog.getByText(
        'Next maintenance window: March 10, 2024, 3:30 AM – 7:30 AM EDT (America/New_York)',
      ),
    ).toBeVisible();
  });

  test('selects every matching device of the large fleet and schedules them by filter', async ({
    page,
    devices,
  }) => {
    // 100,000 devices on a two-core machine: the fleet's start and the summary of a
    // 3,761-device selection take several seconds each.
    test.slow();
    await devices.goto('?scenario=large&status=unreachable&onboarded=true');
    const count = page.getByText(/^[\d,]+ devices match$/);
    await expect(count).toBeVisible();
    const total = ((await count.textContent()) ?? '').replace(/ devices match$/, '');
    await devices.table.getByRole('checkbox', { name: 'Select all devices on this page' }).check();
    await expect(page.getByText('All 50 devices on this page are selected.')).toBeVisible();
    await page.getByRole('button', { name: `Select all ${total} devices` }).click();
    await expect(page.getByText(`${total} devices selected`)).toBeVisible();

    const request = page.waitForRequest(
      (candidate) =>
        candidate.method() === 'PUT' && candidate.url().endsWith('/api/devices/schedule'),
    );
    await page.getByRole('button', { name: 'Software scheduling' }).click();
    const dialog = page.getByRole('dialog', { name: `Software scheduling (${total} devices)` });
    await dialog.getByRole('radio', { name: 'Set maintenance window' }).check();
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect(dialog).toBeHidden();
    const body = (await request).postDataJSON() as { selection: unknown };
    expect(body.selection).toEqual({
      mode: 'filter',
      filter: { status: 'unreachable', onboarded: true },
      except: [],
    });
  });
});

test.describe('Updates over time', () => {
  test('an “as soon as available” device installs at its two-hourly check', async ({
    page,
    devices,
  }) => {
    await page.clock.install({ time: new Date('2024-11-09T06:00:00Z') });
    await devices.goto();
    const row = devices.row('172.26.180.2');
    await expect(row.getByText('Upgrade available')).toBeVisible();
    await page.clock.fastForward('02:10:00');
    await expect(row.getByText('Upgrade available')).toBeHidden();
    await expect(row.getByRole('cell', { name: /11\.11\.141/ })).toBeVisible();
  });

  test('a manual update starts now, reboots, and ends on the new version', async ({
    page,
    devices,
  }) => {
    await page.clock.install({ time: new Date('2024-11-09T06:00:00Z') });
    await devices.goto();
    const row = devices.row('172.26.180.31');
    await row.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Manual update' }).click();
    const dialog = page.getByRole('dialog', { name: 'Manual update (1 device)' });
    await expect(dialog).toContainText('reboot');
    await dialog.getByRole('button', { name: 'Update now' }).click();
    await expect(page.getByRole('status')).toContainText('Started updating 1 device');
    await expect(row.getByText('Installing 12.6.94')).toBeVisible();
    await page.clock.fastForward('00:07:00');
    await expect(row.getByRole('cell', { name: /12\.6\.94/ })).toBeVisible();
    await expect(row.getByText('Installing 12.6.94')).toBeHidden();
    await expect(row.getByText('Upgrade available')).toBeHidden();
  });

  test('a device not onboarded offers Upgrade device software', async ({ page, devices }) => {
    await devices.goto();
    const row = devices.row('172.26.180.50');
    await row.getByRole('button', { name: /^Upgrade device software/ }).click();
    const dialog = page.getByRole('dialog', { name: /^Upgrade device software/ });
    await dialog.getByRole('button', { name: 'Update now' }).click();
    await expect(row.getByText('Installing 12.7.61')).toBeVisible();
  });
});
