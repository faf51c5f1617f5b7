import type { Locator, Page } from '@playwright/test';
import { expect, settled, test } from './fixtures';

/**
 * Every screen and dialog as a picture, light and dark, on a desktop and on a phone: the demo
 * fleet at a fixed instant, compared with the baselines in visual.spec.ts-snapshots/.
 * After an intended change of the screens: `npm run screenshots:update`, then look at every
 * changed picture before committing it.
 */

const AT = new Date('2024-11-09T06:00:00Z');

const sizes = [
  { name: 'desktop', viewport: { width: 1440, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;

interface Shot {
  name: string;
  path: string;
  /** Brings the screen to what the picture must show, and waits for it. */
  ready: (page: Page) => Promise<void>;
  /** What depends on the seconds the journey took (forecasts from now), covered. */
  mask?: (page: Page) => Locator[];
}

/** Forecasts are worked out from the moment they are asked for: masked in pictures. */
const forecasts = (page: Page) => [
  page.getByText(/^((If resumed now, e|E)xpected to finish|, finishing)/),
  page.getByText(/started November 9, 2024/),
];

/** "Select sites", then the sites' check boxes. */
async function selectSites(page: Page, numbers: number[]): Promise<void> {
  await page.getByRole('button', { name: 'Select sites' }).click();
  const table = page.getByRole('table', { name: 'Nord GSM sites' });
  for (const number of numbers) {
    await table.getByRole('checkbox', { name: `Select site ${number}` }).check();
  }
}

/** The rollout planning dialog, with a pilot of 2 and a wave of 50 %, once it has counted. */
async function planRollout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Plan a staged rollout…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Plan a staged rollout of Nord GSM' });
  await expect(dialog.getByRole('region', { name: 'What the rollout will do' })).toContainText(
    '5 Nord GSM sites to 5.40, in 2 waves',
  );
}

/** The fleet's rule that rollouts need approval, then an operator's rollout asked for. */
async function askForRollout(page: Page): Promise<void> {
  await page.goto('/approvals?role=administrator');
  await page.getByRole('button', { name: 'Change the approval rules of the fleet' }).click();
  const rules = page.getByRole('dialog', { name: 'Approval rules of the fleet' });
  await rules.getByRole('checkbox', { name: 'Staged rollouts' }).check();
  await rules.getByRole('button', { name: 'Save rules' }).click();
  await expect(rules).toHaveCount(0);
  await page.goto('/firmware/Nord%20GSM?role=operator');
  await planRollout(page);
  const dialog = page.getByRole('dialog', { name: 'Plan a staged rollout of Nord GSM' });
  await dialog.getByRole('textbox', { name: 'Note for the approver' }).fill('Pilot first');
  await dialog.getByRole('button', { name: 'Ask for approval' }).click();
  await expect(page.getByRole('note', { name: 'Waiting for approval' })).toBeVisible();
}

/** Fills "Add a change freeze" (opened from Change freezes), and adds it unless `keep`. */
async function addFreeze(
  page: Page,
  freeze: { name: string; scope: string; first: string; last: string; zone: string },
  keep = false,
): Promise<void> {
  await page.getByRole('button', { name: 'Add a freeze…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a change freeze' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(freeze.name);
  await dialog.getByRole('combobox', { name: 'Applies to' }).click();
  await page.getByRole('option', { name: freeze.scope }).click();
  await dialog.getByLabel('First day').fill(freeze.first);
  await dialog.getByLabel('Last day').fill(freeze.last);
  const zone = dialog.getByRole('combobox', { name: 'Time zone' });
  await zone.clear();
  await zone.fill(freeze.zone);
  await page.getByRole('option', { name: freeze.zone, exact: true }).click();
  await expect(dialog.getByText(/^Frozen: /)).toBeVisible();
  if (keep) return;
  await dialog.getByRole('button', { name: 'Add freeze' }).click();
  await expect(dialog).toBeHidden();
}

const eventFreeze = {
  name: 'Stadium event',
  scope: 'Nord GSM',
  first: '2024-11-09',
  last: '2024-11-10',
  zone: 'UTC',
};
const holidayFreeze = {
  name: 'Holiday freeze',
  scope: 'The whole fleet',
  first: '2024-12-20',
  last: '2025-01-06',
  zone: 'Europe/Berlin',
};

const shots: Shot[] = [
  {
    name: 'devices',
    path: '/devices',
    ready: async (page) => {
      await expect(
        page.getByRole('table', { name: 'Devices' }).locator('tbody').getByRole('row'),
      ).toHaveCount(20);
    },
  },
  {
    name: 'statistics',
    path: '/firmware',
    ready: async (page) => {
      await expect(page.getByRole('link', { name: 'Nord GSM', exact: true })).toBeVisible();
    },
  },
  {
    name: 'sites',
    path: '/firmware/Nord%20GSM',
    ready: async (page) => {
      await expect(page.getByRole('cell', { name: '1020', exact: true })).toBeVisible();
      // The buttons the session's features and role decide have come.
      await expect(page.getByRole('button', { name: 'Recall 5.40…' })).toBeVisible();
    },
  },
  {
    // A role limited to one customer: the app bar says whose, in full, on a phone too.
    name: 'sites-one-customer',
    path: '/firmware/Nord%20GSM?role=operator:harbour',
    ready: async (page) => {
      await expect(page.getByRole('cell', { name: '1012', exact: true })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Recall 5.40…' })).toBeVisible();
      // The bell comes with the session's features: the app bar is pictured with it.
      await expect(page.getByRole('button', { name: /^Notifications/ })).toBeVisible();
      await expect(page.getByRole('group', { name: 'Signed in' })).toContainText(
        'Harbour Retail Group',
      );
    },
  },
  {
    name: 'servers',
    path: '/servers',
    ready: async (page) => {
      await expect(page.getByRole('link', { name: 'Warehouse NVR' })).toBeVisible();
    },
  },
  {
    name: 'server',
    path: '/servers/srv-7f3a9c21',
    ready: async (page) => {
      await expect(page.getByRole('table', { name: 'Module set' })).toBeVisible();
    },
  },
  {
    name: 'scheduling-dialog',
    path: '/devices',
    ready: async (page) => {
      await page.getByRole('checkbox', { name: 'Select AXIS P3227-LV (172.26.180.2)' }).check();
      await page.getByRole('button', { name: 'Software scheduling' }).click();
      const dialog = page.getByRole('dialog', { name: 'Software scheduling (1 device)' });
      await dialog.getByRole('radio', { name: 'Set maintenance window' }).check();
      await expect(dialog.getByText(/^Next maintenance window: November 9, 2024/)).toBeVisible();
    },
  },
  {
    name: 'update-site-dialog',
    path: '/firmware/Nord%20GSM',
    ready: async (page) => {
      await page.getByRole('button', { name: 'Update using site number…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Update using site number' });
      await dialog.getByRole('textbox', { name: 'Site number' }).fill('1016');
      await dialog.getByRole('button', { name: 'Update' }).click();
      await expect(dialog.getByRole('alert')).toBeVisible();
    },
  },
  {
    name: 'hold-dialog',
    path: '/firmware/Nord%20GSM',
    ready: async (page) => {
      await selectSites(page, [1011, 1012]);
      await page.getByRole('button', { name: 'Hold sites…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Hold 2 Nord GSM sites on their version' });
      await dialog.getByRole('textbox', { name: 'Reason' }).fill('Store refit until the new year');
      await expect(dialog.getByLabel('Held until')).toHaveValue('2024-11-23');
    },
  },
  {
    name: 'sites-held',
    path: '/firmware/Nord%20GSM',
    ready: async (page) => {
      await selectSites(page, [1011, 1012]);
      await page.getByRole('button', { name: 'Hold sites…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Hold 2 Nord GSM sites on their version' });
      await dialog.getByRole('textbox', { name: 'Reason' }).fill('Store refit until the new year');
      await dialog.getByRole('button', { name: 'Hold 2 sites' }).click();
      await page.getByRole('status').getByRole('button', { name: 'Close' }).click();
      await expect(page.getByRole('status')).toHaveCount(0);
      await page.getByRole('combobox', { name: 'Update state' }).click();
      await page.getByRole('option', { name: 'Held' }).click();
      await expect(page.getByRole('button', { name: 'Release hold: site 1012' })).toBeVisible();
      await expect(
        page.getByRole('table', { name: 'Nord GSM sites' }).getByRole('row'),
      ).toHaveCount(3);
    },
  },
  {
    name: 'recall-dialog',
    path: '/firmware/Nord%20GSM',
    ready: async (page) => {
      await page.getByRole('button', { name: 'Recall 5.40…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Recall Nord GSM 5.40' });
      await expect(dialog.getByRole('listitem')).toHaveCount(4);
      await dialog.getByRole('textbox', { name: 'Reason' }).fill('Panels lose their GPRS link');
    },
  },
  {
    name: 'sites-recalled',
    path: '/firmware/Nord%20GSM',
    ready: async (page) => {
      await page.getByRole('button', { name: 'Recall 5.40…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Recall Nord GSM 5.40' });
      await dialog.getByRole('textbox', { name: 'Reason' }).fill('Panels lose their GPRS link');
      await dialog.getByRole('button', { name: 'Recall 5.40' }).click();
      await page.getByRole('status').getByRole('button', { name: 'Close' }).click();
      await expect(page.getByRole('status')).toHaveCount(0);
      await expect(page.getByRole('note', { name: 'Recalled versions' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Recall 5.36…' })).toBeVisible();
    },
  },
  {
    name: 'update-all-dialog',
    path: '/firmware/Nord%20GSM',
    ready: async (page) => {
      await page.getByRole('button', { name: 'Update software at all sites' }).click();
      await expect(page.getByRole('dialog')).toContainText('will be queued');
    },
  },
  {
    name: 'start-upgrade-dialog',
    path: '/servers/srv-7f3a9c21',
    ready: async (page) => {
      await page.getByRole('combobox', { name: 'Target version of banalytics-core' }).click();
      await page.getByRole('option', { name: '2.5.0', exact: true }).click();
      await page.getByRole('button', { name: 'Save target versions' }).click();
      await expect(page.getByRole('button', { name: 'Save target versions' })).toBeDisabled();
      // The confirmation goes by itself after a while: close it, so no picture depends on when.
      await page.getByRole('status').getByRole('button', { name: 'Close' }).click();
      await expect(page.getByRole('status')).toHaveCount(0);
      await page.getByRole('button', { name: 'Start upgrade' }).click();
      await expect(page.getByRole('dialog', { name: /^Start upgrade on/ })).toBeVisible();
    },
  },
  {
    name: 'plan-rollout-dialog',
    path: '/firmware/Nord%20GSM',
    ready: planRollout,
    mask: forecasts,
  },
  {
    name: 'approvals',
    path: '/approvals',
    ready: async (page) => {
      await askForRollout(page);
      await page.goto('/approvals?role=administrator');
      await expect(page.getByRole('article')).toContainText('5 Nord GSM sites to 5.40, in 2 waves');
    },
    mask: (page) => [...forecasts(page), page.getByText(/^Asked by/)],
  },
  {
    name: 'deny-dialog',
    path: '/approvals',
    ready: async (page) => {
      await askForRollout(page);
      await page.goto('/approvals?role=administrator');
      await page.getByRole('article').getByRole('button', { name: 'Deny…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Deny staged rollout of Nord GSM to 5.40?' });
      await dialog.getByRole('button', { name: 'Deny' }).click();
      await expect(dialog.getByText('Say why the change is denied')).toBeVisible();
    },
    mask: (page) => [...forecasts(page), page.getByText(/^Asked by/)],
  },
  {
    name: 'notifications',
    path: '/devices',
    ready: async (page) => {
      await askForRollout(page);
      await page.goto('/devices?role=administrator');
      await page.getByRole('button', { name: 'Notifications, 1 unread' }).click();
      await expect(page.getByRole('dialog', { name: 'Notifications' })).toContainText(
        'Waiting for your approval',
      );
    },
  },
  {
    name: 'approval-rules-dialog',
    path: '/approvals?role=administrator',
    ready: async (page) => {
      await page.getByRole('button', { name: 'Change the approval rules of Nord GSM' }).click();
      const dialog = page.getByRole('dialog', { name: 'Approval rules of Nord GSM' });
      await dialog.getByRole('radio', { name: 'Nord GSM’s own rules' }).check();
      await dialog.getByRole('checkbox', { name: '“Update software at all sites”' }).check();
      await dialog.getByRole('textbox', { name: 'Any change of more than (sites)' }).fill('50');
      await expect(
        dialog.getByRole('textbox', { name: 'Any change of more than (sites)' }),
      ).toHaveValue('50');
    },
  },
  {
    name: 'freezes',
    path: '/freezes?role=administrator',
    ready: async (page) => {
      await addFreeze(page, eventFreeze);
      await addFreeze(page, holidayFreeze);
      await expect(page.getByRole('article')).toHaveCount(2);
    },
  },
  {
    name: 'freeze-dialog',
    path: '/freezes?role=administrator',
    ready: (page) => addFreeze(page, holidayFreeze, true),
  },
  {
    // An administrator starts "Update all sites" inside a freeze, with a written reason.
    name: 'update-all-frozen',
    path: '/freezes?role=administrator',
    ready: async (page) => {
      await addFreeze(page, eventFreeze);
      await page.goto('/firmware/Nord%20GSM');
      await page.getByRole('button', { name: 'Update software at all sites' }).click();
      const dialog = page.getByRole('dialog', { name: 'Update software at all sites' });
      await dialog
        .getByRole('textbox', { name: 'Reason to start inside the freeze' })
        .fill('The vendor’s security fix cannot wait for Monday.');
      await expect(
        dialog.getByRole('button', { name: 'Update all sites inside the freeze' }),
      ).toBeEnabled();
    },
  },
  {
    name: 'rollout',
    path: '/firmware/Nord%20GSM',
    ready: async (page) => {
      await planRollout(page);
      await page.getByRole('button', { name: 'Start rollout' }).click();
      await expect(page.getByRole('region', { name: 'Wave 2' })).toContainText(
        'Wave 2 starts when 95 % of wave 1 has installed: 0 of 2 so far.',
      );
    },
    mask: forecasts,
  },
];

for (const size of sizes) {
  for (const scheme of ['light', 'dark'] as const) {
    test.describe(`Pictures, ${size.name}, ${scheme}`, () => {
      test.use({
        viewport: size.viewport,
        colorScheme: scheme,
        locale: 'en-US',
        timezoneId: 'UTC',
      });

      for (const shot of shots) {
        test(shot.name, async ({ page }) => {
          await page.clock.install({ time: AT });
          await page.goto(shot.path);
          await shot.ready(page);
          // A click may have scrolled the page underneath a dialog; pictures start at the top.
          await page.evaluate(() => window.scrollTo(0, 0));
          await settled(page);
          await expect(page).toHaveScreenshot(`${shot.name}-${size.name}-${scheme}.png`, {
            animations: 'disabled',
            caret: 'hide',
            ...(shot.mask ? { mask: shot.mask(page) } : {}),
            // Anti-aliasing may differ by a few pixels between runs; a layout change does not.
            // A count, not a share of the picture: 0.05 % of a desktop picture (648 pixels) once
            // let a whole new button through unseen.
            maxDiffPixels: 50,
          });
        });
      }
    });
  }
}
