import { subpathOrigin } from '../playwright.config';
import { expect, test } from './fixtures';

test.describe('Shell and routes', () => {
  test('navigates between the three screens', async ({ page }) => {
    await page.goto('/devices');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Site software update' }).click();
    await expect(page).toHaveURL(/\/firmware$/);
    await expect(
      page.getByRole('heading', { name: 'Site software update', level: 1 }),
    ).toBeVisible();
    await nav.getByRole('link', { name: 'Upgrade Center' }).click();
    await expect(page).toHaveURL(/\/servers$/);
    await expect(page.getByRole('heading', { name: 'Upgrade Center', level: 1 })).toBeVisible();
    await nav.getByRole('link', { name: 'Devices' }).click();
    await expect(page.getByRole('table', { name: 'Devices' })).toBeVisible();
  });

  for (const path of ['/firmware/Nord%20GSM', '/servers/srv-7f3a9c21', '/firmware']) {
    test(`opens the deep link ${path} and survives a reload`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.reload();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Page not found' })).toHaveCount(0);
    });
  }

  test('says in the app bar when the simulated fleet answers, with its scenario', async ({
    page,
  }) => {
    await page.goto('/firmware?scenario=empty');
    const banner = page.getByRole('banner');
    await expect(banner.getByText('Simulated fleet · empty')).toBeVisible();
    await page.goto('/firmware?scenario=demo');
    await expect(banner.getByText('Simulated fleet · demo')).toBeVisible();
  });

  test('names each screen in the browser tab', async ({ page }) => {
    const titles: [string, string, string][] = [
      ['/devices', 'Devices', 'Devices · Fleet Update Console'],
      ['/firmware', 'Site software update', 'Site software update · Fleet Update Console'],
      [
        '/firmware/Nord%20GSM',
        'Site software update: Nord GSM',
        'Nord GSM · Site software update · Fleet Update Console',
      ],
      ['/servers', 'Upgrade Center', 'Upgrade Center · Fleet Update Console'],
      [
        '/servers/srv-7f3a9c21',
        'Upgrade Center: Warehouse NVR',
        'Warehouse NVR · Upgrade Center · Fleet Update Console',
      ],
      ['/nowhere', 'Page not found', 'Page not found · Fleet Update Console'],
    ];
    for (const [path, heading, title] of titles) {
      await page.goto(path);
      await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
      await expect(page).toHaveTitle(title);
    }
  });

  test('switches between light, dark and the system theme, and remembers the choice', async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/servers');
    const html = page.locator('html');
    await expect(html).toHaveClass(/light/);
    await page.getByRole('button', { name: 'Theme: System. Switch to Light' }).click();
    await page.getByRole('button', { name: 'Theme: Light. Switch to Dark' }).click();
    await expect(html).toHaveClass(/dark/);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Theme: Dark. Switch to System' })).toBeVisible();
    await expect(html).toHaveClass(/dark/);
    await page.getByRole('button', { name: 'Theme: Dark. Switch to System' }).click();
    await expect(html).toHaveClass(/light/);
  });

  test('says when a page does not exist, with a way back', async ({ page }) => {
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { name: 'Page not found', level: 1 })).toBeVisible();
    await page.getByRole('link', { name: 'Devices' }).last().click();
    await expect(page.getByRole('table', { name: 'Devices' })).toBeVisible();
  });

  test('works from a sub-path, deep links included', async ({ page }) => {
    await page.goto(`${subpathOrigin}/tools/console/`);
    await expect(page).toHaveURL(`${subpathOrigin}/tools/console/devices`);
    await expect(page.getByRole('table', { name: 'Devices' })).toBeVisible();

    await page.goto(`${subpathOrigin}/tools/console/firmware/Nord%20GSM`);
    await expect(
      page.getByRole('heading', { name: 'Site software update', level: 1 }),
    ).toBeVisible();
    await page.getByRole('link', { name: 'Devices' }).click();
    await expect(page).toHaveURL(`${subpathOrigin}/tools/console/devices`);
    await expect(page.getByRole('cell', { name: 'ACCC8EF3100E' })).toBeVisible();
  });

  test('ships its OpenAPI document beside the console', async ({ request }) => {
    const response = await request.get('/openapi.json');
    expect(response.ok()).toBe(true);
    const document = (await response.json()) as { openapi: string; paths: object };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/devices');
  });
});
