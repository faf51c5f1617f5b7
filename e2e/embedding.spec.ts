import type { Page } from '@playwright/test';
import { embedOrigin, portalOrigin, strangerOrigin } from '../playwright.config';
import { expect, test } from './fixtures';

interface Received {
  origin: string;
  data: { protocol?: string; version?: number; type?: string; route?: string; height?: number };
}

/** Opens a stand-in portal (e2e/portal-server.ts) that frames the console at `path`. */
async function openPortal(page: Page, origin: string, path = '/devices'): Promise<void> {
  await page.goto(`${origin}/?console=${encodeURIComponent(`${embedOrigin}${path}`)}`);
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
});
