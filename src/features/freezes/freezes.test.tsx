import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../../mocks/fleet/persistence';
import { currentFleet, resetFleet } from '../../../mocks/node';
import type { Role } from '@/api/permissions';
import { dayText } from '@/domain/freezes';
import { browserTimeZone } from '@/lib/time-display';
import { addDays, zonedParts } from '@/lib/time-zone';
import { renderRoute } from '@/test/render';
import { usable } from '@/test/usable';
import { SiteTypePage } from '@/features/sites/SiteTypePage';
import { FreezesPage } from './FreezesPage';

const routes = [
  { path: '/firmware/:deviceType', element: <SiteTypePage /> },
  { path: '/freezes', element: <FreezesPage /> },
];

function fleetAs() {
  const store = memoryStore();
  return (role: Role) => resetFleet('demo', undefined, { role }, { store });
}

const today = () => zonedParts(Date.now(), 'UTC');

describe('Change freezes', () => {
  it('lets an administrator add a freeze and end it; a viewer sees it without the buttons', async () => {
    const as = fleetAs();
    as('administrator');
    const user = userEvent.setup();
    const view = renderRoute(routes, '/freezes');
    expect(await screen.findByText(/No change freeze is in force or planned/)).toBeInTheDocument();
    await user.click(await usable('Add a freeze…'));
    const dialog = await screen.findByRole('dialog', { name: 'Add a change freeze' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Holiday freeze');
    const first = within(dialog).getByLabelText('First day');
    await user.clear(first);
    // Today where the dialog's days begin: in the browser's zone, which may be another day than UTC's.
    await user.type(first, dayText(zonedParts(Date.now(), browserTimeZone())));
    expect(within(dialog).getByText(/^Frozen: the whole fleet, /)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Add freeze' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      /^Change freeze “Holiday freeze” added: /,
    );
    const card = await screen.findByRole('article', { name: 'Holiday freeze' });
    expect(within(card).getByText('In force')).toBeInTheDocument();
    expect(currentFleet().freezes.list().items[0]).toMatchObject({ createdBy: 'Ada Novak' });

    await user.click(within(card).getByRole('button', { name: 'End the freeze “Holiday freeze”' }));
    const end = await screen.findByRole('dialog', { name: 'End the freeze “Holiday freeze”?' });
    await user.click(within(end).getByRole('button', { name: 'End freeze' }));
    expect(await within(card).findByText('Ended')).toBeInTheDocument();
    view.unmount();

    as('viewer');
    renderRoute(routes, '/freezes');
    const seen = await screen.findByRole('article', { name: 'Holiday freeze' });
    expect(within(seen).getByText(/ended early by Ada Novak/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add a freeze…' })).toHaveAttribute('aria-disabled');
  });

  it('stops “Update all sites” inside a freeze: an operator is told who can, an administrator gives a reason', async () => {
    const as = fleetAs();
    as('administrator').freezes.add({
      requestId: 'freeze-test-0001',
      name: 'Event freeze',
      deviceType: 'Nord GSM',
      firstDay: dayText(today()),
      lastDay: dayText(addDays(today(), 2)),
      timeZone: 'UTC',
    });
    as('operator');
    const user = userEvent.setup();
    const view = renderRoute(routes, '/firmware/Nord%20GSM');
    await user.click(await usable('Update software at all sites'));
    let dialog = await screen.findByRole('dialog', { name: 'Update software at all sites' });
    expect(await within(dialog).findByRole('note')).toHaveTextContent(
      /Nord GSM is frozen until .* by “Event freeze”: nothing starts until then\. Your role, Operator, cannot start changes inside a change freeze\./,
    );
    expect(within(dialog).getByRole('button', { name: 'Update all sites' })).toBeDisabled();
    expect(within(dialog).queryByRole('textbox')).toBeNull();
    view.unmount();

    as('administrator');
    renderRoute(routes, '/firmware/Nord%20GSM');
    await user.click(await usable('Update software at all sites'));
    dialog = await screen.findByRole('dialog', { name: 'Update software at all sites' });
    const reason = await within(dialog).findByRole('textbox', {
      name: 'Reason to start inside the freeze',
    });
    await user.type(reason, 'Too short');
    expect(within(dialog).getByRole('button', { name: 'Update all sites' })).toBeDisabled();
    await user.type(reason, ': the vendor’s security fix');
    await user.click(
      within(dialog).getByRole('button', { name: 'Update all sites inside the freeze' }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      /^Queued \d+ sites? for the update/,
    );
    const entry = currentFleet().activity({ kind: 'site-update-all', page: 1, pageSize: 5 })
      .items[0];
    expect(entry?.result).toMatchObject({
      text: expect.stringContaining(
        'Started inside the change freeze F1: “Too short: the vendor’s security fix”',
      ) as unknown,
    });
  });

  it('says on the type’s page that it is frozen, and queues one site inside it only with a reason', async () => {
    const as = fleetAs();
    as('administrator').freezes.add({
      requestId: 'freeze-test-0002',
      name: 'Event freeze',
      deviceType: 'Nord GSM',
      firstDay: dayText(today()),
      lastDay: dayText(addDays(today(), 2)),
      timeZone: 'UTC',
    });
    const user = userEvent.setup();
    renderRoute(routes, '/firmware/Nord%20GSM');
    expect(await screen.findByRole('note', { name: 'Change freeze' })).toHaveTextContent(
      /^Nord GSM is frozen until .* by “Event freeze”: no update, “Update software at all sites” or rollout wave starts until then\./,
    );
    await user.click(await usable('Update using site number…'));
    const dialog = await screen.findByRole('dialog', { name: 'Update using site number' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Site number' }), '1011');
    expect(within(dialog).getByRole('button', { name: 'Update' })).toBeDisabled();
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Reason to start inside the freeze' }),
      'The pilot site must be tried before the event',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Update inside the freeze' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Site 1011 is queued for the update to 5.40.',
    );
    const entry = currentFleet().activity({ kind: 'site-update', page: 1, pageSize: 5 }).items[0];
    expect(entry?.result).toMatchObject({
      text: expect.stringContaining(
        'Started inside the change freeze F1: “The pilot site must be tried before the event”',
      ) as unknown,
    });
  });
});
