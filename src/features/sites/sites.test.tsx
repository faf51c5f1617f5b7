import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { resetFleet, server, testApiRoot } from '../../../mocks/node';
import type { Session } from '@/api/session';
import { renderRoute } from '@/test/render';
import { SiteTypePage } from './SiteTypePage';
import { StatisticsPage } from './StatisticsPage';

const routes = [
  { path: '/firmware', element: <StatisticsPage /> },
  { path: '/firmware/:deviceType', element: <SiteTypePage /> },
];

/** A row's cells but its check box's (where sites are being selected). */
function dataCells(row: HTMLElement): HTMLElement[] {
  return within(row)
    .queryAllByRole('cell')
    .filter((cell) => within(cell).queryByRole('checkbox') === null);
}

function rowOf(table: HTMLElement, firstCell: string): HTMLElement {
  const row = within(table)
    .getAllByRole('row')
    .find((candidate) => dataCells(candidate)[0]?.textContent === firstCell);
  if (!row) throw new Error(`No row starts with ${firstCell}`);
  return row;
}

/** The site numbers the table shows, in order. */
function siteNumbers(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => cellsOf(row)[0] ?? '');
}

function cellsOf(row: HTMLElement): string[] {
  return dataCells(row).map((cell) => cell.textContent ?? '');
}

async function openTypePage() {
  const user = userEvent.setup();
  const view = renderRoute(routes, '/firmware/Nord%20GSM');
  const table = await screen.findByRole('table', { name: 'Nord GSM sites' });
  return { user, view, table };
}

describe('Site software update statistics', () => {
  it('show the Nord GSM example’s numbers with the column names and a picture', async () => {
    renderRoute(routes, '/firmware');
    const table = await screen.findByRole('table', { name: 'Software versions by device type' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((header) => header.textContent);
    expect(headers.slice(0, 6)).toEqual([
      'Device type',
      'Devices',
      'Current version',
      'No update planned',
      'Updating',
      'On current version',
    ]);
    const nord = await waitFor(() => rowOf(table, 'Nord GSM'));
    expect(cellsOf(nord).slice(0, 6)).toEqual(['Nord GSM', '20', '5.40', '6', '4', '10']);
    expect(within(nord).getByRole('link', { name: 'Nord GSM' })).toHaveAttribute(
      'href',
      '/firmware/Nord%20GSM',
    );
    expect(
      within(nord).getByRole('img', {
        name: 'Nord GSM: 6 no update planned, 4 updating, 10 on current version, of 20',
      }),
    ).toBeInTheDocument();
  });
});

describe('The statistics table', () => {
  it('sorts in the browser when a column header is clicked', async () => {
    const user = userEvent.setup();
    renderRoute(routes, '/firmware');
    const table = await screen.findByRole('table', { name: 'Software versions by device type' });
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBeGreaterThan(2));
    const types = () =>
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((row) => cellsOf(row)[0] ?? '');
    const original = types();
    const header = within(table).getByRole('columnheader', { name: 'Device type' });
    expect(header).toHaveAttribute('aria-sort', 'none');
    await user.click(within(header).getByRole('button', { name: 'Device type' }));
    expect(header).toHaveAttribute('aria-sort', 'ascending');
    expect(types()).toEqual([...original].sort((a, b) => a.localeCompare(b)));
    await user.click(within(header).getByRole('button', { name: 'Device type' }));
    expect(header).toHaveAttribute('aria-sort', 'descending');
    expect(types()).toEqual([...original].sort((a, b) => b.localeCompare(a)));
  });
});

describe('A device type’s sites', () => {
  it('lists the sites with their update state and download progress', async () => {
    const { table } = await openTypePage();
    const downloading = rowOf(table, '1017');
    expect(within(downloading).getByText('Downloading')).toBeInTheDocument();
    expect(
      within(downloading).getByRole('progressbar', { name: 'Download of site 1017' }),
    ).toHaveAttribute('aria-valuetext', '144 KB of 360 KB, part 9 of 23');
    expect(
      within(rowOf(table, '1018')).getByText('Waiting for a disarmed partition'),
    ).toBeVisible();
    expect(within(rowOf(table, '1019')).getByText('Queued')).toBeVisible();
    expect(within(rowOf(table, '1020')).getByText('Waiting for connection')).toBeVisible();
    expect(within(rowOf(table, '1015')).getByText(/integrity check failed/)).toBeVisible();
  });

  it('sorts on the server when a column header is clicked, in the URL and with aria-sort', async () => {
    const { user, view, table } = await openTypePage();
    const firstColumn = () =>
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((row) => cellsOf(row)[0]);
    const number = within(table).getByRole('columnheader', { name: 'Site number' });
    expect(number).toHaveAttribute('aria-sort', 'ascending');
    await user.click(within(number).getByRole('button', { name: 'Site number' }));
    await waitFor(() => expect(view.location().search).toBe('?order=desc'));
    await waitFor(() => expect(firstColumn()[0]).toBe('1020'));
    expect(number).toHaveAttribute('aria-sort', 'descending');

    const state = within(table).getByRole('columnheader', { name: 'Update state' });
    await user.click(within(state).getByRole('button', { name: 'Update state' }));
    await waitFor(() => expect(view.location().search).toBe('?sort=state'));
    // No update planned first (1011–1016, by number), then the updating sites, queued first.
    await waitFor(() =>
      expect(firstColumn().slice(0, 7)).toEqual([
        '1011',
        '1012',
        '1013',
        '1014',
        '1015',
        '1016',
        '1019',
      ]),
    );
    expect(state).toHaveAttribute('aria-sort', 'ascending');
    expect(number).toHaveAttribute('aria-sort', 'none');
    // Columns the server cannot sort by are plain headers.
    expect(
      within(within(table).getByRole('columnheader', { name: 'Partitions' })).queryByRole('button'),
    ).toBeNull();
  });

  it('shows a held site as held, with until when and why, outside the red count', async () => {
    const fleet = resetFleet('demo');
    const red = fleet
      .listSites('Nord GSM', {
        page: 1,
        pageSize: 100,
        sort: 'number',
        order: 'asc',
        state: 'no-update',
      })
      .items.map((site) => site.number);
    const [held] = red;
    // Noon UTC, 40 days on: the same date in every zone the suite runs in.
    const soon = new Date(Date.now() + 40 * 86_400_000);
    const until = new Date(
      Date.UTC(soon.getUTCFullYear(), soon.getUTCMonth(), soon.getUTCDate(), 12),
    );
    const day = until.toLocaleDateString('en-US', {
      month: 'long',
      day: 'numeric',
      year: 'numeric',
      timeZone: 'UTC',
    });
    fleet.holdSites('Nord GSM', {
      selection: { mode: 'numbers', numbers: [held ?? 0] },
      reason: 'Store renovation',
      until: until.toISOString(),
      requestId: 'hold-ui-0001',
    });
    const { table } = await openTypePage();
    const row = rowOf(table, String(held));
    expect(row).toHaveTextContent(`HeldHeld until ${day}: Store renovation`);
    expect(screen.getByText(`${red.length - 1} no update planned`)).toBeVisible();
    expect(screen.getByText('1 held')).toBeVisible();
    expect(screen.getByRole('img', { name: /no update planned, 1 held, / })).toBeVisible();
  });

  it('holds checked sites with a reason until a day, and releases one from its row', async () => {
    const { user, table } = await openTypePage();
    // The table keeps its columns until the operator asks to select sites.
    expect(within(table).queryAllByRole('checkbox')).toHaveLength(0);
    const toolbar = screen.getByRole('toolbar', { name: 'Selected sites' });
    await user.click(within(toolbar).getByRole('button', { name: 'Select sites' }));
    expect(within(toolbar).getByRole('button', { name: 'Select sites' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await user.click(within(table).getByRole('checkbox', { name: 'Select site 1011' }));
    await user.click(within(table).getByRole('checkbox', { name: 'Select site 1012' }));
    expect(within(toolbar).getByText('2 sites selected')).toBeVisible();
    await user.click(within(toolbar).getByRole('button', { name: 'Hold sites…' }));

    const dialog = await screen.findByRole('dialog', {
      name: 'Hold 2 Nord GSM sites on their version',
    });
    const until = within(dialog).getByLabelText('Held until');
    // Two weeks from today unless changed.
    const twoWeeks = new Date(Date.now() + 14 * 86_400_000).toLocaleDateString('en-CA');
    expect(until).toHaveValue(twoWeeks);
    await user.click(within(dialog).getByRole('button', { name: 'Hold 2 sites' }));
    expect(
      await within(dialog).findByText('Say why the sites are held, for whoever finds them held.'),
    ).toBeVisible();
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Store refit');
    await user.clear(until);
    await user.type(until, '2020-01-01');
    await user.click(within(dialog).getByRole('button', { name: 'Hold 2 sites' }));
    expect(
      await within(dialog).findByText(/^Choose a day from tomorrow to \d{4}-\d{2}-\d{2}\.$/),
    ).toBeVisible();
    await user.clear(until);
    await user.type(until, twoWeeks);
    await user.click(within(dialog).getByRole('button', { name: 'Hold 2 sites' }));

    expect(await screen.findByRole('status')).toHaveTextContent(
      /^Held 2 sites on their version until /,
    );
    await waitFor(() =>
      expect(rowOf(table, '1011')).toHaveTextContent(/Held until .*: Store refit/),
    );
    expect(rowOf(table, '1012')).toHaveTextContent(/Held until .*: Store refit/);
    // The hold ended the selection it acted on.
    expect(within(toolbar).getByText('No sites selected')).toBeVisible();
    expect(await screen.findByText('2 held')).toBeVisible();

    await user.click(within(table).getByRole('button', { name: 'Release hold: site 1011' }));
    const release = await screen.findByRole('dialog', {
      name: 'Release the hold of site 1011?',
    });
    await user.click(within(release).getByRole('button', { name: 'Release hold' }));
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('Released the holds of 1 site.'),
    );
    await waitFor(() => expect(rowOf(table, '1011')).not.toHaveTextContent(/Held until/));
    expect(screen.getByText('1 held')).toBeVisible();
  });

  it('holds every site matching the list, except one unchecked, without loading them', async () => {
    const user = userEvent.setup();
    renderRoute(routes, '/firmware/Nord%20GSM?pageSize=10');
    const table = await screen.findByRole('table', { name: 'Nord GSM sites' });
    await waitFor(() => expect(siteNumbers(table)).toHaveLength(10));
    await user.click(screen.getByRole('button', { name: 'Select sites' }));
    await user.click(
      within(table).getByRole('checkbox', { name: 'Select all sites on this page' }),
    );
    expect(screen.getByText('All 10 sites on this page are selected.')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Select all 20 sites' }));
    expect(screen.getByText('All 20 sites are selected.')).toBeVisible();
    const [first] = siteNumbers(table);
    await user.click(within(table).getByRole('checkbox', { name: `Select site ${first}` }));
    expect(screen.getByText('All 20 sites are selected, except 1 site.')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Hold sites…' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Hold 19 Nord GSM sites on their version',
    });
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Holiday trading');
    await user.click(within(dialog).getByRole('button', { name: 'Hold 19 sites' }));
    expect(await screen.findByRole('status')).toHaveTextContent(/^Held 19 sites/);
    await waitFor(() => expect(rowOf(table, String(first))).not.toHaveTextContent(/Held until/));
    expect(rowOf(table, siteNumbers(table)[1] ?? '')).toHaveTextContent(/Holiday trading/);
  });

  it('gives held sites their own column in the statistics, once there are some', async () => {
    const fleet = resetFleet('demo');
    fleet.holdSites('Nord GSM', {
      selection: { mode: 'numbers', numbers: [1011, 1013] },
      reason: 'Store refit',
      until: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      requestId: 'hold-ui-0002',
    });
    renderRoute(routes, '/firmware');
    const table = await screen.findByRole('table', { name: 'Software versions by device type' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((header) => header.textContent);
    expect(headers.slice(0, 7)).toEqual([
      'Device type',
      'Devices',
      'Current version',
      'No update planned',
      'Held',
      'Updating',
      'On current version',
    ]);
    const nord = await waitFor(() => rowOf(table, 'Nord GSM'));
    expect(cellsOf(nord).slice(3, 7)).toEqual(['4', '2', '4', '10']);
  });

  it('filters by update state and searches by site number, in the URL', async () => {
    const { user, view, table } = await openTypePage();
    await user.click(screen.getByRole('combobox', { name: 'Update state' }));
    await user.click(await screen.findByRole('option', { name: 'No update planned' }));
    await waitFor(() => expect(view.location().search).toBe('?state=no-update'));
    await waitFor(() =>
      expect(siteNumbers(table)).toEqual(['1011', '1012', '1013', '1014', '1015', '1016']),
    );
    await user.type(screen.getByRole('searchbox', { name: 'Search sites' }), '1014');
    await waitFor(() => expect(siteNumbers(table)).toEqual(['1014']));
  });

  it('breaks the red count down by cause, each a link to those sites', async () => {
    const { user, view, table } = await openTypePage();
    const causes = screen.getByRole('navigation', { name: 'No update planned, by cause' });
    const links = within(causes)
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(links).toEqual([
      'Never queued: 4 sites',
      'No IP channel: 1 site',
      'Failed integrity check: 1 site',
    ]);
    await user.click(within(causes).getByRole('link', { name: 'Failed integrity check: 1 site' }));
    await waitFor(() => expect(view.location().search).toBe('?cause=integrity'));
    await waitFor(() => expect(siteNumbers(table)).toEqual(['1015']));
    expect(within(causes).getByRole('link', { current: true })).toHaveTextContent(
      'Failed integrity check',
    );
    await user.click(within(causes).getByRole('button', { name: 'Show all sites' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(21));
  });

  it('refuses site numbers it cannot update, keeping the dialog and the input, then queues one', async () => {
    const { user, table } = await openTypePage();
    await user.click(screen.getByRole('button', { name: 'Update using site number…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Update using site number' });
    const field = within(dialog).getByRole('textbox', { name: 'Site number' });
    const refusals: [string, RegExp][] = [
      ['12a', /digits only/],
      ['999', /There is no site 999/],
      ['2001', /Site 2001 is a Nord LAN, not a Nord GSM/],
      ['1001', /already runs 5.40/],
      ['1017', /already updating/],
      ['1016', /Only sites on Ethernet or GPRS can be updated remotely/],
    ];
    for (const [input, message] of refusals) {
      await user.clear(field);
      await user.type(field, input);
      await user.click(within(dialog).getByRole('button', { name: 'Update' }));
      expect(await within(dialog).findByText(message)).toBeVisible();
      expect(dialog).toBeVisible();
      expect(field).toHaveValue(input);
    }
    await user.clear(field);
    await user.type(field, '1011');
    await user.click(within(dialog).getByRole('button', { name: 'Update' }));
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(await screen.findByRole('status')).toHaveTextContent('Site 1011 is queued');
    await waitFor(() => expect(within(rowOf(table, '1011')).getByText('Queued')).toBeVisible());
    expect(screen.getByText('5 updating')).toBeVisible();
  });

  it('updates all sites once, naming those left out', async () => {
    const { user } = await openTypePage();
    await user.click(screen.getByRole('button', { name: 'Update software at all sites' }));
    const dialog = await screen.findByRole('dialog', { name: 'Update software at all sites' });
    expect(
      await within(dialog).findByText(/5 Nord GSM sites on an old version will be queued/),
    ).toBeVisible();
    expect(
      within(dialog).getByText(/4 sites, already updating: 1017, 1018, 1019, 1020/),
    ).toBeVisible();
    expect(within(dialog).getByText(/1 site, no IP channel.*: 1016/)).toBeVisible();
    const confirm = within(dialog).getByRole('button', { name: 'Update all sites' });
    await user.dblClick(confirm);
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(await screen.findByRole('status')).toHaveTextContent('Queued 5 sites');
    expect(await screen.findByText('9 updating')).toBeVisible();
  });

  it('cancels an update until the download is complete, and says why not afterwards', async () => {
    const { user, table } = await openTypePage();
    await user.click(within(rowOf(table, '1017')).getByRole('button', { name: 'Cancel update…' }));
    let dialog = await screen.findByRole('dialog', { name: 'Cancel the update of site 1017?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep updating' }));
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(within(rowOf(table, '1017')).getByText('Downloading')).toBeVisible();

    await user.click(within(rowOf(table, '1017')).getByRole('button', { name: 'Cancel update…' }));
    dialog = await screen.findByRole('dialog', { name: 'Cancel the update of site 1017?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel update' }));
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    await waitFor(() =>
      expect(within(rowOf(table, '1017')).getByText('No update planned')).toBeVisible(),
    );

    await user.click(within(rowOf(table, '1018')).getByRole('button', { name: 'Cancel update…' }));
    dialog = await screen.findByRole('dialog', { name: 'Cancel the update of site 1018?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel update' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      /already downloaded firmware 5.40.*will install/,
    );
    expect(within(dialog).getByRole('button', { name: 'Cancel update' })).toBeDisabled();
  });
});

describe('A backend without staged rollouts', () => {
  it('offers no rollout planning and no holds on the type page, and the rest as usual', async () => {
    const root = testApiRoot.replace(/\/$/, '');
    const fleetSession = (await (await fetch(`${root}/session`)).json()) as Session;
    server.use(
      http.get(`${root}/session`, () =>
        HttpResponse.json({
          ...fleetSession,
          capabilities: {
            areas: ['devices', 'sites', 'activity'],
            signOut: true,
            features: [],
          },
        }),
      ),
    );
    await openTypePage();
    expect(
      await screen.findByRole('button', { name: 'Update software at all sites' }),
    ).toBeVisible();
    expect(
      screen.queryByRole('button', { name: 'Plan a staged rollout…' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Staged rollouts' })).not.toBeInTheDocument();
    expect(screen.queryByRole('toolbar', { name: 'Selected sites' })).not.toBeInTheDocument();
  });
});

describe('A backend that cannot order sites by time in state', () => {
  it('does not offer that sort, and offers the others', async () => {
    const root = testApiRoot.replace(/\/$/, '');
    const fleetSession = (await (await fetch(`${root}/session`)).json()) as Session;
    server.use(
      http.get(`${root}/session`, () =>
        HttpResponse.json({
          ...fleetSession,
          capabilities: {
            areas: ['devices', 'sites', 'rollouts', 'activity'],
            signOut: true,
            unsortable: { sites: ['timeInState'] },
          },
        }),
      ),
    );
    await openTypePage();
    const table = await screen.findByRole('table', { name: 'Nord GSM sites' });
    expect(within(table).getByRole('button', { name: 'Version' })).toBeVisible();
    expect(within(table).getByRole('columnheader', { name: 'Time in state' })).toBeVisible();
    expect(within(table).queryByRole('button', { name: 'Time in state' })).not.toBeInTheDocument();
  });
});
