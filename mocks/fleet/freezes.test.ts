// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from './clock';
import { Fleet } from './fleet';

/** Saturday 9 November 2024, 15:00 UTC: the scenario (and the new software) begins. */
const EPOCH = Date.UTC(2024, 10, 9, 15, 0, 0);

function fleetAt() {
  let time = EPOCH;
  const fleet = new Fleet({ scenario: 'demo', now: () => time });
  fleet.actor = { id: 'adm-ada', name: 'Ada Novak', role: 'administrator' };
  return {
    fleet,
    atInstant: (iso: string) => {
      time = Date.parse(iso);
      return fleet;
    },
    device: (id: string) => {
      const device = fleet.devices().get(id);
      if (!device) throw new Error(`no ${id}`);
      return device;
    },
  };
}

const sunday = { firstDay: '2024-11-10', lastDay: '2024-11-10', timeZone: 'UTC' };

describe('a change freeze of the fleet', () => {
  // dev-0004 updates every week on Sunday at 12:00 UTC: its window of November 10 is frozen.
  it('moves a maintenance window inside it to the first window after it', () => {
    const { fleet, atInstant, device } = fleetAt();
    fleet.freezes.add({
      requestId: 'freeze-0001',
      name: 'Sunday freeze',
      deviceType: null,
      ...sunday,
    });
    atInstant('2024-11-10T16:00:00Z');
    expect(device('dev-0004').update.state).toBe('available');
    atInstant('2024-11-17T16:00:00Z');
    expect(device('dev-0004').update.state).toBe('up-to-date');
  });

  it('lets a window return once the freeze is ended early', () => {
    const { fleet, atInstant, device } = fleetAt();
    const freeze = fleet.freezes.add({
      requestId: 'freeze-0002',
      name: 'Sunday freeze',
      deviceType: null,
      ...sunday,
    });
    atInstant('2024-11-10T01:00:00Z');
    fleet.freezes.end(freeze.id, 'freeze-end-0002');
    atInstant('2024-11-10T16:00:00Z');
    expect(device('dev-0004').update.state).toBe('up-to-date');
  });

  it('holds "as soon as available" devices until it ends', () => {
    const { fleet, atInstant, device } = fleetAt();
    // dev-0002 would install 46 minutes after the epoch.
    fleet.freezes.add({
      requestId: 'freeze-0003',
      name: 'Weekend freeze',
      deviceType: null,
      firstDay: '2024-11-09',
      lastDay: '2024-11-09',
      timeZone: 'UTC',
    });
    atInstant(new Date(EPOCH + 2 * HOUR).toISOString());
    expect(device('dev-0002').update.state).toBe('available');
    atInstant(new Date(Date.UTC(2024, 10, 10) + 2 * HOUR + 6 * MINUTE).toISOString());
    expect(device('dev-0002').update.state).toBe('up-to-date');
  });

  it('refuses a manual update inside it unless an administrator gives a reason', () => {
    const { fleet } = fleetAt();
    fleet.freezes.add({
      requestId: 'freeze-0004',
      name: 'Weekend freeze',
      deviceType: null,
      firstDay: '2024-11-09',
      lastDay: '2024-11-10',
      timeZone: 'UTC',
    });
    const selection = { mode: 'ids' as const, ids: ['dev-0013'] };
    expect(() => fleet.startUpdates(selection, 'request-0001')).toThrow(
      /The devices are frozen until November 11, 2024, 12:00 AM UTC by “Weekend freeze”, a freeze of the whole fleet/,
    );
    fleet.actor = { id: 'op-omar', name: 'Omar Haddad', role: 'operator' };
    expect(() =>
      fleet.startUpdates(selection, 'request-0002', { reason: 'The vendor asked for it today.' }),
    ).toThrow(/Your role, Operator, cannot start changes inside a change freeze/);
    fleet.actor = { id: 'adm-ada', name: 'Ada Novak', role: 'administrator' };
    expect(
      fleet.startUpdates(selection, 'request-0003', { reason: 'The vendor asked for it today.' }),
    ).toEqual({ started: 1, skipped: [] });
    const entry = fleet.activity({ kind: 'device-update', page: 1, pageSize: 50 }).items[0];
    expect(entry?.result).toEqual({
      status: 'accepted',
      text: '1 device started updating. Started inside the change freeze F1: “The vendor asked for it today.”',
    });
  });

  it('is refused over a past last day or beyond 92 days', () => {
    const { fleet } = fleetAt();
    const ask = { requestId: 'freeze-0005', name: 'Old', deviceType: null, timeZone: 'UTC' };
    expect(() =>
      fleet.freezes.add({ ...ask, firstDay: '2024-11-01', lastDay: '2024-11-08' }),
    ).toThrow(/already be over/);
    expect(() =>
      fleet.freezes.add({
        ...ask,
        requestId: 'freeze-0006',
        firstDay: '2024-12-01',
        lastDay: '2025-03-31',
      }),
    ).toThrow(/at most 92 days/);
    expect(fleet.freezes.list().items).toEqual([]);
  });
});
