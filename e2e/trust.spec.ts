import type { Locator, Page } from '@playwright/test';
import { expect, navigateTo, test } from './fixtures';

/** A button the operator's role may not use: it says so, and does nothing. */
async function expectRefusedByRole(button: Locator, reason: string): Promise<void> {
  await expect(button).toBeVisible();
  await expect(button).toHaveAttribute('aria-disabled', 'true');
  await expect(button).toHaveAccessibleDescription(reason);
}

function whoIsSignedIn(page: Page): Locator {
  return page.getByRole('banner').getByRole('group', { name: 'Signed in' });
}

test.describe('Trust', () => {
  test('a viewer sees every screen and can change nothing, told why', async ({ page }) => {
    await page.goto('/devices?role=viewer');
    await expect(whoIsSignedIn(page)).toContainText('Viewer');
    await page.getByRole('checkbox', { name: 'Select AXIS P3227-LV (172.26.180.2)' }).check();
    await expectRefusedByRole(
      page.getByRole('button', { name: 'Software scheduling' }),
      'Your role, Viewer, cannot change update schedules.',
    );
    await expectRefusedByRole(
      page.getByRole('button', { name: 'Manual update' }),
      'Your role, Viewer, cannot update devices.',
    );
    // Focus shows the reason; pressing it does nothing.
    await page.getByRole('button', { name: 'Manual update' }).focus();
    await expect(page.getByRole('tooltip')).toHaveText('Your role, Viewer, cannot update devices.');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    await page.goto('/firmware/Nord%20GSM');
    await expectRefusedByRole(
      page.getByRole('button', { name: 'Update software at all sites' }),
      'Your role, Viewer, cannot update sites.',
    );
    await expectRefusedByRole(
      page.getByRole('row', { name: /^1017/ }).getByRole('button', { name: 'Cancel update…' }),
      'Your role, Viewer, cannot cancel site updates.',
    );

    await page.goto('/servers/srv-7f3a9c21');
    await expectRefusedByRole(
      page.getByRole('button', { name: 'Start upgrade' }),
      'Your role, Viewer, cannot start server upgrades.',
    );
    await expectRefusedByRole(
      page.getByRole('button', { name: 'Save settings' }),
      'Your role, Viewer, cannot change server target versions and settings.',
    );
  });

  test('an operator’s change and a refusal appear in Activity and in the history, across a reload', async ({
    page,
  }) => {
    await page.goto('/firmware/Nord%20GSM?role=operator&reset');
    await expect(whoIsSignedIn(page)).toContainText('Operator');
    await page.getByRole('button', { name: 'Update using site number…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Update using site number' });
    await dialog.getByRole('textbox', { name: 'Site number' }).fill('1011');
    await dialog.getByRole('button', { name: 'Update' }).click();
    await expect(page.getByRole('status')).toContainText('Site 1011 is queued');
    // An operator may not change servers: the server refuses, and the refusal is recorded.
    await page.evaluate(async () => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      await fetch('/api/servers/srv-7f3a9c21/settings', {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
        body: JSON.stringify({ updateType: 'on-boot', restartOnFailure: '10s' }),
      });
    });

    // A new page load: the activity comes from the fleet's stored operation log.
    await page.goto('/devices');
    await navigateTo(page, 'Activity');
    const activity = page.getByRole('table', { name: 'Activity' });
    await expect(activity.getByRole('row')).toHaveCount(3);
    const [refused, queued] = [activity.getByRole('row').nth(1), activity.getByRole('row').nth(2)];
    await expect(refused).toContainText('Server settings');
    await expect(refused).toContainText('Refused (forbidden)');
    await expect(queued).toContainText('Omar Haddad');
    await expect(queued).toContainText('Site update');
    await expect(queued).toContainText('Nord GSM site 1011');
    await expect(queued).toContainText('Accepted');

    await page.getByRole('combobox', { name: 'Change' }).selectOption('Site update');
    await expect(page).toHaveURL(/kind=site-update/);
    await expect(activity.getByRole('row')).toHaveCount(2);

    await page.goto('/firmware/Nord%20GSM?q=1011');
    await page.getByRole('button', { name: 'History: site 1011' }).click();
    const history = page.getByRole('dialog', { name: 'History: Nord GSM site 1011' });
    await expect(history.getByRole('row')).toHaveCount(2);
    await expect(history).toContainText('Omar Haddad');
  });

  test('an ended session is recovered without losing the open dialog’s input', async ({ page }) => {
    await page.goto('/firmware/Nord%20GSM?role=operator&reset');
    await page.getByRole('button', { name: 'Update using site number…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Update using site number' });
    const field = dialog.getByRole('textbox', { name: 'Site number' });
    await field.fill('1012');
    await page.evaluate(() => fetch('/api/simulation/session', { method: 'DELETE' }));
    await dialog.getByRole('button', { name: 'Update' }).click();
    const ended = page.getByRole('dialog', { name: 'Your session has ended' });
    await ended.getByRole('button', { name: 'Sign in again' }).click();
    await expect(ended).toBeHidden();
    await expect(field).toHaveValue('1012');
    await dialog.getByRole('button', { name: 'Update' }).click();
    await expect(page.getByRole('status')).toContainText('Site 1012 is queued');
  });
});
