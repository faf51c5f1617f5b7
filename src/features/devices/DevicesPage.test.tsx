import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetFleet, server, testApiRoot } from '../../../mocks/node';
import { renderAt } from '@/test/render';
import { rowWith as rowOf } from '@/test/table';
import { DevicesPage } from './DevicesPage';

describe('DevicesPage', () => {
  it('lists the fleet from the contract with the product’s columns', async () => {
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
    const { location } = renderAt(<DevicesPage />, '/devices');
    const table = await screen.findByRole('table', { name: 'Devices' });
    const ipHeader = within(table).getByRole('columnheader', { name: 'IP' });
    expect(ipHeader).toHaveAttribute('aria-sort', 'none');

    await user.click(within(ipHeader).getByRole('button', { name: 'IP' }));
    await waitFor(() => expect(ipHeader).toHaveAttribute('aria-sort', 'ascending'));
    expect(location().search).toBe('?sort=ip');
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
    const { location } = renderAt(<DevicesPage />, '/devices');
    await screen.findByRole('table', { name: 'Devices' });
    await user.type(screen.getByRole('searchbox', { name: 'Search devices' }), 'entrance');
    await waitFor(() => expect(screen.getByText('1 device match')).toBeInTheDocument());
    expect(location().search).toBe('?q=entrance');
    expect(screen.getByText('Entrance camera')).toBeInTheDocument();
  });

  it('keeps a space typed before the next word while the search is applied', async () => {
    const user = userEvent.setup();
    const { location } = renderAt(<DevicesPage />, '/devices');
    await screen.findByRole('table', { name: 'Devices' });
    const box = screen.getByRole('searchbox', { name: 'Search devices' });
    await user.type(box, 'AXIS ');
    // The URL holds the search without the space; the box keeps what was typed.
    await waitFor(() => expect(location().search).toBe('?q=AXIS'));
    expect(box).toHaveValue('AXIS ');
    await user.type(box, 'P3227');
    await waitFor(() => expect(location().search).toBe('?q=AXIS+P3227'));
    expect(box).toHaveValue('AXIS P3227');
    const table = screen.getByRole('table', { name: 'Devices' });
    await waitFor(() => expect(table).toHaveAttribute('aria-busy', 'false'));
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
    const { location } = renderAt(<DevicesPage />, '/devices');
    const table = await screen.findByRole('table', { name: 'Devices' });
    expect(screen.getByText('100,000 devices')).toBeInTheDocument();
    expect(within(table).getAllByRole('row')).toHaveLength(51);
    await user.click(screen.getByRole('button', { name: 'Go to next page' }));
    await waitFor(() => expect(location().search).toBe('?page=2'));
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

  it('filters on the server, with the filter in the URL', async () => {
    const user = userEvent.setup();
    const { location } = renderAt(<DevicesPage />, '/devices');
    const table = await screen.findByRole('table', { name: 'Devices' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Unreachable');
    await waitFor(() => expect(location().search).toBe('?status=unreachable'));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    expect(screen.getByText('3 devices match')).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Any');
    await waitFor(() => expect(location().search).toBe(''));
  });

  it('filters by several models from a menu, and gives focus back when it closes', async () => {
    const user = userEvent.setup();
    const { location } = renderAt(<DevicesPage />, '/devices');
    const table = await screen.findByRole('table', { name: 'Devices' });
    const trigger = screen.getByRole('button', { name: 'Model: Any' });
    await user.click(trigger);
    const menu = await screen.findByRole('menu', { name: 'Models' });
    await user.click(within(menu).getByRole('menuitemcheckbox', { name: /^AXIS P3227-LV/ }));
    await waitFor(() => expect(location().search).toBe('?model=AXIS+P3227-LV'));
    await user.click(within(menu).getByRole('menuitemcheckbox', { name: /^AXIS C1004-E/ }));
    await waitFor(() => expect(location().search).toBe('?model=AXIS+P3227-LV&model=AXIS+C1004-E'));
    expect(within(menu).getByRole('menuitemcheckbox', { name: /^AXIS P3227-LV/ })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('menu')).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Model: 2 models' })).toHaveFocus();
    await waitFor(() => {
      const models = within(table)
        .getAllByRole('row')
        .slice(1)
        .map((row) => within(row).getAllByRole('cell')[1]?.textContent ?? '');
      expect(models.length).toBeGreaterThan(0);
      for (const model of models) expect(model).toMatch(/AXIS (P3227-LV|C1004-E)/);
    });
  });

  it('hides and shows columns from the Columns menu, remembered, with one click back', async () => {
    const user = userEvent.setup();
    const first = renderAt(<DevicesPage />, '/devices');
    const table = await screen.findByRole('table', { name: 'Devices' });
    await user.click(screen.getByRole('button', { name: 'Columns' }));
    const menu = await screen.findByRole('menu', { name: 'Columns' });
    const warranty = within(menu).getByRole('menuitemcheckbox', { name: 'Warranty' });
    expect(warranty).toHaveAttribute('aria-checked', 'true');
    await user.click(warranty);
    await user.click(within(menu).getByRole('menuitemcheckbox', { name: 'Apps' }));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Columns' })).toHaveFocus());
    const headers = () =>
      within(screen.getByRole('table', { name: 'Devices' }))
        .getAllByRole('columnheader')
        .map((header) => header.textContent);
    expect(headers()).not.toContain('Warranty');
    expect(headers()).not.toContain('Apps');
    expect(within(rowOf(table, '172.26.180.173')).getAllByRole('cell')).toHaveLength(7);

    // Remembered: the next visit shows the same columns.
    await waitFor(() => expect(screen.queryByRole('menu')).not.toBeInTheDocument());
    first.unmount();
    renderAt(<DevicesPage />, '/devices');
    await screen.findByRole('table', { name: 'Devices' });
    expect(headers()).not.toContain('Warranty');
    await user.click(screen.getByRole('button', { name: 'Columns' }));
    await user.click(
      within(await screen.findByRole('menu', { name: 'Columns' })).getByRole('menuitem', {
        name: 'Show all columns',
      }),
    );
    await waitFor(() => expect(headers()).toContain('Warranty'));
    expect(headers()).toContain('Apps');
  });

  it('exports every device matching the search and filters as CSV, built by the server', async () => {
    const user = userEvent.setup();
    const asked: string[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.url.includes('/devices/export')) asked.push(request.url);
    });
    const saved: Blob[] = [];
    URL.createObjectURL = vi.fn((file: Blob) => {
      saved.push(file);
      return 'blob:devices';
    });
    URL.revokeObjectURL = vi.fn();
    const click = vi
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined);
    renderAt(
      <DevicesPage />,
      '/devices',
      '/devices?status=unreachable&onboarded=true&sort=ip&page=1',
    );
    await screen.findByRole('table', { name: 'Devices' });
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    const url = new URL(asked[0] ?? '');
    expect(url.searchParams.get('status')).toBe('unreachable');
    expect(url.searchParams.get('onboarded')).toBe('true');
    expect(url.searchParams.get('sort')).toBe('ip');
    expect(url.searchParams.has('page')).toBe(false);
    const text = await (saved[0] as Blob).text();
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^Name,Model,Status,IP,/);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((line) => line.includes('Unreachable,'))).toBe(true);
    expect(lines.slice(1).every((line) => line.includes(',Onboarded,'))).toBe(true);
  });

  it('says why an export failed, with Retry', async () => {
    const user = userEvent.setup();
    server.use(
      http.get(`${testApiRoot}devices/export`, () =>
        HttpResponse.json({ code: 'busy', message: 'The server is busy.' }, { status: 503 }),
      ),
    );
    renderAt(<DevicesPage />, '/devices');
    await screen.findByRole('table', { name: 'Devices' });
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The devices could not be exported. The server is busy.');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  describe('at a fixed instant', () => {
    afterEach(() => vi.useRealTimers());

    it('shows the schedule and the next window on the clock icon, and when it upgrades', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2024-11-09T15:00:00Z'));
      const user = userEvent.setup();
      renderAt(<DevicesPage />, '/devices');
      const table = await screen.findByRole('table', { name: 'Devices' });
      const m3128 = rowOf(table, '172.26.180.31');
      await user.hover(within(m3128).getByRole('button', { name: 'Update schedule' }));
      const tooltip = await screen.findByRole('tooltip');
      expect(tooltip).toHaveTextContent('Maintenance window: Every Sunday at 12:00 (UTC)');
      expect(tooltip).toHaveTextContent(
        'Next maintenance window: November 10, 2024, 12:00 PM – 4:00 PM UTC',
      );
      await user.unhover(within(m3128).getByRole('button', { name: 'Update schedule' }));

      await user.hover(within(m3128).getByText('Upgrade available'));
      await waitFor(() =>
        expect(screen.getByRole('tooltip')).toHaveTextContent(
          'This device software will upgrade automatically during next maintenance window: November 10, 2024, 12:00 PM – 4:00 PM UTC',
        ),
      );
    });
  });
});
