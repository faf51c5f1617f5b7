import { chromium } from '@playwright/test';
const base = 'http://127.0.0.1:4173';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const [width, height] of [[1440, 900], [390, 844]]) {
  for (const scheme of ['light', 'dark']) {
    const tag = `${width}-${scheme}`;
    const page = await browser.newPage({ viewport: { width, height }, colorScheme: scheme });
    await page.goto(`${base}/firmware/Nord%20GSM?role=operator&reset`);
    await page.getByRole('button', { name: 'Update using site number…' }).click();
    await page.getByRole('textbox', { name: 'Site number' }).fill('1011');
    await page.getByRole('dialog').getByRole('button', { name: 'Update' }).click();
    await page.getByRole('status').waitFor();
    await page.evaluate(async () => {
      const s = await (await fetch('/api/session')).json();
      await fetch('/api/servers/srv-7f3a9c21/settings', { method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrfToken }, body: JSON.stringify({ updateType: 'on-boot', restartOnFailure: '10s' }) });
      await fetch('/api/devices/updates', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrfToken }, body: JSON.stringify({ selection: { mode: 'filter', filter: { status: 'reachable' }, except: [] }, requestId: 'shot-req-000001' }) });
    });
    await page.goto(`${base}/activity`);
    await page.getByRole('table', { name: 'Activity' }).getByRole('row').nth(3).waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `/tmp/shots/activity-${tag}.png` });
    await page.goto(`${base}/devices`);
    await page.getByRole('button', { name: 'History: AXIS P3227-LV (172.26.180.2)' }).click();
    await page.getByRole('dialog').getByRole('row').nth(1).waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `/tmp/shots/history-${tag}.png` });
    await page.goto(`${base}/devices?role=viewer`);
    await page.getByRole('checkbox', { name: 'Select AXIS P3227-LV (172.26.180.2)' }).check();
    await page.getByRole('button', { name: 'Manual update' }).focus();
    await page.getByRole('tooltip').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `/tmp/shots/viewer-${tag}.png` });
    await page.goto(`${base}/firmware/Nord%20GSM?role=administrator`);
    await page.getByRole('button', { name: 'Update using site number…' }).click();
    await page.getByRole('textbox', { name: 'Site number' }).fill('1012');
    await page.evaluate(() => fetch('/api/simulation/session', { method: 'DELETE' }));
    await page.getByRole('dialog').getByRole('button', { name: 'Update' }).click();
    await page.getByRole('dialog', { name: 'Your session has ended' }).waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `/tmp/shots/ended-${tag}.png` });
    await page.close();
  }
}
await browser.close();
