import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Staged rollouts, walked by the clock: the built-in fleet runs them by the same time-driven
 * rules as single updates, so `page.clock` moves every wave. The sites named here are the
 * large scenario's, whose timings are fixed by their seeds (Ethernet sites install within
 * minutes, GPRS sites within hours).
 */

const START = new Date('2024-11-09T06:00:00Z');

interface Plan {
  /** The site list's search, which the rollout takes as its selection. */
  search?: string;
  pilot: { sites: string } | { count: string };
  /** Wave 2's percentage (a last wave takes the rest). */
  percent: string;
  success: string;
  soak: string;
  failurePercent?: string;
  failureCount?: string;
  minFinished?: string;
}

async function field(dialog: Locator, name: string, value: string): Promise<void> {
  const box = dialog.getByRole('textbox', { name, exact: true });
  await box.fill(value);
}

/** Opens the large fleet's Nord GSM page (with a search), plans a rollout and starts it. */
async function startRollout(page: Page, plan: Plan): Promise<void> {
  await page.clock.install({ time: START });
  const search = plan.search ? `&q=${plan.search}` : '';
  await page.goto(`/firmware/Nord%20GSM?scenario=large${search}`);
  await expect(page.getByRole('table', { name: 'Nord GSM sites' })).toBeVisible({
    timeout: 30_000,
  });
  await page.getByRole('button', { name: 'Plan a staged rollout…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Plan a staged rollout of Nord GSM' });
  if (plan.search) {
    await dialog.getByRole('radio', { name: /The sites matching the list/ }).check();
  }
  if ('sites' in plan.pilot) {
    await dialog.getByRole('combobox', { name: 'Pilot wave' }).click();
    await page.getByRole('option', { name: 'Named sites' }).click();
    await field(dialog, 'Pilot site numbers', plan.pilot.sites);
  } else {
    await field(dialog, 'Pilot sites', plan.pilot.count);
  }
  await field(dialog, 'Percent', plan.percent);
  await field(dialog, 'Next wave at (% installed)', plan.success);
  await field(dialog, 'Then soak (minutes)', plan.soak);
  await field(dialog, 'Halt above (% failed)', plan.failurePercent ?? '');
  await field(dialog, 'Halt at (sites failed)', plan.failureCount ?? '');
  await field(dialog, 'Once finished (sites)', plan.minFinished ?? '5');
  await expect(dialog.getByRole('region', { name: 'What the rollout will do' })).toContainText(
    /in 3 waves/,
  );
  await dialog.getByRole('button', { name: 'Start rollout' }).click();
  await expect(page.getByRole('heading', { name: 'Rollout 1 of Nord GSM to 5.40' })).toBeVisible();
}

/** "1010": eleven sites can be queued; the pilot, 101028 and 101043, is on Ethernet. */
const ETHERNET_PILOT: Plan = {
  search: '1010',
  pilot: { sites: '101028, 101043' },
  percent: '50',
  success: '100',
  soak: '10',
};

const wave = (page: Page, name: string) => page.getByRole('region', { name });
const bar = (page: Page, name: string) => wave(page, name).getByRole('img');

test.describe('Staged rollouts', () => {
  test('a pilot of 2 sites, then 50 %, then the rest, each wave started by the rules', async ({
    page,
  }) => {
    await startRollout(page, ETHERNET_PILOT);
    await expect(wave(page, 'Wave 1 (pilot)')).toContainText('Running · 2 sites');
    await expect(wave(page, 'Wave 2')).toContainText(
      'Wave 2 starts when 100 % of wave 1 has installed: 0 of 2 so far.',
    );
    await expect(page.getByRole('region', { name: 'Forecast' })).toContainText(
      'Expected to finish Nov 9',
    );

    await page.clock.fastForward('00:07:00');
    await expect(bar(page, 'Wave 1 (pilot)')).toHaveAccessibleName(
      'Wave 1 (pilot): 2 installed, of 2 sites',
    );
    await expect(wave(page, 'Wave 2')).toContainText('Wave 2 starts after a 10 min soak');

    await page.clock.fastForward('00:10:00');
    await expect(wave(page, 'Wave 2')).toContainText('Running · 6 sites');
    await expect(wave(page, 'Wave 3')).toContainText('Not started · 3 sites');

    await page.clock.fastForward('05:00:00');
    await expect(bar(page, 'Wave 2')).toHaveAccessibleName('Wave 2: 6 installed, of 6 sites');
    await page.clock.fastForward('00:15:00');
    // Its two Ethernet sites install in minutes; a GPRS download may be between parts.
    await expect(bar(page, 'Wave 3')).toHaveAccessibleName(
      /^Wave 3: 2 installed, 1 (queued|downloading or installing|waiting for a connection), of 3 sites$/,
    );
    // 101078 downloads over GPRS for about three hours, then waits for a disarm.
    await page.clock.fastForward('04:00:00');
    await expect(bar(page, 'Wave 3')).toHaveAccessibleName(
      'Wave 3: 2 installed, 1 waiting for a disarmed partition, of 3 sites',
    );
    // A site waiting for a disarm is not finished: the rollout runs on, and says so.
    await expect(page.getByText('Running', { exact: true })).toBeVisible();
  });

  test('a halted rollout is rolled back by a new one, and the two link to each other', async ({
    page,
  }) => {
    await startRollout(page, ETHERNET_PILOT);
    await page.clock.fastForward('00:07:00');
    await expect(bar(page, 'Wave 1 (pilot)')).toHaveAccessibleName(
      'Wave 1 (pilot): 2 installed, of 2 sites',
    );
    await page.getByRole('button', { name: 'Halt…' }).click();
    await page
      .getByRole('dialog', { name: 'Halt rollout 1?' })
      .getByRole('button', { name: 'Halt rollout' })
      .click();
    await page.getByRole('button', { name: 'Plan the way back…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Roll back rollout 1' });
    // The two pilot sites it installed, each back to the version it had, by the same plan.
    await expect(dialog.getByRole('region', { name: 'What the rollout will do' })).toContainText(
      /^2 Nord GSM sites to 5\.3\d/,
    );
    await expect(dialog.getByRole('listitem')).toHaveText([/^Pilot: 2 sites \(101028, 101043\)/]);
    await dialog.getByRole('button', { name: 'Start rollback' }).click();

    await expect(
      page.getByRole('heading', { name: /^Rollout 2 of Nord GSM to 5\.3/ }),
    ).toBeVisible();
    await expect(page.getByRole('note')).toHaveText(
      'Rolls back rollout 1: its sites go back to the versions they had before it.',
    );
    await page.clock.fastForward('00:10:00');
    await expect(bar(page, 'Wave 1 (pilot)')).toHaveAccessibleName(
      'Wave 1 (pilot): 2 installed, of 2 sites',
    );
    await page.getByRole('note').getByRole('link', { name: 'rollout 1' }).click();
    await expect(page.getByRole('note')).toHaveText('Rolled back by rollout 2.');
    await expect(page.getByRole('button', { name: 'Plan the way back…' })).toHaveCount(0);
  });

  test('the failure rule halts a wave; its failed sites are retried and the rollout resumed', async ({
    page,
  }) => {
    await startRollout(page, {
      pilot: { count: '2' },
      percent: '50',
      success: '50',
      soak: '0',
      failureCount: '3',
      minFinished: '5',
    });
    await page.clock.fastForward('00:30:00');
    const halted = page.getByRole('alert').filter({ hasText: 'Wave 2 halted the rollout' });
    await expect(halted).toContainText('of its sites failed (the limit is 3).');
    await expect(page.getByText('Halted by its failure rule', { exact: true })).toBeVisible();
    const second = wave(page, 'Wave 2');
    await expect(second.getByRole('listitem').first()).toContainText('The integrity check failed');
    await expect(wave(page, 'Wave 3')).toContainText(
      'Wave 3 starts when the rollout is resumed, after its failure rule halted it.',
    );

    await second.getByRole('button', { name: 'Retry the failed sites of wave 2' }).click();
    await expect(page.getByRole('status')).toHaveText(
      'The failed sites of wave 2 are queued again.',
    );
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect(page.getByText('Running', { exact: true })).toBeVisible();
    await expect(second).toContainText('the rule no longer applies to it');
    await page.clock.fastForward('04:00:00');
    await expect(wave(page, 'Wave 3')).toContainText('Running');
  });

  test('an operator halts: downloads are cancelled, a site past its download installs', async ({
    page,
  }) => {
    // 100311 is on Ethernet with its partition armed: downloaded in minutes, it waits for a
    // disarm. 100301 downloads over GPRS for hours.
    await startRollout(page, {
      search: '1003',
      pilot: { sites: '100301, 100311' },
      percent: '50',
      success: '95',
      soak: '30',
    });
    await page.clock.fastForward('00:10:00');
    await expect(bar(page, 'Wave 1 (pilot)')).toHaveAccessibleName(
      /1 waiting for a disarmed partition/,
    );
    await page.getByRole('button', { name: 'Halt…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Halt rollout 1?' });
    await expect(confirm).toContainText('past the point of no return: they install');
    await confirm.getByRole('button', { name: 'Halt rollout' }).click();
    await expect(page.getByRole('alert')).toContainText(
      'Halted by Ada Novak: 1 update not yet downloaded cancelled; 1 site past the download will install; 13 sites of later waves released.',
    );
    await expect(bar(page, 'Wave 1 (pilot)')).toHaveAccessibleName(
      'Wave 1 (pilot): 1 waiting for a disarmed partition, 1 cancelled, of 2 sites',
    );
    await expect(wave(page, 'Wave 2')).toContainText('Released: never started');
    await expect(page.getByRole('button', { name: 'Resume' })).toHaveCount(0);

    // The site list agrees: the cancelled site is red, the downloaded one still updating.
    await wave(page, 'Wave 1 (pilot)')
      .getByRole('link', { name: 'Show the sites of wave 1' })
      .click();
    await expect(page.getByRole('note')).toHaveText(
      'Showing the sites of wave 1 of rollout 1. Show all sites',
    );
    const sites = page.getByRole('table', { name: 'Nord GSM sites' });
    await expect(
      sites
        .getByRole('row')
        .filter({ has: page.getByRole('cell', { name: '100301', exact: true }) }),
    ).toContainText('No update planned');
    await expect(
      sites
        .getByRole('row')
        .filter({ has: page.getByRole('cell', { name: '100311', exact: true }) }),
    ).toContainText('Waiting for a disarmed partition');
  });
});
