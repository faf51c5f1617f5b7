import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { resetFleet, server, testApiRoot } from '../../../mocks/node';
import { renderAt } from '@/test/render';
import { DevicesPage } from './DevicesPage';

function rowOf(table: HTMLElement, text: string): HTMLElement {
  const cell = within(table).getByText(text);
  const row = cell.closest('tr');
  if (!row) throw new Error(`No row holds ${text}`);
  return row;
}

describe('DevicesPage', () => {
  it('lists the fleet from the contract with the seed columns', async () => {
    renderAt(<DevicesPage />, '/devices');
    const table = await screen.findByRole('table', { name: 'Devices' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((header) => header.textContent);
    expect(headers).toEqual([
      '',
      'Model',
      'Status',
      'IP',
      'MAC/Serial',
      'AXIS OS',
      'Warranty',
      'Apps',
      'Actions',
    ]);
    expect(
      within(table).getByRole('checkbox', { name: 'Select all devices on this page' }),
    ).toBeInTheDocument();

    const c1004 = rowOf(table, '172.26.180.173');
    expect(within(c1004).getByText('AXIS C1004-E')).toBeInTheDocument();
    expect(within(c1004).getByText('Reachable')).toBeInTheDocument();
    expect(within(c1004).getByText('ACCC8EF3100E')).toBeInTheDocument();
    expect(within(c1004).getByText('10.12.240.1')).toBeInTheDocument();

    const p3227 = rowOf(table, '172.26.180.2');
    expect(within(p3227).getByText('ACCC8EF37A0E')).toBeInTheDocument();
    expect(within(p3227).getByText('11.11.73')).toBeInTheDocument();

    const m3128 = rowOf(table, '172.26.180.31');
    expect(within(m3128).getByRole('img', { name: '6 running, 2 stopped' })).toBeInTheDocument();
    expect(screen.getByText('20 devices')).toBeInTheDocument();
  });

  it('sorts on the server when a column header is clicked, and says so with aria-sort', async () => {
    const user = userEvent.setup();
    const { router } = renderAt(<DevicesPage />, '/devices');
    const table = await screen.findByRole('table', { name: 'Devices' });
    const ipHeader = within(table).getByRole('columnheader', { name: 'IP' });
    expect(ipHeader).toHaveAttribute('aria-sort', 'none');

    await user.click(within(ipHeader).getByRole('button', { name: 'IP' }));
    await waitFor(() => expect(ipHeader).toHaveAttribute('aria-sort', 'ascending'));
    expect(router.state.location.search).toBe('?sort=ip');
    await waitFor(() => {
      const firstRow = within(table).getAllByRole('row')[1];
      expect(firstRow).toHaveTextContent('172.26.180.2');
    });

    await user.click(within(ipHeader).getByRole('button', { name: 'IP' }));
    await waitFor(() => expect(ipHeader).toHaveAttribute('aria-sort', 'descending'));
    await waitFor(() => {
      const firstRow = within(table).getAllByRole('row')[1];
      expect(firstRow).toHaveTextContent('172.26.180.173');
    });
  });

  it('searches on the server and keeps the search in the URL', async () => {
    const user = userEvent.setup();
    const { router } = renderAt(<DevicesPage />, '/devices');
    await screen.findByRole('table', { name: 'Devices' });
    await user.type(screen.getByRole('searchbox', { name: 'Search devices' }), 'entrance');
    await waitFor(() => expect(screen.getByText('1 device match')).toBeInTheDocument());
    expect(router.state.location.search).toBe('?q=entrance');
    expect(screen.getByText('Entrance camera')).toBeInTheDocument();
  });

  it('opens a shared link on the page, sort and search it names', async () => {
    renderAt(<DevicesPage />, '/devices', '/devices?q=AXIS+P3227&sort=version&order=desc');
    const table = await screen.findByRole('table', { name: 'Devices' });
    expect(screen.getByRole('searchbox', { name: 'Search devices' })).toHaveValue('AXIS P3227');
    expect(within(table).getByRole('columnheader', { name: 'AXIS OS' })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    const versions = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => (row as HTMLTableRowElement).cells[5]?.textContent);
    expect(versions).toEqual([
      expect.stringContaining('11.11.141'),
      expect.stringContaining('11.11.109'),
      expect.stringContaining('11.11.73'),
    ]);
  });

  it('pages through a large fleet without loading it all', async () => {
    resetFleet('large');
    const user = userEvent.setup();
    const { router } = renderAt(<DevicesPage />, '/devices');
    const table = await screen.findByRole('table', { name: 'Devices' });
    expect(screen.getByText('100,000 devices')).toBeInTheDocument();
    expect(within(table).getAllByRole('row')).toHaveLength(51);
    await user.click(screen.getByRole('button', { name: 'Go to next page' }));
    await waitFor(() => expect(router.state.location.search).toBe('?page=2'));
    await waitFor(() => expect(screen.getByText('51–100 of 100,000')).toBeInTheDocument());
  });

  it('says when the fleet is empty', async () => {
    resetFleet('empty');
    renderAt(<DevicesPage />, '/devices');
    expect(await screen.findByText('There are no devices in this fleet yet.')).toBeInTheDocument();
  });

  it('shows a failure in words with a Retry that recovers', async () => {
    let failures = 1;
    server.use(
      http.get(`${testApiRoot}devices`, () => {
        if (failures === 0) return undefined;
        failures -= 1;
        return HttpResponse.json(
          { code: 'unavailable', message: 'The device service is restarting. Try again.' },
          { status: 503 },
        );
      }),
    );
    const user = userEvent.setup();
    renderAt(<DevicesPage />, '/devices');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The device list could not be loaded');
    expect(alert).toHaveTextContent('The device service is restarting. Try again.');
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('table', { name: 'Devices' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
