import { expect, test, type Page } from '@playwright/test';
import { hawkbitStandinOrigin } from '../playwright.config';
import { chooseTarget, moduleRow } from './fixtures';

/**
 * The console on Eclipse hawkBit (`npm run serve -- --backend hawkbit`), hawkBit played by the
 * stand-in (`npm run hawkbit-standin`), which refuses any request hawkBit's own document does
 * not define: sign-in with a hawkBit user, the device list from hawkBit's targets, a window
 * across a daylight-saving change kept by the console's server, the activity, a viewer, site
 * updates, and a staged rollout run as a hawkBit rollout.
 *
 * The journeys share one stand-in, and the last one moves its clock on by hours: they run in
 * order, in one worker.
 */
test.describe.configure({ mode: 'default' });

async function signIn(page: Page, username: string, password = username): Promise<void> {
  await page.goto('/devices');
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByRole('textbox', { name: 'User name' }).fill(username);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  // Signed in, or told why not, before the journey navigates on.
  await expect(
    page.getByRole('group', { name: 'Signed in' }).or(page.getByRole('alert')),
  ).toBeVisible();
}

test('an operator signs in with a hawkBit user, finds and sorts devices, and the console offers only what hawkBit serves', async ({
  page,
}) => {
  await signIn(page, 'operator', 'wrong');
  await expect(page.getByRole('alert')).toContainText('do not match');
  await signIn(page, 'operator');
  await expect(page.getByRole('group', { name: 'Signed in' })).toContainText('Operator');
  const navigation = page.getByRole('navigation', { name: 'Main' });
  const opener = page.getByRole('button', { name: 'Open navigation' });
  if (await opener.isVisible()) await opener.click();
  await expect(navigation.getByRole('link', { name: 'Activity' })).toBeVisible();
  await expect(navigation.getByRole('link', { name: /Site software update/ })).toBeVisible();
  await expect(navigation.getByRole('link', { name: /Upgrade Center/ })).toBeVisible();
  if (await opener.isVisible()) await page.keyboard.press('Escape');

  const table = page.getByRole('table', { name: 'Devices' });
  await expect(table.getByRole('row', { name: /172\.26\.180\.2\b/ })).toContainText(
    'AXIS P3227-LV',
  );
  await page.getByRole('searchbox').fill('172.26.180.4');
  // Searched on hawkBit (RSQL): the rows of other addresses leave.
  await expect(table.getByRole('row', { name: /172\.26\.180\.2\b/ })).toHaveCount(0);
  await expect(table.getByRole('row')).not.toHaveCount(1);
  for (const row of await table.getByRole('row').all()) {
    if (await row.getByRole('columnheader').count()) continue;
    await expect(row).toContainText('172.26.180.4');
  }
  await table.getByRole('button', { name: 'IP' }).click();
  await expect(table.getByRole('columnheader', { name: 'IP' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await expect(table.getByRole('row').nth(1)).toContainText('172.26.180.40');
  // Filtered on hawkBit too: only the cameras that have not polled within ten minutes.
  await page.getByRole('searchbox').fill('');
  await page.getByRole('combobox', { name: 'Status' }).selectOption('Unreachable');
  await expect(page).toHaveURL(/status=unreachable/);
  await expect(table.getByRole('row', { name: /172\.26\.180\.40\b/ })).toHaveCount(0);
  await expect(table.getByRole('row').nth(1)).toContainText('Unreachable');
  for (const row of await table.getByRole('row').all()) {
    if (await row.getByRole('columnheader').count()) continue;
    await expect(row).toContainText('Unreachable');
  }
  // hawkBit cannot order targets by a warranty date or apps: the console does not offer it.
  await expect(table.getByRole('columnheader', { name: 'Warranty' })).toBeVisible();
  await expect(table.getByRole('button', { name: 'Warranty' })).toHaveCount(0);
});

test('schedules a weekly window in America/New_York across the spring change, kept with its operator in the activity', async ({
  page,
}) => {
  await page.clock.install({ time: new Date('2027-03-13T12:00:00Z') });
  await signIn(page, 'operator');
  const table = page.getByRole('table', { name: 'Devices' });
  await table.getByRole('checkbox', { name: 'Select AXIS P3227-LV (172.26.180.2)' }).check();
  await page.getByRole('button', { name: 'Software scheduling' }).click();
  const dialog = page.getByRole('dialog', { name: 'Software scheduling (1 device)' });
  await dialog.getByRole('radio', { name: 'Set maintenance window' }).check();
  await dialog.getByRole('combobox', { name: 'Repeat' }).click();
  await page.getByRole('option', { name: 'Every week' }).click();
  await dialog.getByRole('combobox', { name: 'Day' }).click();
  await page.getByRole('option', { name: 'Sunday' }).click();
  await dialog.getByLabel('Start time').fill('02:30');
  const zone = dialog.getByRole('combobox', { name: 'Time zone' });
  await zone.fill('America/New_York');
  await page.getByRole('option', { name: 'America/New_York' }).click();
  // 02:30 does not exist in New York on 14 March 2027: the window opens at 03:30 EDT.
  await expect(
    dialog.getByText(
      'Next maintenance window: March 14, 2027, 3:30 AM – 7:30 AM EDT (America/New_York)',
    ),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toBeHidden();

  // The console's server keeps the window (hawkBit has none per target): a reload shows it.
  await page.reload();
  const schedule = table
    .getByRole('row', { name: /172\.26\.180\.2\b/ })
    .getByRole('button', { name: 'Update schedule' });
  await schedule.focus();
  await expect(page.getByRole('tooltip')).toContainText(
    'Maintenance window: Every Sunday at 02:30 (America/New_York)',
  );

  await page.goto('/activity');
  const activity = page.getByRole('table', { name: 'Activity' });
  // Other journeys sign in beside this one: its change is the row that names its window.
  const change = activity
    .getByRole('row')
    .filter({ hasText: 'Every Sunday at 02:30 (America/New_York)' })
    .first();
  await expect(change).toContainText('Update schedule');
  await expect(change).toContainText('operatorOperator');
});

test('a hawkBit viewer sees the devices and may change nothing, told why', async ({ page }) => {
  await signIn(page, 'viewer');
  await expect(page.getByRole('group', { name: 'Signed in' })).toContainText('Viewer');
  await page.getByRole('checkbox', { name: 'Select AXIS P3227-LV (172.26.180.2)' }).check();
  const scheduling = page.getByRole('button', { name: 'Software scheduling' });
  await expect(scheduling).toHaveAttribute('aria-disabled', 'true');
  await expect(scheduling).toHaveAccessibleDescription(/cannot change update schedules/);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('an operator halts a staged rollout of Nord GSM: hawkBit stops it, and the later wave never starts', async ({
  page,
}) => {
  await signIn(page, 'operator');
  await page.goto('/firmware/Nord%20GSM');
  await expect(page.getByRole('table', { name: 'Nord GSM sites' })).toBeVisible();
  await page.getByRole('button', { name: 'Plan a staged rollout…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Plan a staged rollout of Nord GSM' });
  await dialog.getByRole('combobox', { name: 'Pilot wave' }).click();
  await page.getByRole('option', { name: 'Named sites' }).click();
  await dialog.getByRole('textbox', { name: 'Pilot site numbers', exact: true }).fill('1012');
  await dialog.getByRole('textbox', { name: 'Percent', exact: true }).fill('100');
  await expect(dialog.getByRole('region', { name: 'What the rollout will do' })).toContainText(
    /in 2 waves/,
  );
  await dialog.getByRole('button', { name: 'Start rollout' }).click();
  const heading = page.getByRole('heading', { name: /^Rollout \d+ of Nord GSM to 5\.40$/ });
  await expect(heading).toBeVisible();
  const wave = (name: string) => page.getByRole('region', { name });
  await expect(wave('Wave 1 (pilot)')).toContainText('Running · 1 site');

  await page.getByRole('button', { name: 'Halt…' }).click();
  const confirm = page.getByRole('dialog', { name: /^Halt rollout \d+\?$/ });
  await confirm.getByRole('button', { name: 'Halt rollout' }).click();
  await expect(page.getByRole('alert')).toContainText('Halted by operator');
  await expect(wave('Wave 2')).toContainText('Released: never started');
  await expect(page.getByRole('button', { name: 'Resume' })).toHaveCount(0);
});

test('shows the statistics from hawkBit, updates all Nord GSM sites, and cancels only until the download is done', async ({
  page,
}) => {
  await signIn(page, 'operator');
  await page.goto('/firmware');
  const stats = page.getByRole('table', { name: /device type/i });
  const nord = stats.getByRole('row').filter({ hasText: 'Nord GSM' });
  await expect(nord).toContainText('5.40');
  await nord.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/firmware\/Nord%20GSM/);
  const sites = page.getByRole('table', { name: 'Nord GSM sites' });
  const site = (number: number) =>
    sites
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: String(number), exact: true }) });
  await expect(site(1017)).toContainText('Downloading');
  await expect(site(1018)).toContainText('Waiting for a disarmed partition');

  // One site by its number: refused with words where hawkBit's target is of another type.
  await page.getByRole('button', { name: 'Update using site number…' }).click();
  const one = page.getByRole('dialog', { name: 'Update using site number' });
  await one.getByRole('textbox', { name: 'Site number' }).fill('3001');
  await one.getByRole('button', { name: 'Update' }).click();
  await expect(one).toContainText('Site 3001 is a Lunar GSM');
  await one.getByRole('textbox', { name: 'Site number' }).fill('1011');
  await one.getByRole('button', { name: 'Update' }).click();
  await expect(one).toBeHidden();
  await expect(site(1011)).toContainText(/Queued|Downloading/);

  await page.getByRole('button', { name: 'Update software at all sites' }).click();
  const dialog = page.getByRole('dialog', { name: 'Update software at all sites' });
  // The dialog's count comes from hawkBit's targets (5 on a fresh stand-in).
  const announced = /(\d+) Nord GSM sites? on an old version will be queued/.exec(
    (await dialog.getByText(/will be queued/).textContent()) ?? '',
  );
  const count = Number(announced?.[1]);
  await expect(dialog).toContainText('1 site, no IP channel');
  await dialog.getByRole('button', { name: 'Update all sites' }).click();
  await expect(page.getByRole('status')).toContainText(
    `Queued ${count} site${count === 1 ? '' : 's'}`,
  );

  // Downloaded already: hawkBit's action would install, so the console refuses and says why.
  await site(1018).getByRole('button', { name: 'Cancel update…' }).click();
  const refuse = page.getByRole('dialog', { name: 'Cancel the update of site 1018?' });
  await refuse.getByRole('button', { name: 'Cancel update' }).click();
  await expect(refuse.getByRole('alert')).toContainText('can no longer be cancelled');
  await refuse.getByRole('button', { name: 'Keep updating' }).click();

  await page.goto('/activity');
  const activity = page.getByRole('table', { name: 'Activity' });
  await expect(
    activity.getByRole('row').filter({ hasText: 'Update of all sites' }).first(),
  ).toContainText('operatorOperator');
});

/** Moves the stand-in's clock on (it runs with --clock-control): its panels install by it. */
async function advanceStandin(page: Page, minutes: number): Promise<void> {
  const response = await page.request.post(`${hawkbitStandinOrigin}/standin/clock`, {
    data: { advanceMinutes: minutes },
  });
  expect(response.ok()).toBe(true);
}

test('a staged rollout of Nord LAN runs as a hawkBit rollout: the pilot, then the rest, by the console’s rules', async ({
  page,
}) => {
  await signIn(page, 'operator');
  await page.goto('/firmware/Nord%20LAN');
  await expect(page.getByRole('table', { name: 'Nord LAN sites' })).toBeVisible();
  await page.getByRole('button', { name: 'Plan a staged rollout…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Plan a staged rollout of Nord LAN' });
  await dialog.getByRole('combobox', { name: 'Pilot wave' }).click();
  await page.getByRole('option', { name: 'Named sites' }).click();
  await dialog.getByRole('textbox', { name: 'Pilot site numbers', exact: true }).fill('2006');
  await dialog.getByRole('textbox', { name: 'Percent', exact: true }).fill('100');
  await dialog
    .getByRole('textbox', { name: 'Next wave at (% installed)', exact: true })
    .fill('100');
  await dialog.getByRole('textbox', { name: 'Then soak (minutes)', exact: true }).fill('0');
  const preview = dialog.getByRole('region', { name: 'What the rollout will do' });
  await expect(preview).toContainText(/in 2 waves/);
  await dialog.getByRole('button', { name: 'Start rollout' }).click();
  await expect(
    page.getByRole('heading', { name: /^Rollout \d+ of Nord LAN to 3\.12$/ }),
  ).toBeVisible();
  const wave = (name: string) => page.getByRole('region', { name });
  await expect(wave('Wave 1 (pilot)')).toContainText('Running · 1 site');
  await expect(wave('Wave 2')).toContainText(
    'Wave 2 starts when 100 % of wave 1 has installed: 0 of 1 so far.',
  );
  const forecast = page.getByRole('region', { name: 'Forecast' });
  await expect(forecast).toContainText('No finish can be forecast.');
  await expect(forecast).toContainText('hawkBit reports no download or install timings');

  // An Ethernet panel installs within minutes: hawkBit holds at the pilot's threshold, and
  // the console's server starts wave 2 (its soak is 0).
  // The page polls every 5 s, and the console's server keeps hawkBit's counts for 2 s.
  const polled = { timeout: 15_000 };
  await advanceStandin(page, 30);
  await expect(wave('Wave 2')).toContainText('Running · 2 sites', polled);
  await advanceStandin(page, 60);
  await expect(page.getByRole('alert')).toContainText(
    'Every wave has run: 3 sites installed.',
    polled,
  );

  await page.goto('/activity');
  await expect(
    page
      .getByRole('table', { name: 'Activity' })
      .getByRole('row')
      .filter({ hasText: 'Start a staged rollout in 2 waves' })
      .filter({ hasText: 'Nord LAN' }),
  ).toContainText('operatorOperator');
});

test('an administrator upgrades a server’s module set on hawkBit: a composed distribution set, run step by step', async ({
  page,
}) => {
  await signIn(page, 'admin');
  await page.goto('/servers');
  const servers = page.getByRole('table', { name: 'Servers' });
  await expect(servers.getByRole('row', { name: /Reception PC/ })).toContainText('Not registered');
  await servers.getByRole('link', { name: 'Warehouse NVR' }).click();
  await chooseTarget(page, 'banalytics-core', '2.5.0');
  await expect(moduleRow(page, 'banalytics-core')).toContainText('Upgrade 2.4.1 → 2.5.0');
  await page.getByRole('button', { name: 'Save target versions' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Target versions of' })).toContainText(
    'saved (1 module)',
  );
  await page.getByRole('button', { name: 'Start upgrade' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start upgrade on Warehouse NVR?' });
  await expect(dialog).toContainText('Running now: Recording 16 cameras');
  await dialog.getByRole('button', { name: 'Start upgrade' }).click();
  await expect(dialog).toBeHidden();
  const steps = page.getByRole('list', { name: 'Upgrade steps' });
  await expect(steps).toContainText('Active: Pending');

  // The server's agent reports each step to hawkBit as the stand-in's clock moves on.
  await advanceStandin(page, 5);
  await expect(steps).toContainText('Active: Done', { timeout: 15_000 });
  await expect(moduleRow(page, 'banalytics-core').getByRole('cell').nth(2)).toHaveText('2.5.0');

  await page.goto('/activity');
  await expect(
    page
      .getByRole('table', { name: 'Activity' })
      .getByRole('row')
      .filter({ hasText: 'Start upgrade' })
      .first(),
  ).toContainText('adminAdministrator');
});
