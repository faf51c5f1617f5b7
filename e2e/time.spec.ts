import { expect, test } from './fixtures';

// The operator's own zone and locale: a browser in Sweden.
test.use({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });

test.describe('Times for an operator in Stockholm (sv-SE)', () => {
  test('a new window is proposed in their zone; a UTC window adds their time', async ({
    page,
    devices,
  }) => {
    await page.clock.install({ time: new Date('2024-11-09T06:00:00Z') });
    await devices.goto();
    await devices.row('172.26.180.2').getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Software scheduling' }).click();
    const dialog = page.getByRole('dialog', { name: 'Software scheduling (1 device)' });
    await dialog.getByRole('radio', { name: 'Set maintenance window' }).check();
    const zone = dialog.getByRole('combobox', { name: 'Time zone' });
    await expect(zone).toHaveValue('Europe/Stockholm');
    await expect(
      dialog.getByText(
        'Next maintenance window: 9 november 2024, 08:00 – 12:00 CET (Europe/Stockholm)',
      ),
    ).toBeVisible();
    await zone.fill('UTC');
    await page.getByRole('option', { name: 'UTC', exact: true }).click();
    await expect(
      dialog.getByText(
        'Next maintenance window: 9 november 2024, 08:00 – 12:00 UTC — 09:00 – 13:00 in your time zone',
      ),
    ).toBeVisible();
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect(dialog).toBeHidden();

    const schedule = devices.row('172.26.180.2').getByRole('button', { name: 'Update schedule' });
    await schedule.focus();
    await expect(page.getByRole('tooltip')).toContainText(
      '08:00 – 12:00 UTC — 09:00 – 13:00 in your time zone',
    );
  });

  test('instants are in their zone, or in UTC once they ask for it (remembered)', async ({
    page,
    devices,
  }) => {
    await page.clock.install({ time: new Date('2024-11-09T06:00:00Z') });
    await devices.goto();
    // AXIS C1004-E (172.26.180.64) upgrades as soon as available: its next check is an instant.
    const schedule = devices.row('172.26.180.64').getByRole('button', { name: 'Update schedule' });
    await schedule.focus();
    await expect(page.getByRole('tooltip')).toContainText(
      /Next check for new software: .*\(Europe\/Stockholm\)/,
    );
    await schedule.blur();
    const utc = page.getByRole('button', { name: 'Times in UTC' });
    await utc.click();
    await expect(utc).toHaveAttribute('aria-pressed', 'true');
    await page.reload();
    await expect(page.getByRole('button', { name: 'Times in UTC' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await devices.row('172.26.180.64').getByRole('button', { name: 'Update schedule' }).focus();
    await expect(page.getByRole('tooltip')).toContainText(
      /Next check for new software: \d+ november 2024, \d\d:\d\d UTC/,
    );
  });
});
