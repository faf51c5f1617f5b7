import { expect, tabTo, test } from './fixtures';

// Every journey here uses the keyboard only: Tab and Shift+Tab to move, Space and Enter to
// act, arrows inside radio groups and menus, Escape to close. Where a dialog closes, focus
// must be back on what opened it.

test.describe('Keyboard only', () => {
  test('selects a device, sets a maintenance window, and gets focus back on the opener', async ({
    page,
    devices,
  }) => {
    await devices.goto();
    const checkbox = devices.table.getByRole('checkbox', {
      // The first row (model order), so Tab reaches it in a few presses.
      name: 'Select AXIS C1004-E (172.26.180.173)',
    });
    await tabTo(page, checkbox);
    await page.keyboard.press('Space');
    await expect(page.getByText('1 device selected')).toBeVisible();

    const opener = page.getByRole('button', { name: 'Software scheduling' });
    await tabTo(page, opener, { backwards: true });
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Software scheduling (1 device)' });
    await expect(dialog).toBeVisible();
    const asap = dialog.getByRole('radio', {
      name: 'Upgrade as soon as a new software is available',
    });
    await tabTo(page, asap);
    await page.keyboard.press('ArrowDown');
    await expect(dialog.getByRole('radio', { name: 'Set maintenance window' })).toBeChecked();
    await tabTo(page, dialog.getByLabel('Start time'));
    // A time field takes the hour, the minutes and AM/PM in turn (Chromium, en-US).
    await page.keyboard.type('0930P');
    await expect(dialog.getByLabel('Start time')).toHaveValue('21:30');
    await expect(dialog.getByText(/^Next maintenance window: .*9:30 PM/)).toBeVisible();
    await tabTo(page, dialog.getByRole('button', { name: 'Apply' }));
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
    await expect(page.getByRole('status')).toContainText('Update schedule saved for 1 device.');
  });

  test('reads a device’s maintenance window in its tooltip on focus; Escape closes it', async ({
    page,
    devices,
  }) => {
    // By IP the scheduled camera is the third row, a few presses from the top.
    await devices.goto('?sort=ip');
    const clock = devices.row('172.26.180.31').getByRole('button', { name: 'Update schedule' });
    await tabTo(page, clock);
    const tooltip = page.getByRole('tooltip');
    await expect(tooltip).toContainText('Maintenance window: Every Sunday at 12:00 (UTC)');
    await page.keyboard.press('Escape');
    await expect(tooltip).toBeHidden();
    await expect(clock).toBeFocused();
  });

  test('filters by model from its menu and gets focus back on the menu’s button', async ({
    page,
    devices,
  }) => {
    await devices.goto();
    const trigger = page.getByRole('button', { name: 'Model: Any' });
    await tabTo(page, trigger);
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'Models' });
    await expect(menu).toBeVisible();
    const first = menu.getByRole('menuitemcheckbox').first();
    await expect(first).toBeFocused();
    const model = ((await first.textContent()) ?? '').replace(/[\d,]+ devices?$/, '');
    await page.keyboard.press('Enter');
    await expect(first).toHaveAttribute('aria-checked', 'true');
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(page.getByRole('button', { name: `Model: ${model}` })).toBeFocused();
    await expect(page).toHaveURL(
      new RegExp(`model=${encodeURIComponent(model).replace(/%20/g, '\\+')}`),
    );
  });

  test('pages with the keyboard', async ({ page, devices }) => {
    await devices.goto('?scenario=large');
    const next = page.getByRole('button', { name: 'Go to next page' });
    // The pager is the last thing on the page: Shift+Tab from the start reaches it first.
    await tabTo(page, next, { backwards: true });
    await page.keyboard.press('Enter');
    await expect(page.getByText('51–100 of 100,000')).toBeVisible();
    await expect(next).toBeFocused();
  });

  test('updates a site by number, and focus returns to the button after each dialog', async ({
    page,
  }) => {
    await page.goto('/firmware/Nord%20GSM');
    await expect(page.getByRole('table', { name: 'Nord GSM sites' })).toBeVisible();
    const opener = page.getByRole('button', { name: 'Update using site number…' });
    await tabTo(page, opener);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Update using site number' });
    await expect(dialog.getByRole('textbox', { name: 'Site number' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();

    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('textbox', { name: 'Site number' })).toBeFocused();
    await page.keyboard.type('1011');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status')).toContainText('1011');
    await expect(opener).toBeFocused();
  });

  test('opens a server from the list and asks before upgrading, all from the keyboard', async ({
    page,
  }) => {
    await page.goto('/servers');
    const link = page.getByRole('link', { name: 'Warehouse NVR' });
    await tabTo(page, link);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('table', { name: 'Module set' })).toBeVisible();

    const onBoot = page.getByRole('radio', { name: 'Manual software upgrade' });
    await tabTo(page, onBoot);
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: 'Software upgrade on boot' })).toBeChecked();

    const start = page.getByRole('button', { name: 'Start upgrade' });
    await tabTo(page, start, { backwards: true });
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /^Start upgrade on/ });
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(start).toBeFocused();
  });
});
