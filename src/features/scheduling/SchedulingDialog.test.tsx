import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { currentFleet, server, testApiRoot } from '../../../mocks/node';
import type { DeviceSelection } from '@/api/devices';
import { renderAt } from '@/test/render';
import { SchedulingDialog } from './SchedulingDialog';

function renderDialog(selection: DeviceSelection, count: number) {
  const onClose = vi.fn();
  const onDone = vi.fn();
  renderAt(
    <SchedulingDialog open selection={selection} count={count} onClose={onClose} onDone={onDone} />,
    '/',
  );
  return { onClose, onDone };
}

const ids = (...list: string[]): DeviceSelection => ({ mode: 'ids', ids: list });

/** The zone these tests run in (UTC, or America/New_York in the second run). */
const here = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** "Next maintenance window: …" in the schedule's zone, the operator's time after it if any. */
const nextWindow = (text: string) =>
  new RegExp(
    `^Next maintenance window: ${text.replace(/[()+]/g, '\\$&')}( — .+ in your time zone)?$`,
  );

async function chooseZone(
  user: ReturnType<typeof userEvent.setup>,
  dialog: HTMLElement,
  zone: string,
) {
  const field = within(dialog).getByRole('combobox', { name: 'Time zone' });
  await user.clear(field);
  await user.type(field, zone);
  await user.click(await screen.findByRole('option', { name: zone }));
}

async function dialogNamed(name: string) {
  const dialog = await screen.findByRole('dialog', { name });
  // The form renders once the selection has been read.
  await within(dialog).findByRole('radiogroup', { name: 'Software upgrade frequency' });
  return dialog;
}

/** Opens the dialog for one device, picks a weekly window and applies it. */
async function applyWeeklyWindow() {
  const user = userEvent.setup();
  const { onClose } = renderDialog(ids('dev-0002'), 1);
  const dialog = await dialogNamed('Software scheduling (1 device)');
  await user.click(within(dialog).getByRole('radio', { name: 'Set maintenance window' }));
  await user.click(within(dialog).getByRole('combobox', { name: 'Repeat' }));
  await user.click(screen.getByRole('option', { name: 'Every week' }));
  await user.click(within(dialog).getByRole('button', { name: 'Apply' }));
  return { onClose, dialog };
}

describe('SchedulingDialog', () => {
  beforeEach(() => {
    // Only Date is faked: the "next window" text is computed from it; timers stay real.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-11-09T06:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('counts the devices in its title', async () => {
    renderDialog(ids('dev-0002'), 1);
    await dialogNamed('Software scheduling (1 device)');
  });

  it('counts a selection of twelve', async () => {
    const twelve = Array.from({ length: 12 }, (_, i) => `dev-${String(i + 1).padStart(4, '0')}`);
    renderDialog(ids(...twelve), 12);
    await dialogNamed('Software scheduling (12 devices)');
  });

  it('shows the next window live as the form changes, in the product’s words', async () => {
    const user = userEvent.setup();
    renderDialog(ids('dev-0002'), 1);
    const dialog = await dialogNamed('Software scheduling (1 device)');
    expect(
      within(dialog).getByRole('radio', { name: 'Upgrade as soon as a new software is available' }),
    ).toBeChecked();
    expect(
      within(dialog).getByText('Next maintenance window: As soon as a new software is available'),
    ).toBeInTheDocument();

    await user.click(within(dialog).getByRole('radio', { name: 'Set maintenance window' }));
    // A new window is proposed in the operator's own zone.
    expect(within(dialog).getByRole('combobox', { name: 'Time zone' })).toHaveValue(here);
    await chooseZone(user, dialog, 'UTC');
    expect(
      within(dialog).getByText(nextWindow('November 9, 2024, 8:00 AM – 12:00 PM UTC')),
    ).toBeInTheDocument();

    await user.click(within(dialog).getByRole('combobox', { name: 'Repeat' }));
    await user.click(screen.getByRole('option', { name: 'Every week' }));
    await user.click(within(dialog).getByRole('combobox', { name: 'Day' }));
    await user.click(screen.getByRole('option', { name: 'Sunday' }));
    const start = within(dialog).getByLabelText('Start time');
    await user.clear(start);
    await user.type(start, '12:00');
    expect(
      within(dialog).getByText(nextWindow('November 10, 2024, 12:00 PM – 4:00 PM UTC')),
    ).toBeInTheDocument();
  });

  it('finds any IANA zone by typing, and shows the window in it', async () => {
    const user = userEvent.setup();
    renderDialog(ids('dev-0002'), 1);
    const dialog = await dialogNamed('Software scheduling (1 device)');
    await user.click(within(dialog).getByRole('radio', { name: 'Set maintenance window' }));
    const zone = within(dialog).getByRole('combobox', { name: 'Time zone' });
    expect(zone).toHaveValue(here);
    await user.clear(zone);
    await user.type(zone, 'Kathmandu');
    await user.click(await screen.findByRole('option', { name: 'Asia/Kathmandu' }));
    // 08:00–12:00 in Kathmandu (+05:45) is 02:15–06:15 UTC: at 06:00 UTC it is in progress.
    expect(
      within(dialog).getByText(
        nextWindow('November 9, 2024, 8:00 AM – 12:00 PM GMT+5:45 (Asia/Kathmandu)'),
      ),
    ).toBeInTheDocument();
  });

  it('opens with the schedule the devices share', async () => {
    currentFleet().setSchedule(ids('dev-0001', 'dev-0002'), {
      mode: 'window',
      window: { repeat: 'weekly', weekday: 0, startTime: '12:00', timeZone: 'UTC' },
    });
    renderDialog(ids('dev-0001', 'dev-0002'), 2);
    const dialog = await dialogNamed('Software scheduling (2 devices)');
    expect(within(dialog).getByRole('radio', { name: 'Set maintenance window' })).toBeChecked();
    expect(within(dialog).getByRole('combobox', { name: 'Repeat' })).toHaveTextContent(
      'Every week',
    );
    expect(within(dialog).getByRole('combobox', { name: 'Day' })).toHaveTextContent('Sunday');
    expect(within(dialog).getByLabelText('Start time')).toHaveValue('12:00');
  });

  it('says what it saved, and how many devices ignore it', async () => {
    const user = userEvent.setup();
    const { onDone } = renderDialog(ids('dev-0002', 'dev-0003', 'dev-0013'), 3);
    const dialog = await dialogNamed('Software scheduling (3 devices)');
    await user.click(within(dialog).getByRole('radio', { name: 'Set maintenance window' }));
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(onDone).toHaveBeenCalledWith(
        'Update schedule saved for 1 device. 2 devices ignore it.',
      ),
    );
  });

  it('names the devices that will ignore the schedule', async () => {
    renderDialog(ids('dev-0002', 'dev-0003', 'dev-0013'), 3);
    const dialog = await dialogNamed('Software scheduling (3 devices)');
    expect(
      within(dialog).getByText('1 device does not support software scheduling and will ignore it:'),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('AXIS S3008 (172.26.180.20)')).toBeInTheDocument();
    expect(
      within(dialog).getByText('Front door intercom (AXIS I8016-LVE, 172.26.180.50)'),
    ).toBeInTheDocument();
  });

  it('applies the window to the selection, then closes', async () => {
    const user = userEvent.setup();
    let sent: unknown;
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'PUT')
        void request
          .clone()
          .json()
          .then((body: unknown) => {
            sent = body;
          });
    });
    const { onClose } = renderDialog(ids('dev-0002'), 1);
    const dialog = await dialogNamed('Software scheduling (1 device)');
    await user.click(within(dialog).getByRole('radio', { name: 'Set maintenance window' }));
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    server.events.removeAllListeners();
    expect(sent).toEqual({
      selection: { mode: 'ids', ids: ['dev-0002'] },
      schedule: {
        mode: 'window',
        window: { repeat: 'daily', startTime: '08:00', timeZone: here },
      },
    });
    expect(currentFleet().devices().get('dev-0002')?.schedule).toEqual(
      (sent as { schedule: unknown }).schedule,
    );
  });

  it('keeps the form, says what changed and refreshes the selection when Apply meets a conflict', async () => {
    let summaries = 0;
    server.events.on('request:start', ({ request }) => {
      if (request.url.endsWith('/devices/selection-summary')) summaries += 1;
    });
    server.use(
      http.put(`${testApiRoot}devices/schedule`, () =>
        HttpResponse.json(
          { code: 'conflict', message: 'Another operator changed these devices.' },
          { status: 409 },
        ),
      ),
    );
    const { onClose, dialog } = await applyWeeklyWindow();
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent(
      'The schedule was not applied. Another operator changed these devices. The screen has been refreshed to show the current state.',
    );
    // What the dialog shows about the selection was read again.
    await waitFor(() => expect(summaries).toBe(2));
    expect(onClose).not.toHaveBeenCalled();
    expect(within(dialog).getByRole('combobox', { name: 'Repeat' })).toHaveTextContent(
      'Every week',
    );
  });

  it('keeps the form and says why when the server refuses the change for the role (403)', async () => {
    server.use(
      http.put(`${testApiRoot}devices/schedule`, () =>
        HttpResponse.json(
          {
            code: 'forbidden',
            message: 'Your role, Viewer, cannot change update schedules. Ask an administrator.',
          },
          { status: 403 },
        ),
      ),
    );
    const { onClose, dialog } = await applyWeeklyWindow();
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The schedule was not applied. Your role, Viewer, cannot change update schedules. Ask an administrator.',
    );
    expect(onClose).not.toHaveBeenCalled();
    expect(within(dialog).getByRole('combobox', { name: 'Repeat' })).toHaveTextContent(
      'Every week',
    );
  });

  it('does not apply a start time that is not HH:mm', async () => {
    const user = userEvent.setup();
    const { onClose } = renderDialog(ids('dev-0002'), 1);
    const dialog = await dialogNamed('Software scheduling (1 device)');
    await user.click(within(dialog).getByRole('radio', { name: 'Set maintenance window' }));
    await user.clear(within(dialog).getByLabelText('Start time'));
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }));
    expect(await within(dialog).findByText('Use 24-hour HH:mm, e.g. 08:00')).toBeInTheDocument();
    expect(
      within(dialog).getByText('Next maintenance window: Complete the window to see it'),
    ).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
  });
});
