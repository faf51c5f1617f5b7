import { axeScript, violations } from './axe';
import { expect, siteRow, test, typeRow } from './fixtures';

/**
 * Recalling a version in the built-in fleet: an administrator recalls Nord GSM 5.40. The
 * recall cancels the three updates not yet downloaded (1017, 1019, 1020) and nothing more:
 * 1018 has downloaded 5.40 and still installs it; 5.36 is current from then on.
 */
test('a recall cancels what it says and nothing more, and the version shows as recalled', async ({
  page,
}) => {
  await page.addInitScript({ path: axeScript });
  await page.goto('/firmware/Nord%20GSM?reset&role=administrator');
  await page.getByRole('button', { name: 'Recall 5.40…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Recall Nord GSM 5.40' });
  const preview = dialog.getByRole('list', { name: 'What the recall does' });
  await expect(preview.getByRole('listitem')).toHaveText([
    'Cancels 3 updates to 5.40 not yet downloaded (sites 1017, 1019, 1020).',
    'Halts no rollout: none is installing 5.40.',
    'Still installs 5.40 on 1 site past the download (1018): a downloaded update can no longer be cancelled.',
    '10 sites already on 5.40 will count as “no update planned” until updated to 5.36.',
  ]);
  expect(await violations(page)).toEqual([]);
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('Panels lose their GPRS link');
  await dialog.getByRole('button', { name: 'Recall 5.40' }).click();
  await expect(page.getByRole('status')).toHaveText(
    '5.40 recalled: 3 updates cancelled. 5.36 is the current version now.',
  );

  // What was said, and nothing more: 1017 and 1019 are on 5.36, now current; 1020 lost its
  // update; 1018 still waits to install 5.40; the sites already on 5.40 say it is recalled.
  await expect(siteRow(page, 1017)).toContainText('On current version');
  await expect(siteRow(page, 1019)).toContainText('On current version');
  await expect(siteRow(page, 1020)).toContainText('No update planned');
  await expect(siteRow(page, 1018)).toContainText('Waiting for a disarmed partition');
  await expect(siteRow(page, 1001)).toContainText('5.40 (recalled)');
  await expect(page.getByRole('note', { name: 'Recalled versions' })).toContainText(
    '5.40 was recalled',
  );
  await expect(
    page.getByRole('navigation', { name: 'No update planned, by cause' }).getByRole('link', {
      name: 'Runs a recalled version: 10 sites',
    }),
  ).toBeVisible();

  await page.goto('/firmware');
  await expect(typeRow(page, 'Nord GSM')).toContainText('5.36 (5.40 recalled)');
  await page.goto('/activity');
  await expect(page.getByRole('table', { name: 'Activity' })).toContainText('Recall 5.40');
});
