import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { resetFleet, server } from '../../../mocks/node';
import { renderAt } from '@/test/render';
import { rowWith as rowOf } from '@/test/table';
import { DevicesPage } from './DevicesPage';

describe('DevicesPage: selecting devices and acting on them', () => {
  it('opens software scheduling for the selected devices', async () => {
    const user = userEvent.setup();
    renderAt(<DevicesPage />, '/devices');
    const table = await screen.findByRole('table', { name: 'Devices' });
    expect(screen.getByRole('button', { name: 'Software scheduling' })).toBeDisabled();
    await user.click(
      within(table).getByRole('checkbox', { name: 'Select AXIS P3227-LV (172.26.180.2)' }),
    );
    await user.click(
      within(table).getByRole('checkbox', { name: 'Select AXIS C1004-E (172.26.180.173)' }),
    );
    expect(screen.getByText('2 devices selected')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Software scheduling' }));
    expect(
      await screen.findByRole('dialog', { name: 'Software scheduling (2 devices)' }),
    ).toBeInTheDocument();
  });

  it('selects every device matching the filter without loading them', async () => {
    resetFleet('large');
    const user = userEvent.setup();
    let bodies: unknown[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'POST')
        void request
          .clone()
          .json()
          .then((body: unknown) => {
            bodies = [...bodies, body];
          });
    });
    renderAt(<DevicesPage />, '/devices', '/devices?status=unreachable');
    const table = await screen.findByRole('table', { name: 'Devices' }, { timeout: 20_000 });
    await user.click(
      within(table).getByRole('checkbox', { name: 'Select all devices on this page' }),
    );
    expect(screen.getByText('All 50 devices on this page are selected.')).toBeInTheDocument();
    const total = Number((screen.getByText(/devices match$/).textContent ?? '').replace(/\D/g, ''));
    await user.click(
      screen.getByRole('button', { name: `Select all ${total.toLocaleString('en-US')} devices` }),
    );
    expect(
      screen.getByText(`${total.toLocaleString('en-US')} devices selected`),
    ).toBeInTheDocument();
    await user.click(within(table).getAllByRole('checkbox')[1] as HTMLElement);
    const selected = (total - 1).toLocaleString('en-US');
    expect(screen.getByText(`${selected} devices selected`)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Software scheduling' }));
    await screen.findByRole(
      'dialog',
      { name: `Software scheduling (${selected} devices)` },
      { timeout: 20_000 },
    );
    server.events.removeAllListeners();
    expect(bodies[0]).toMatchObject({
      mode: 'filter',
      filter: { status: 'unreachable' },
      except: [expect.any(String)],
    });
  }, 60_000);

  describe('selection', () => {
    const selectedText = () =>
      screen.getByRole('toolbar', { name: 'Selected devices' }).textContent ?? '';

    it('keeps devices checked by id across search, filter, sort and paging', async () => {
      const user = userEvent.setup();
      renderAt(<DevicesPage />, '/devices');
      const table = await screen.findByRole('table', { name: 'Devices' });
      await user.click(
        within(rowOf(table, '172.26.180.40')).getByRole('checkbox', { name: /^Select / }),
      );
      await user.type(screen.getByRole('searchbox', { name: 'Search devices' }), 'cashier');
      await waitFor(() => expect(screen.getByText('1 device match')).toBeInTheDocument());
      expect(selectedText()).toContain('1 device selected');
      await user.click(
        within(rowOf(table, '172.26.180.41')).getByRole('checkbox', { name: /^Select / }),
      );
      await user.clear(screen.getByRole('searchbox', { name: 'Search devices' }));
      await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Reachable');
      await user.click(
        within(within(table).getByRole('columnheader', { name: 'IP' })).getByRole('button', {
          name: 'IP',
        }),
      );
      await waitFor(() => expect(screen.getByText('17 devices match')).toBeInTheDocument());
      expect(selectedText()).toContain('2 devices selected');
      expect(
        within(rowOf(table, '172.26.180.40')).getByRole('checkbox', { name: /^Select / }),
      ).toBeChecked();
      expect(
        within(rowOf(table, '172.26.180.41')).getByRole('checkbox', { name: /^Select / }),
      ).toBeChecked();
    });

    it('keeps a device checked while a search just typed is being applied', async () => {
      const user = userEvent.setup();
      renderAt(<DevicesPage />, '/devices');
      const table = await screen.findByRole('table', { name: 'Devices' });
      const search = screen.getByRole('searchbox', { name: 'Search devices' });
      await user.type(search, 'AXIS');
      // From the first keystroke the table says it is busy, until the searched rows show.
      expect(table).toHaveAttribute('aria-busy', 'true');
      await user.click(
        within(rowOf(table, '172.26.180.2')).getByRole('checkbox', { name: /^Select / }),
      );
      await waitFor(() => expect(screen.getByText('20 devices match')).toBeInTheDocument());
      await waitFor(() => expect(table).toHaveAttribute('aria-busy', 'false'));
      expect(
        within(rowOf(table, '172.26.180.2')).getByRole('checkbox', { name: /^Select / }),
      ).toBeChecked();
      expect(selectedText()).toContain('1 device selected');
    });

    it('shows only the selected devices on request', async () => {
      const user = userEvent.setup();
      renderAt(<DevicesPage />, '/devices');
      const table = await screen.findByRole('table', { name: 'Devices' });
      for (const ip of ['172.26.180.2', '172.26.180.50']) {
        await user.click(within(rowOf(table, ip)).getByRole('checkbox', { name: /^Select / }));
      }
      const only = screen.getByRole('button', { name: 'Show only selected' });
      await user.click(only);
      expect(only).toHaveAttribute('aria-pressed', 'true');
      await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
      await user.click(only);
      await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(21));
    });

    it('ends "every device matching" when the filter changes, and says so', async () => {
      resetFleet('large');
      const user = userEvent.setup();
      renderAt(<DevicesPage />, '/devices', '/devices?status=unreachable');
      const table = await screen.findByRole('table', { name: 'Devices' }, { timeout: 20_000 });
      await user.click(
        within(table).getByRole('checkbox', { name: 'Select all devices on this page' }),
      );
      await user.click(screen.getByRole('button', { name: /^Select all [\d,]+ devices$/ }));
      expect(selectedText()).toMatch(/[\d,]+ devices selected/);
      await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Reachable');
      expect(
        await screen.findByText(/matching the previous filter ended, because the filter changed/),
      ).toBeInTheDocument();
      expect(selectedText()).toContain('No devices selected');
    }, 60_000);
  });

  it('updates selected devices now after a confirmation that says they reboot', async () => {
    const user = userEvent.setup();
    renderAt(<DevicesPage />, '/devices');
    const table = await screen.findByRole('table', { name: 'Devices' });
    await user.click(
      within(table).getByRole('checkbox', { name: 'Select AXIS P3227-LV (172.26.180.2)' }),
    );
    await user.click(screen.getByRole('button', { name: 'Manual update' }));
    const dialog = await screen.findByRole('dialog', { name: 'Manual update (1 device)' });
    expect(
      await within(dialog).findByText(/will install the newest AXIS OS now/),
    ).toHaveTextContent('reboot');
    await user.click(within(dialog).getByRole('button', { name: 'Update now' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Started updating 1 device; they reboot when installed.',
    );
    await waitFor(() =>
      expect(
        within(rowOf(table, '172.26.180.2')).getByText('Installing 11.11.141'),
      ).toBeInTheDocument(),
    );
  });

  it('offers Upgrade device software on a device not onboarded', async () => {
    const user = userEvent.setup();
    renderAt(<DevicesPage />, '/devices');
    const table = await screen.findByRole('table', { name: 'Devices' });
    const intercom = rowOf(table, '172.26.180.50');
    await user.click(
      within(intercom).getByRole('button', {
        name: 'Upgrade device software: Front door intercom (AXIS I8016-LVE, 172.26.180.50)',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Upgrade device software: Front door intercom (AXIS I8016-LVE, 172.26.180.50)',
    });
    await user.click(await within(dialog).findByRole('button', { name: 'Update now' }));
    await waitFor(() =>
      expect(
        within(rowOf(table, '172.26.180.50')).getByText('Installing 12.7.61'),
      ).toBeInTheDocument(),
    );
  });
});
