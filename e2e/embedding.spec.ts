import type { Page } from '@playwright/test';
import {
  bearerOrigin,
  embedOrigin,
  portalOrigin,
  proxiedOrigin,
  strangerOrigin,
} from '../playwright.config';
import { expect, test } from './fixtures';

interface Received {
  origin: string;
  data: { protocol?: string; version?: number; type?: string; route?: string; height?: number };
}

/** Opens a stand-in portal (e2e/portal-server.ts) that frames the console at `path`. */
async function openPortal(
  page: Page,
  origin: string,
  path = '/devices',
  consoleOrigin = embedOrigin,
): Promise<void> {
  await page.goto(`${origin}/?console=${encodeURIComponent(`${consoleOrigin}${path}`)}`);
}

function received(page: Page): Promise<Received[]> {
  return page.evaluate(() => (window as unknown as { received: Received[] }).received);
}

test.describe('Embedding in a portal', () => {
  test('announces itself, its route and height, and follows the portal’s navigation and theme', async ({
    page,
  }) => {
    await openPortal(page, portalOrigin);
    const frame = page.frameLocator('iframe[title="Fleet Update Console"]');
    await expect(frame.getByRole('table', { name: 'Devices' })).toBeVisible({ timeout: 30_000 });

    await expect
      .poll(async () => (await received(page)).map((message) => message.data.type))
      .toEqual(expect.arrayContaining(['ready', 'height']));
    const messages = await received(page);
    expect(messages.every((message) => message.origin === embedOrigin)).toBe(true);
    expect(messages.find((message) => message.data.type === 'ready')?.data).toEqual({
      protocol: 'fleet-update-console',
      version: 1,
      type: 'ready',
      route: '/devices',
    });
    const heights = messages.flatMap((message) =>
      message.data.type === 'height' ? [message.data.height ?? 0] : [],
    );
    expect(Math.max(...heights)).toBeGreaterThan(300);

    await page.evaluate(() =>
      (window as unknown as { sendToConsole: (message: object) => void }).sendToConsole({
        type: 'navigate',
        route: '/firmware/Nord%20GSM',
      }),
    );
    await expect(frame.getByRole('table', { name: 'Nord GSM sites' })).toBeVisible();
    await expect
      .poll(async () =>
        (await received(page)).some(
          (message) =>
            message.data.type === 'route' && message.data.route === '/firmware/Nord%20GSM',
        ),
      )
      .toBe(true);

    await page.evaluate(() =>
      (window as unknown as { sendToConsole: (message: object) => void }).sendToConsole({
        type: 'set-theme',
        mode: 'dark',
      }),
    );
    await expect(frame.locator('html')).toHaveClass(/dark/);
  });

  test('ignores a navigation to a route the console cannot take, and goes on', async ({ page }) => {
    await openPortal(page, portalOrigin);
    const frame = page.frameLocator('iframe[title="Fleet Update Console"]');
    await expect(frame.getByRole('table', { name: 'Devices' })).toBeVisible({ timeout: 30_000 });
    for (const route of ['/\\evil.example/devices', '/\\/evil.example', '/devices\u0000x']) {
      await page.evaluate(
        (to) =>
          (window as unknown as { sendToConsole: (message: object) => void }).sendToConsole({
            type: 'navigate',
            route: to,
          }),
        route,
      );
    }
    await page.evaluate(() =>
      (window as unknown as { sendToConsole: (message: object) => void }).sendToConsole({
        type: 'navigate',
        route: '/servers',
      }),
    );
    // The bad routes were dropped (no uncaught error: see the fixture); the good one followed.
    await expect(frame.getByRole('heading', { name: 'Upgrade Center' })).toBeVisible();
    await expect(frame.locator('body')).not.toContainText('evil.example');
  });

  test('says once that changes are kept for this tab when a cross-site frame may not store them', async ({
    page,
  }) => {
    // `localhost` frames `127.0.0.1`: another site, so the browser denies the frame storage.
    await openPortal(page, portalOrigin, '/firmware/Nord%20GSM');
    const frame = page.frameLocator('iframe[title="Fleet Update Console"]');
    await expect(frame.getByRole('table', { name: 'Nord GSM sites' })).toBeVisible({
      timeout: 30_000,
    });
    await expect(frame.getByRole('status')).toHaveCount(0);
    await frame.getByRole('button', { name: 'Update using site number…' }).click();
    const dialog = frame.getByRole('dialog', { name: 'Update using site number' });
    await dialog.getByRole('textbox', { name: 'Site number' }).fill('1011');
    await dialog.getByRole('button', { name: 'Update' }).click();
    await expect(dialog).toBeHidden();
    await expect(
      frame.getByRole('status').filter({ hasText: 'kept for this tab only' }),
    ).toBeVisible();
    await expect(frame.getByRole('row', { name: /1011/ })).toContainText(/Queued|Downloading/);
  });

  test('ignores a portal whose origin is not allowed, and tells it nothing', async ({ page }) => {
    await openPortal(page, strangerOrigin);
    const frame = page.frameLocator('iframe[title="Fleet Update Console"]');
    await expect(frame.getByRole('table', { name: 'Devices' })).toBeVisible({ timeout: 30_000 });
    await page.evaluate(() =>
      (window as unknown as { sendToConsole: (message: object) => void }).sendToConsole({
        type: 'navigate',
        route: '/servers',
      }),
    );
    // The console answered nothing and stayed where it was.
    await expect(frame.getByRole('table', { name: 'Devices' })).toBeVisible();
    await expect(frame.getByRole('heading', { name: 'Upgrade Center' })).toHaveCount(0);
    expect(await received(page)).toEqual([]);
  });

  test('works with the built-in fleet off, under a sub-path, against a real backend', async ({
    page,
    request,
  }) => {
    // The console at /console/ with mockApi false; the deployment passes /api to the
    // built-in fleet running as an HTTP server (npm run mock-server), as it would to a backend.
    await openPortal(page, portalOrigin, '/console/devices', proxiedOrigin);
    const frame = page.frameLocator('iframe[title="Fleet Update Console"]');
    const table = frame.getByRole('table', { name: 'Devices' });
    await expect(table).toBeVisible({ timeout: 30_000 });
    // The backend is the simulator over HTTP, and the console says so.
    await expect(frame.getByText('Simulated fleet · demo')).toBeVisible();
    await table
      .getByRole('checkbox', { name: 'Select Entrance camera (AXIS P1465-LE, 172.26.180.40)' })
      .check();
    await frame.getByRole('button', { name: 'Software scheduling' }).click();
    const dialog = frame.getByRole('dialog', { name: 'Software scheduling (1 device)' });
    await dialog.getByRole('radio', { name: 'Set maintenance window' }).check();
    await dialog.getByLabel('Start time').fill('23:00');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect(dialog).toBeHidden();

    // The change reached the backend itself, through the deployment's /api.
    const answer = await request.get(`${proxiedOrigin}/api/devices?q=Entrance`);
    const body = (await answer.json()) as {
      items: { schedule: { mode: string; window?: { startTime: string } } }[];
    };
    expect(body.items[0]?.schedule).toMatchObject({
      mode: 'window',
      window: { startTime: '23:00' },
    });

    await page.evaluate(() =>
      (window as unknown as { sendToConsole: (message: object) => void }).sendToConsole({
        type: 'navigate',
        route: '/servers',
      }),
    );
    await expect(frame.getByRole('table', { name: 'Servers' })).toBeVisible();
    await expect
      .poll(async () =>
        (await received(page)).some(
          (message) =>
            message.origin === proxiedOrigin &&
            message.data.type === 'route' &&
            message.data.route === '/servers',
        ),
      )
      .toBe(true);
  });
});

test.describe('Signed in by the portal (bearer tokens)', () => {
  test('starts with the portal’s token, and asks for a new one when the session ends, input kept', async ({
    page,
  }) => {
    await openPortal(page, portalOrigin, '/firmware/Nord%20GSM?role=operator', bearerOrigin);
    const frame = page.frameLocator('iframe[title="Fleet Update Console"]');
    await expect(frame.getByRole('table', { name: 'Nord GSM sites' })).toBeVisible({
      timeout: 30_000,
    });
    await expect(frame.getByRole('group', { name: 'Signed in' })).toContainText('Operator');
    expect(
      await page.evaluate(() => (window as unknown as { tokensIssued: number }).tokensIssued),
    ).toBe(1);

    await frame.getByRole('button', { name: 'Update using site number…' }).click();
    const dialog = frame.getByRole('dialog', { name: 'Update using site number' });
    await dialog.getByRole('textbox', { name: 'Site number' }).fill('1011');
    // The session ends (the token in use is revoked) while the dialog is open.
    const console = page.frames().find((each) => each.url().startsWith(bearerOrigin));
    await console?.evaluate(() => fetch('/api/simulation/session', { method: 'DELETE' }));
    await dialog.getByRole('button', { name: 'Update' }).click();
    const ended = frame.getByRole('dialog', { name: 'Your session has ended' });
    await ended.getByRole('button', { name: 'Sign in again' }).click();
    await expect(ended).toBeHidden();
    expect(
      await page.evaluate(() => (window as unknown as { tokensIssued: number }).tokensIssued),
    ).toBe(2);
    await expect(dialog.getByRole('textbox', { name: 'Site number' })).toHaveValue('1011');
    await dialog.getByRole('button', { name: 'Update' }).click();
    await expect(
      frame.getByRole('status').filter({ hasText: 'Site 1011 is queued' }),
    ).toBeVisible();
  });
});
