import { expect, test } from './fixtures';

/**
 * Change freezes in the built-in fleet: an administrator freezes the whole fleet over a
 * Sunday, and a camera whose weekly window falls on that Sunday waits for the next one.
 */
test('a maintenance window inside a change freeze moves after it, and comes back when the freeze ends', async ({
  page,
  devices,
}) => {
  await page.clock.install({ time: new Date('2024-11-09T06:00:00Z') });
  await page.goto('/freezes?reset&role=administrator');
  await page.getByRole('button', { name: 'Add a freeze…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a change freeze' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Sunday freeze');
  await dialog.getByLabel('First day').fill('2024-11-10');
  await dialog.getByLabel('Last day').fill('2024-11-10');
  const zone = dialog.getByRole('combobox', { name: 'Time zone' });
  await zone.clear();
  await zone.fill('UTC');
  await page.getByRole('option', { name: 'UTC', exact: true }).click();
  await expect(dialog.getByText('Frozen: the whole fleet, November 10, 2024 (UTC)')).toBeVisible();
  await dialog.getByRole('button', { name: 'Add freeze' }).click();
  await expect(page.getByRole('status')).toHaveText(
    'Change freeze “Sunday freeze” added: November 10, 2024 (UTC).',
  );
  const card = page.getByRole('article', { name: 'Sunday freeze' });
  await expect(card.getByText('Upcoming', { exact: true })).toBeVisible();

  await devices.goto();
  // The AXIS M3128-LVE updates every Sunday at 12:00 UTC: November 10 is frozen.
  const moved =
    'Next maintenance window: November 17, 2024, 12:00 PM – 4:00 PM UTC (moved after the change freeze “Sunday freeze”, until November 11, 2024, 12:00 AM UTC)';
  const schedule = devices.row('172.26.180.31').getByRole('button', { name: 'Update schedule' });
  await schedule.focus();
  await expect(page.getByRole('tooltip')).toContainText(moved);
  await schedule.blur();

  await page.goto('/freezes');
  await card.getByRole('button', { name: 'Cancel the freeze “Sunday freeze”' }).click();
  await page
    .getByRole('dialog', { name: 'Cancel the freeze “Sunday freeze”?' })
    .getByRole('button', { name: 'Cancel freeze' })
    .click();
  await expect(card.getByText('Ended', { exact: true })).toBeVisible();
  await expect(card).toContainText('cancelled by Ada Novak');
  await devices.goto();
  await schedule.focus();
  await expect(page.getByRole('tooltip')).toContainText(
    'Next maintenance window: November 10, 2024, 12:00 PM – 4:00 PM UTC',
  );
  await expect(page.getByRole('tooltip')).not.toContainText('moved after');
});
