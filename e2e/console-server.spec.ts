import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { expect, test, type Page } from '@playwright/test';
import { axeScript, violations } from './axe';
import { startConsoleServerProcess, type RunningConsoleServer } from './console-server-process';
import { startWebhookReceiver } from '../server/webhooks/test-receiver';

/**
 * The console on its own server (`npm run serve -- --backend fleet`): the journeys of the
 * issue, tried as a new user would, against real server processes that the tests start,
 * restart and stop — PGlite in a data folder, and two servers on one PostgreSQL where the test
 * script started one.
 */

// A server process starts in seconds (PGlite, migrations, the fleet): a journey that starts
// two takes longer than a screen's.
test.describe.configure({ timeout: 120_000 });

async function signIn(page: Page, username: string, password = username): Promise<void> {
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByRole('textbox', { name: 'User name' }).fill(username);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

async function scheduleFirstDevice(page: Page): Promise<void> {
  const table = page.getByRole('table', { name: 'Devices' });
  await table.getByRole('checkbox', { name: 'Select AXIS P3227-LV (172.26.180.2)' }).check();
  await page.getByRole('button', { name: 'Software scheduling' }).click();
  const dialog = page.getByRole('dialog', { name: 'Software scheduling (1 device)' });
  await dialog.getByRole('radio', { name: 'Set maintenance window' }).check();
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toBeHidden();
}

test('signs in, schedules a device, updates all Nord GSM sites, and keeps the activity through a restart', async ({
  page,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'console-data-'));
  let server: RunningConsoleServer | undefined = await startConsoleServerProcess({ dataDir });
  try {
    await page.goto(`${server.origin}/devices`);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await signIn(page, 'omar', 'wrong');
    await expect(page.getByRole('alert')).toContainText('do not match');
    // What a person sees: the form whole, nothing to scroll sideways, as in its picture.
    const form = page.getByRole('form', { name: 'Sign in' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      page.viewportSize()?.width ?? 0,
    );
    await expect(form).toHaveScreenshot('sign-in-refused.png');
    await signIn(page, 'omar');
    await expect(page.getByRole('group', { name: 'Signed in' })).toContainText('Operator');
    await scheduleFirstDevice(page);

    await page.goto(`${server.origin}/firmware/Nord%20GSM`);
    await page.getByRole('button', { name: 'Update software at all sites' }).click();
    const dialog = page.getByRole('dialog', { name: 'Update software at all sites' });
    await dialog.getByRole('button', { name: 'Update all sites' }).click();
    await expect(page.getByRole('status')).toContainText('Queued 5 sites');

    const port = server.port;
    await server.stop();
    server = undefined;
    server = await startConsoleServerProcess({ dataDir, port });

    // The session and the activity live in the database: a reload after the restart shows both.
    await page.goto(`${server.origin}/activity`);
    const activity = page.getByRole('table', { name: 'Activity' });
    await expect(activity.getByRole('row').nth(1)).toContainText('Update of all sites');
    await expect(activity.getByRole('row').nth(1)).toContainText('Omar Haddad');
    await expect(activity.getByRole('row').nth(2)).toContainText('Update schedule');
    await expect(activity.getByRole('row').nth(3)).toContainText('Sign-in');
    await expect(activity.getByRole('row').nth(4)).toContainText('Refused');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  } finally {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('two servers on one PostgreSQL: a change through one is seen through the other', async ({
  page,
}) => {
  const url = process.env.FLEET_TEST_DATABASE_URL;
  test.skip(!url, 'No PostgreSQL was started by the test script: the journey runs on PGlite only.');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const name = `e2e_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const database = new URL(url ?? '');
  database.pathname = `/${name}`;
  const servers: RunningConsoleServer[] = [];
  try {
    servers.push(await startConsoleServerProcess({ database: database.href }));
    servers.push(await startConsoleServerProcess({ database: database.href }));
    const [first, second] = servers as [RunningConsoleServer, RunningConsoleServer];
    await page.goto(`${first.origin}/devices`);
    await signIn(page, 'omar');
    await scheduleFirstDevice(page);

    // Cookies are kept per host, not per port: the other server is the same site, as behind
    // a load balancer, and it knows the session from the database.
    await page.goto(`${second.origin}/activity`);
    const activity = page.getByRole('table', { name: 'Activity' });
    await expect(activity.getByRole('row').nth(1)).toContainText('Update schedule');
    await page.goto(`${second.origin}/devices`);
    const schedule = page
      .getByRole('table', { name: 'Devices' })
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: '172.26.180.2', exact: true }) })
      .getByRole('button', { name: 'Update schedule' });
    await schedule.focus();
    await expect(page.getByRole('tooltip')).toContainText('Maintenance window');
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
});

test('an administrator makes an API token for a program, which acts in its own name until it is revoked', async ({
  page,
  request,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'console-data-'));
  const server = await startConsoleServerProcess({ dataDir });
  try {
    await page.addInitScript({ path: axeScript });
    await page.goto(`${server.origin}/settings`);
    await signIn(page, 'ada');
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Create API token…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create API token' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Nightly report');
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Operator' }).click();
    await dialog.getByRole('button', { name: 'Create token' }).click();
    const created = page.getByRole('dialog', { name: 'API token created' });
    const secret = await created.getByRole('textbox', { name: 'Token' }).inputValue();
    expect(secret).toMatch(/^fuc_/);
    expect(await violations(page)).toEqual([]);
    await created.getByRole('button', { name: 'Done' }).click();
    const tokens = page.getByRole('table', { name: 'API tokens' });
    await expect(tokens.getByRole('row', { name: /Nightly report/ })).toContainText('Active');
    // What a person sees: one line a token, nothing to scroll sideways (its dates are today's,
    // so no picture: layout, not pixels).
    const row = tokens.getByRole('row', { name: /Nightly report/ });
    expect((await row.boundingBox())?.height ?? 0).toBeLessThan(60);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      page.viewportSize()?.width ?? 0,
    );
    await expect(page.getByRole('button', { name: 'Create API token…' })).toBeInViewport();
    expect(await violations(page)).toEqual([]);

    // The program: its token alone, no cookie and no CSRF header.
    const bearer = { Authorization: `Bearer ${secret}` };
    const update = await request.post(`${server.origin}/api/device-types/Nord%20GSM/update-all`, {
      headers: bearer,
      data: { requestId: 'nightly-report-0001' },
    });
    expect(update.status()).toBe(202);
    await page.goto(`${server.origin}/activity`);
    const activity = page.getByRole('table', { name: 'Activity' });
    await expect(activity.getByRole('row').nth(1)).toContainText(
      'Nightly report (API token), created by Ada Novak',
    );
    await expect(activity.getByRole('row').nth(2)).toContainText('API token created');

    await page.goto(`${server.origin}/settings`);
    await page.getByRole('button', { name: 'Revoke Nightly report…' }).click();
    await page
      .getByRole('dialog', { name: 'Revoke API token' })
      .getByRole('button', { name: 'Revoke token' })
      .click();
    await expect(page.getByText('The API token “Nightly report” is revoked.')).toBeVisible();
    const refused = await request.get(`${server.origin}/api/session`, { headers: bearer });
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'token_revoked' });
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('an administrator adds a webhook: its test is signed, answered 500, retried and listed as delivered', async ({
  page,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'console-data-'));
  const secret = 'e2e-webhook-secret-0123456789';
  const receiver = await startWebhookReceiver(secret, [500]);
  // Retries two seconds apart, looked for twice a second: the journey sees one without waiting long.
  const server = await startConsoleServerProcess({
    dataDir,
    args: ['--webhook-interval', '500', '--webhook-retry-seconds', '2,2'],
  });
  try {
    await page.addInitScript({ path: axeScript });
    await page.goto(`${server.origin}/settings`);
    await signIn(page, 'ada');
    const section = page.getByRole('region', { name: 'Webhooks' });
    await section.getByRole('button', { name: 'Add a webhook…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a webhook' });
    await dialog.getByRole('textbox', { name: 'Address' }).fill(receiver.url);
    await dialog.getByRole('checkbox', { name: 'Rollout finished' }).check();
    await dialog.getByRole('textbox', { name: 'Secret' }).fill(secret);
    expect(await violations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Add webhook' }).click();
    await expect(dialog).toBeHidden();

    const table = section.getByRole('table', { name: 'Webhooks' });
    const row = table.getByRole('row', { name: new RegExp(receiver.url) });
    await expect(row).toContainText('Approval waiting, Rollout halted, Rollout finished');
    await row.getByRole('button', { name: `Send a test to ${receiver.url}` }).click();
    await expect(
      page.getByText(`The test did not reach ${receiver.url}: Retrying (500)`),
    ).toBeVisible();

    await row.getByRole('button', { name: `Deliveries to ${receiver.url}` }).click();
    const deliveries = page.getByRole('dialog', { name: `Deliveries to ${receiver.url}` });
    const delivered = deliveries.getByRole('listitem', { name: 'Test: Delivered (200)' });
    // The list reads itself again while open: the retry's answer shows without a reload.
    await expect(delivered).toBeVisible({ timeout: 20_000 });
    await expect(delivered).toContainText('Answered 500');
    await expect(delivered).toContainText('Answered 200');
    expect(await violations(page)).toEqual([]);
    await deliveries.getByRole('button', { name: 'Close' }).click();

    // The receiver: two posts of one delivery, the same body, each signed with the secret.
    expect(receiver.received.map((each) => each.refused)).toEqual([null, null]);
    expect(new Set(receiver.received.map((each) => each.delivery)).size).toBe(1);
    expect(receiver.received[1]?.body).toBe(receiver.received[0]?.body);

    // What a person sees: one line a webhook, nothing to scroll sideways.
    expect((await row.boundingBox())?.height ?? 0).toBeLessThan(60);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      page.viewportSize()?.width ?? 0,
    );
  } finally {
    await server.stop();
    await receiver.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
