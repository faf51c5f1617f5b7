import type { Page } from '@playwright/test';
import { expect, siteRow, test, typeRow } from './fixtures';

async function openNordGsm(page: Page): Promise<void> {
  await page.goto('/firmware/Nord%20GSM');
  await expect(page.getByRole('table', { name: 'Nord GSM sites' })).toBeVisible();
}

test.describe('Site software update', () => {
  test('shows the documented Nord GSM statistics and opens the type’s page', async ({ page }) => {
    await page.goto('/firmware');
    const nord = typeRow(page, 'Nord GSM');
    await expect(nord.getByRole('cell')).toHaveText([
      'Nord GSM',
      '20',
      '5.40',
      '6',
      '4',
      '10',
      '',
      'Update …',
    ]);
    await expect(
      nord.getByRole('img', {
        name: 'Nord GSM: 6 no update planned, 4 updating, 10 on current version, of 20',
      }),
    ).toBeVisible();
    await nord.getByRole('link', { name: 'Nord GSM', exact: true }).click();
    await expect(page).toHaveURL(/\/firmware\/Nord%20GSM$/);
    await expect(siteRow(page, 1017)).toContainText('Downloading');
    await expect(siteRow(page, 1018)).toContainText('Waiting for a disarmed partition');
    await expect(siteRow(page, 1019)).toContainText('Queued');
    await expect(siteRow(page, 1020)).toContainText('Waiting for connection');
  });

  test('updates one site by number after refusing the ones it cannot', async ({ page }) => {
    await openNordGsm(page);
    await page.getByRole('button', { name: 'Update using site number…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Update using site number' });
    const field = dialog.getByRole('textbox', { name: 'Site number' });
    const refusals: [string, string][] = [
      ['abc', 'digits only'],
      ['999', 'There is no site 999'],
      ['3001', 'Site 3001 is a Lunar GSM, not a Nord GSM'],
      ['1005', 'already runs 5.40'],
      ['1019', 'already updating'],
      ['1016', 'Only sites on Ethernet or GPRS can be updated remotely'],
    ];
    for (const [input, message] of refusals) {
      await field.fill(input);
      await dialog.getByRole('button', { name: 'Update' }).click();
      await expect(dialog).toContainText(message);
      await expect(field).toHaveValue(input);
    }
    await field.fill('1013');
    await dialog.getByRole('button', { name: 'Update' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status')).toContainText('Site 1013 is queued');
    await expect(siteRow(page, 1013)).toContainText('Queued');
    await expect(page.getByText('5 updating')).toBeVisible();
  });

  test('breaks the red count down by cause; each link lists those sites', async ({ page }) => {
    await openNordGsm(page);
    const causes = page.getByRole('navigation', { name: 'No update planned, by cause' });
    await expect(causes.getByRole('link')).toHaveText([
      'Never queued: 4 sites',
      'No IP channel: 1 site',
      'Failed integrity check: 1 site',
    ]);
    await causes.getByRole('link', { name: 'No IP channel: 1 site' }).click();
    await expect(page).toHaveURL(/cause=no-ip-channel/);
    const rows = page
      .getByRole('table', { name: 'Nord GSM sites' })
      .locator('tbody')
      .getByRole('row');
    await expect(rows).toHaveCount(1);
    await expect(siteRow(page, 1016)).toBeVisible();
    await causes.getByRole('link', { name: 'Never queued: 4 sites' }).click();
    await expect(rows).toHaveCount(4);
    await causes.getByRole('button', { name: 'Show all sites' }).click();
    await expect(rows).toHaveCount(20);
  });

  test('updates all sites once, naming those left out', async ({ page }) => {
    await openNordGsm(page);
    await page.getByRole('button', { name: 'Update software at all sites' }).click();
    const dialog = page.getByRole('dialog', { name: 'Update software at all sites' });
    await expect(dialog).toContainText('5 Nord GSM sites on an old version will be queued');
    await expect(dialog).toContainText('1 site, no IP channel');
    await expect(dialog).toContainText('4 sites, already updating: 1017, 1018, 1019, 1020');
    const updates = page.waitForRequest(
      (request) => request.method() === 'POST' && request.url().endsWith('/update-all'),
    );
    await dialog.getByRole('button', { name: 'Update all sites' }).dblclick();
    await updates;
    await expect(page.getByRole('status')).toContainText('Queued 5 sites');
    await expect(page.getByText('9 updating')).toBeVisible();
    await page.goto('/firmware');
    await expect(typeRow(page, 'Nord GSM').getByRole('cell').nth(4)).toHaveText('9');
  });

  test('a hold keeps sites out of red and out of "update all", and ends by the clock', async ({
    page,
  }) => {
    await page.clock.install({ time: new Date('2024-11-09T06:00:00Z') });
    await openNordGsm(page);
    await page.getByRole('button', { name: 'Select sites' }).click();
    const table = page.getByRole('table', { name: 'Nord GSM sites' });
    await table.getByRole('checkbox', { name: 'Select site 1011' }).check();
    await table.getByRole('checkbox', { name: 'Select site 1012' }).check();
    await page.getByRole('button', { name: 'Hold sites…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Hold 2 Nord GSM sites on their version' });
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Store refit');
    await dialog.getByLabel('Held until').fill('2024-11-16');
    await dialog.getByRole('button', { name: 'Hold 2 sites' }).click();
    await expect(page.getByRole('status')).toContainText(
      'Held 2 sites on their version until November 16, 2024.',
    );
    await expect(siteRow(page, 1011)).toContainText('Held until November 16, 2024: Store refit');
    await expect(page.getByText('4 no update planned')).toBeVisible();
    await expect(page.getByText('2 held')).toBeVisible();

    await page.getByRole('button', { name: 'Update software at all sites' }).click();
    const all = page.getByRole('dialog', { name: 'Update software at all sites' });
    await expect(all).toContainText('3 Nord GSM sites on an old version will be queued');
    await expect(all).toContainText('2 sites, held on their version: 1011, 1012');
    await all.getByRole('button', { name: 'Cancel' }).click();

    // Eight days on, the hold has ended by itself: the sites are red again.
    await page.clock.fastForward(8 * 24 * 60 * 60_000);
    await page.getByRole('link', { name: 'Site software update' }).first().click();
    await typeRow(page, 'Nord GSM').getByRole('link', { name: 'Nord GSM', exact: true }).click();
    await expect(siteRow(page, 1011)).toContainText('No update planned');
    await expect(siteRow(page, 1011)).not.toContainText('Held until');
    await expect(page.getByText('6 no update planned')).toBeVisible();
  });

  test('a site that comes back on its old image after the reboot counts as failed, and why', async ({
    page,
  }) => {
    await page.clock.install({ time: new Date('2024-11-09T06:00:00Z') });
    await page.goto('/firmware/Nord%20GSM?afterReboot=1011:fell-back');
    await page.getByRole('button', { name: 'Update using site number…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Update using site number' });
    await dialog.getByRole('textbox', { name: 'Site number' }).fill('1011');
    await dialog.getByRole('button', { name: 'Update' }).click();
    await expect(siteRow(page, 1011)).toContainText('Queued');
    await page.clock.fastForward('00:02:00');
    await expect(siteRow(page, 1011)).toContainText('Downloading');
    await page.clock.fastForward('00:10:00');
    // It rebooted and came back on 5.36: failed, not installed.
    await expect(siteRow(page, 1011)).toContainText('Update failed');
    await expect(siteRow(page, 1011)).toContainText('Returned to 5.36 after the reboot');
    await expect(siteRow(page, 1011).getByRole('cell').nth(1)).toHaveText('5.36');
    await expect(
      page
        .getByRole('navigation', { name: 'No update planned, by cause' })
        .getByRole('link', { name: 'Returned to the old version after the reboot: 1 site' }),
    ).toBeVisible();
  });

  test('cancels before the download completes and explains the refusal after', async ({ page }) => {
    await openNordGsm(page);
    await siteRow(page, 1017).getByRole('button', { name: 'Cancel update…' }).click();
    let dialog = page.getByRole('dialog', { name: 'Cancel the update of site 1017?' });
    await dialog.getByRole('button', { name: 'Cancel update' }).click();
    await expect(dialog).toBeHidden();
    await expect(siteRow(page, 1017)).toContainText('No update planned');

    await siteRow(page, 1018).getByRole('button', { name: 'Cancel update…' }).click();
    dialog = page.getByRole('dialog', { name: 'Cancel the update of site 1018?' });
    await dialog.getByRole('button', { name: 'Cancel update' }).click();
    await expect(dialog.getByRole('alert')).toContainText(
      'already downloaded firmware 5.40, so the update can no longer be cancelled',
    );
    await dialog.getByRole('button', { name: 'Keep updating' }).click();
    await expect(siteRow(page, 1018)).toContainText('Waiting for a disarmed partition');
  });

  test('a queued update runs to completion, and a day later every reachable disarmed site is done', async ({
    page,
  }) => {
    await page.clock.install({ time: new Date('2024-11-09T06:00:00Z') });
    await openNordGsm(page);
    await page.getByRole('button', { name: 'Update using site number…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Update using site number' });
    // 1011 is on Ethernet: it downloads in minutes.
    await dialog.getByRole('textbox', { name: 'Site number' }).fill('1011');
    await dialog.getByRole('button', { name: 'Update' }).click();
    await expect(siteRow(page, 1011)).toContainText('Queued');
    await page.clock.fastForward('00:02:00');
    await expect(siteRow(page, 1011)).toContainText('Downloading');
    await page.clock.fastForward('00:10:00');
    await expect(siteRow(page, 1011)).toContainText('On current version');
    await expect(siteRow(page, 1011).getByRole('cell').nth(1)).toHaveText('5.40');

    await page.clock.fastForward('24:00:00');
    await page.getByRole('link', { name: 'Site software update' }).first().click();
    await expect(typeRow(page, 'Nord GSM').getByRole('cell')).toHaveText([
      'Nord GSM',
      '20',
      '5.40',
      '5',
      '2',
      '13',
      '',
      'Update …',
    ]);
  });
});
