import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { currentFleet, resetFleet } from '../../../mocks/node';
import { DEFAULT_RULES, type Rollout, type RolloutWave } from '@/api/rollouts';
import { timeDisplay } from '@/lib/time-display';
import { renderAt, renderRoute } from '@/test/render';
import { usable } from '@/test/usable';
import { SiteTypePage } from '@/features/sites/SiteTypePage';
import { RolloutPage } from './RolloutPage';
import { WaveCard } from './WaveCard';

const routes = [
  { path: '/firmware/:deviceType', element: <SiteTypePage /> },
  { path: '/firmware/:deviceType/rollouts/:rolloutId', element: <RolloutPage /> },
];

function startDemoRollout(): Rollout {
  return currentFleet().rollouts.start('Nord GSM', {
    requestId: 'rollout-test-1',
    selection: { exclude: [] },
    plan: { pilot: { kind: 'sites', sites: [1011, 1012] }, waves: [] },
    rules: DEFAULT_RULES,
  });
}

describe('Plan a staged rollout', () => {
  it('previews the waves as the form changes, refuses what cannot run, and opens the started rollout', async () => {
    const user = userEvent.setup();
    const view = renderRoute(routes, '/firmware/Nord%20GSM');
    await user.click(await usable('Plan a staged rollout…'));
    const dialog = await screen.findByRole('dialog', { name: 'Plan a staged rollout of Nord GSM' });
    const preview = await within(dialog).findByRole('region', { name: 'What the rollout will do' });
    expect(preview).toHaveTextContent('5 Nord GSM sites to 5.40, in 2 waves');
    expect(preview).toHaveTextContent('Pilot: 2 sites (1011, 1012)');
    expect(preview).toHaveTextContent('Wave 2: 3 sites (1013, 1014, 1015)');
    expect(preview).toHaveTextContent(
      'Left out, already updating: 4 sites (1017, 1018, 1019, 1020)',
    );

    // A wave of 0 % says what to enter instead.
    const percent = within(dialog).getByRole('textbox', { name: 'Percent' });
    await user.clear(percent);
    await user.type(percent, '0');
    await user.click(within(dialog).getByRole('button', { name: 'Start rollout' }));
    expect(await within(dialog).findByText('Enter a percentage from 1 to 100.')).toBeVisible();

    // Named pilot sites outside the selection: the fleet's words, before anything starts.
    await user.clear(percent);
    await user.type(percent, '50');
    await user.click(within(dialog).getByRole('combobox', { name: 'Pilot wave' }));
    await user.click(await screen.findByRole('option', { name: 'Named sites' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Pilot site numbers' }), '1017');
    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      'Pilot site 1017 is not among the sites this rollout can queue.',
    );

    const pilot = within(dialog).getByRole('textbox', { name: 'Pilot site numbers' });
    await user.clear(pilot);
    await user.type(pilot, '1014');
    await waitFor(() =>
      expect(
        within(dialog).getByRole('region', { name: 'What the rollout will do' }),
      ).toHaveTextContent('Pilot: 1 site (1014)'),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Start rollout' }));
    expect(
      await screen.findByRole('heading', { name: 'Rollout 1 of Nord GSM to 5.40', level: 1 }),
    ).toBeVisible();
    expect(view.location().pathname).toBe('/firmware/Nord%20GSM/rollouts/1');
    expect(currentFleet().rollouts.get('Nord GSM', '1').waves[0]?.firstSites).toEqual([1014]);
  });

  it('keeps "Update software at all sites" from undoing a rollout in progress', async () => {
    startDemoRollout();
    const user = userEvent.setup();
    renderRoute(routes, '/firmware/Nord%20GSM');
    await user.click(await usable('Update software at all sites'));
    const dialog = await screen.findByRole('dialog', { name: 'Update software at all sites' });
    expect(await within(dialog).findByRole('note')).toHaveTextContent(
      'Rollout 1 of Nord GSM is in progress: it queues its sites wave by wave.',
    );
    expect(within(dialog).getByRole('link', { name: 'Open rollout 1' })).toHaveAttribute(
      'href',
      '/firmware/Nord%20GSM/rollouts/1',
    );
    expect(within(dialog).getByRole('button', { name: 'Update all sites' })).toBeDisabled();
  });

  it('says which rollout is still in progress when another is started', async () => {
    startDemoRollout();
    const user = userEvent.setup();
    renderRoute(routes, '/firmware/Nord%20GSM');
    const nav = await screen.findByRole('navigation', { name: 'Staged rollouts' });
    expect(nav).toHaveTextContent(
      'Rollout 1 Running: 1 of 2 waves started, 0 of 5 sites installed',
    );
    await user.click(await usable('Plan a staged rollout…'));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('radio', { name: /The sites matching/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Start rollout' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The rollout did not start. Rollout 1 of Nord GSM is running. Halt it, or let it finish, before starting another.',
    );
  });
});

describe('The rollout page', () => {
  it('pauses, resumes and halts, saying what halting does first', async () => {
    const { id } = startDemoRollout();
    const user = userEvent.setup();
    renderRoute(routes, `/firmware/Nord%20GSM/rollouts/${id}`);
    const pilot = await screen.findByRole('region', { name: 'Wave 1 (pilot)' });
    expect(within(pilot).getByRole('img')).toHaveAccessibleName(
      'Wave 1 (pilot): 2 queued, of 2 sites',
    );
    expect(screen.getByRole('region', { name: 'Forecast' })).toHaveTextContent(
      /^Expected to finish .+ – .+\./,
    );

    await user.click(await usable('Pause'));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Rollout 1 is paused: the started waves go on, no wave starts.',
    );
    await user.click(await usable('Resume'));
    await user.click(await usable('Halt…'));
    const confirm = await screen.findByRole('dialog', { name: 'Halt rollout 1?' });
    expect(confirm).toHaveTextContent('they install');
    await user.click(within(confirm).getByRole('button', { name: 'Halt rollout' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(
      await screen.findByText(/^Halted by Ada Novak: 2 updates not yet downloaded cancelled/),
    ).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Resume' })).not.toBeInTheDocument();
    expect(within(pilot).getByRole('img')).toHaveAccessibleName(
      'Wave 1 (pilot): 2 cancelled, of 2 sites',
    );
  });

  it('plans the way back from a halted rollout, and links the two', async () => {
    let time = Date.UTC(2024, 10, 8, 9, 0);
    const fleet = resetFleet('demo', () => time);
    const { id } = fleet.rollouts.start('Nord GSM', {
      requestId: 'rollout-test-1',
      selection: { exclude: [] },
      plan: { pilot: { kind: 'sites', sites: [1011] }, waves: [{ kind: 'percent', percent: 50 }] },
      rules: { ...DEFAULT_RULES, soakMinutes: 600 },
    });
    time += 2 * 60 * 60_000;
    fleet.rollouts.step('Nord GSM', id, 'halt');
    const user = userEvent.setup();
    renderRoute(routes, `/firmware/Nord%20GSM/rollouts/${id}`);
    await user.click(await usable('Plan the way back…'));
    const dialog = await screen.findByRole('dialog', { name: 'Roll back rollout 1' });
    const preview = await within(dialog).findByRole('region', { name: 'What the rollout will do' });
    // 1011 was on 5.36 before rollout 1 installed 5.40.
    expect(preview).toHaveTextContent('1 Nord GSM site to 5.36, in 1 wave');
    expect(preview).toHaveTextContent('Pilot: 1 site (1011)');
    await user.click(within(dialog).getByRole('button', { name: 'Start rollback' }));

    expect(
      await screen.findByRole('heading', { name: 'Rollout 2 of Nord GSM to 5.36' }),
    ).toBeVisible();
    expect(screen.getByRole('note')).toHaveTextContent(
      'Rolls back rollout 1: its sites go back to the versions they had before it.',
    );
    await user.click(within(screen.getByRole('note')).getByRole('link', { name: 'rollout 1' }));
    expect(
      await screen.findByRole('heading', { name: 'Rollout 1 of Nord GSM to 5.40' }),
    ).toBeVisible();
    expect(await screen.findByRole('note')).toHaveTextContent('Rolled back by rollout 2.');
    expect(screen.queryByRole('button', { name: 'Plan the way back…' })).not.toBeInTheDocument();
  });

  it('starts the next wave now when its rule cannot be met', async () => {
    const { id } = startDemoRollout();
    const user = userEvent.setup();
    renderRoute(routes, `/firmware/Nord%20GSM/rollouts/${id}`);
    const second = await screen.findByRole('region', { name: 'Wave 2' });
    expect(second).toHaveTextContent('Wave 2 starts when 95 % of wave 1 has installed');
    await user.click(await usable('Start wave 2 now', second));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Wave 2 has started, without waiting for its rule.',
    );
    await waitFor(() => expect(second).toHaveTextContent('Running · 3 sites'));
    expect(within(second).queryByRole('button', { name: 'Start wave 2 now' })).toBeNull();
  });

  it('lists a wave’s sites in the site list, and all of them again', async () => {
    const { id } = startDemoRollout();
    const user = userEvent.setup();
    const view = renderRoute(routes, `/firmware/Nord%20GSM/rollouts/${id}`);
    const second = await screen.findByRole('region', { name: 'Wave 2' });
    await user.click(within(second).getByRole('link', { name: 'Show the sites of wave 2' }));
    expect(await screen.findByRole('note')).toHaveTextContent(
      'Showing the sites of wave 2 of rollout 1.',
    );
    const table = await screen.findByRole('table', { name: 'Nord GSM sites' });
    await waitFor(() =>
      expect(
        within(table)
          .getAllByRole('row')
          .slice(1)
          .map((row) => within(row).getAllByRole('cell')[0]?.textContent),
      ).toEqual(['1013', '1014', '1015']),
    );
    await user.click(screen.getByRole('button', { name: 'Show all sites' }));
    await waitFor(() => expect(view.location().search).toBe(''));
  });

  it('shows a viewer the steps with the reason they are not theirs', async () => {
    resetFleet('demo', undefined, { role: 'viewer' });
    startDemoRollout();
    renderRoute(routes, '/firmware/Nord%20GSM/rollouts/1');
    const pause = await screen.findByRole('button', { name: 'Pause' });
    await waitFor(() => expect(pause).toHaveAttribute('aria-disabled', 'true'));
    expect(pause).toHaveAccessibleDescription('Your role, Viewer, cannot update sites.');
    expect(screen.getByRole('button', { name: 'Halt…' })).toHaveAccessibleDescription(
      'Your role, Viewer, cannot cancel site updates.',
    );
  });

  it('says a rollout that does not exist, with the way back', async () => {
    renderRoute(routes, '/firmware/Nord%20GSM/rollouts/9');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'There is no rollout 9 of Nord GSM. Open the list of its rollouts on the Nord GSM page.',
    );
    expect(screen.getByRole('link', { name: 'Nord GSM' })).toHaveAttribute(
      'href',
      '/firmware/Nord%20GSM',
    );
  });
});

describe('A wave', () => {
  const wave: RolloutWave = {
    number: 2,
    status: 'running',
    sites: 20,
    firstSites: [],
    startedAt: '2024-11-08T09:00:00.000Z',
    counts: {
      planned: 0,
      queued: 0,
      running: 0,
      waitingForConnection: 0,
      waitingForDisarm: 2,
      installed: 15,
      failed: 3,
      cancelled: 0,
    },
    waiting: null,
    failures: [
      {
        site: 1013,
        at: '2024-11-08T10:00:00.000Z',
        code: 'integrity',
        reason: 'The integrity check failed: a checksum did not match.',
      },
      {
        site: 1015,
        at: '2024-11-08T10:10:00.000Z',
        code: 'integrity',
        reason: 'The integrity check failed: a checksum did not match.',
      },
      {
        site: 1014,
        at: '2024-11-08T10:05:00.000Z',
        code: 'board-revision',
        reason: 'The firmware 5.40 is not compatible with board revision A of this Nord GSM.',
      },
    ],
    failureRuleAccepted: false,
    finish: null,
  };

  it('lists its failures with their reasons and retries them', async () => {
    const user = userEvent.setup();
    const retried: number[] = [];
    renderAt(
      <WaveCard
        wave={wave}
        display={timeDisplay('utc')}
        onRetry={(number) => retried.push(number)}
        retrying={false}
      />,
      '/',
    );
    const card = await screen.findByRole('region', { name: 'Wave 2' });
    expect(within(card).getByRole('img')).toHaveAccessibleName(
      'Wave 2: 15 installed, 2 waiting for a disarmed partition, 3 failed, of 20 sites',
    );
    expect(
      within(card)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'The integrity check failed: a checksum did not match.2 sites: 1013, 1015; the last November 8, 2024, 10:10 AM UTC',
      'The firmware 5.40 is not compatible with board revision A of this Nord GSM.Site 1014, November 8, 2024, 10:05 AM UTC',
    ]);
    expect(card).toHaveTextContent(
      'A retry leaves out the sites that failed the compatibility check',
    );
    await user.click(await usable('Retry the failed sites of wave 2', card));
    expect(retried).toEqual([2]);
  });
});
