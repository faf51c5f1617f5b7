// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { DeviceSchedule } from '../../src/api/schedules';
import { HOUR, MINUTE } from './clock';
import { Fleet } from './fleet';

/** Saturday 9 November 2024, 15:00 UTC: the scenario (and the new software) begins. */
const EPOCH = Date.UTC(2024, 10, 9, 15, 0, 0);

function fleetAt() {
  let time = EPOCH;
  const fleet = new Fleet({ scenario: 'demo', now: () => time });
  return {
    fleet,
    at: (offset: number) => {
      time = EPOCH + offset;
      return fleet;
    },
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

const sundayNoonUtc: DeviceSchedule = {
  mode: 'window',
  window: { repeat: 'weekly', weekday: 0, startTime: '12:00', timeZone: 'UTC' },
};

describe('an “as soon as available” device', () => {
  // dev-0002, the documented AXIS P3227-LV on 11.11.73, started 74 minutes before the epoch:
  // its two-hourly check falls 46 minutes after the new software appeared.
  it('installs at its next two-hourly check, reboots, and runs the new version', () => {
    const { at, device } = fleetAt();
    expect(device('dev-0002').update).toMatchObject({
      state: 'available',
      targetVersion: '11.11.141',
      nextCheckAt: new Date(EPOCH + 46 * MINUTE).toISOString(),
    });
    at(46 * MINUTE);
    expect(device('dev-0002').update.state).toBe('installing');
    at(51 * MINUTE);
    expect(device('dev-0002').update.state).toBe('rebooting');
    at(52 * MINUTE);
    expect(device('dev-0002').update.state).toBe('up-to-date');
    expect(device('dev-0002').software).toEqual({
      version: '11.11.141',
      latestVersion: '11.11.141',
      updateAvailable: false,
    });
  });

  it('has every reachable, onboarded device of that kind updated within two hours', () => {
    const { at } = fleetAt();
    const asap = at(0)
      .devices()
      .all()
      .filter(
        (d) =>
          d.onboarded &&
          d.status === 'reachable' &&
          (d.schedule.mode === 'asap' || !d.supportsScheduling) &&
          d.software.updateAvailable,
      )
      .map((d) => d.id);
    expect(asap.length).toBeGreaterThan(3);
    const later = at(2 * HOUR + 6 * MINUTE).devices();
    for (const id of asap) expect(later.get(id)?.update.state).toBe('up-to-date');
  });
});

describe('a device with a maintenance window', () => {
  // dev-0004, the AXIS M3128-LVE, updates every week on Sunday at 12:00 UTC.
  it('waits for its window and installs inside it', () => {
    const { atInstant, device } = fleetAt();
    atInstant('2024-11-10T11:59:00Z');
    expect(device('dev-0004').update.state).toBe('available');
    expect(device('dev-0004').update.nextCheckAt).toBeNull();
    atInstant('2024-11-10T16:00:00Z');
    expect(device('dev-0004').update.state).toBe('up-to-date');
    expect(device('dev-0004').software.version).toBe('12.6.94');
  });

  it('follows a schedule changed before it installed', () => {
    const { fleet, at, atInstant, device } = fleetAt();
    at(10 * MINUTE);
    fleet.setSchedule({ mode: 'ids', ids: ['dev-0002'] }, sundayNoonUtc);
    at(HOUR);
    expect(device('dev-0002').update.state).toBe('available');
    atInstant('2024-11-10T16:00:00Z');
    expect(device('dev-0002').update.state).toBe('up-to-date');
  });

  it('keeps an update it already installed when the schedule changes later', () => {
    const { fleet, at, device } = fleetAt();
    at(2 * HOUR);
    expect(device('dev-0002').update.state).toBe('up-to-date');
    fleet.setSchedule({ mode: 'ids', ids: ['dev-0002'] }, sundayNoonUtc);
    at(3 * HOUR);
    expect(device('dev-0002').software.version).toBe('11.11.141');
  });
});

describe('devices that wait', () => {
  it('an unreachable device never installs', () => {
    const { at, device } = fleetAt();
    at(30 * 24 * HOUR);
    expect(device('dev-0009')).toMatchObject({
      status: 'unreachable',
      update: { state: 'available', nextCheckAt: null },
    });
  });

  it('a device not onboarded waits for a manual update, which starts at once', () => {
    const { fleet, at, device } = fleetAt();
    at(10 * 24 * HOUR);
    expect(device('dev-0013').update.state).toBe('available');
    const result = fleet.startUpdates({ mode: 'ids', ids: ['dev-0013'] }, 'request-0001');
    expect(result).toEqual({ started: 1, skipped: [] });
    expect(device('dev-0013').update.state).toBe('installing');
    at(10 * 24 * HOUR + 6 * MINUTE);
    expect(device('dev-0013').update.state).toBe('up-to-date');
  });
});

describe('manual updates', () => {
  it('skip devices that are up to date, unreachable or already updating, and say why', () => {
    const { fleet } = fleetAt();
    fleet.startUpdates({ mode: 'ids', ids: ['dev-0013'] }, 'request-first');
    const result = fleet.startUpdates(
      { mode: 'ids', ids: ['dev-0013', 'dev-0009', 'dev-0007', 'dev-0001'] },
      'request-second',
    );
    expect(result.started).toBe(1);
    expect(result.skipped).toEqual(
      expect.arrayContaining([
        { reason: 'up-to-date', count: 1 },
        { reason: 'unreachable', count: 1 },
        { reason: 'already-updating', count: 1 },
      ]),
    );
  });

  it('start once per request id, however often it is sent', () => {
    const { fleet, at } = fleetAt();
    const first = fleet.startUpdates({ mode: 'ids', ids: ['dev-0013'] }, 'request-twice');
    at(10 * MINUTE);
    const again = fleet.startUpdates({ mode: 'ids', ids: ['dev-0013'] }, 'request-twice');
    expect(again).toEqual(first);
    expect(fleet.devices().get('dev-0013')?.update.state).toBe('up-to-date');
  });
});

describe('schedules for a selection', () => {
  it('are ignored by devices that do not support them or are not onboarded, which are named', () => {
    const { fleet } = fleetAt();
    const result = fleet.setSchedule(
      { mode: 'ids', ids: ['dev-0001', 'dev-0003', 'dev-0013'] },
      sundayNoonUtc,
    );
    expect(result.updated).toBe(1);
    expect(result.notSupported.devices.map((d) => d.model)).toEqual(['AXIS S3008']);
    expect(result.notOnboarded.devices.map((d) => d.name)).toEqual(['Front door intercom']);
    expect(fleet.devices().get('dev-0003')?.schedule).toEqual({ mode: 'asap' });
  });

  it('summarize a selection, with the schedule its devices share', () => {
    const { fleet } = fleetAt();
    fleet.setSchedule({ mode: 'ids', ids: ['dev-0001', 'dev-0002'] }, sundayNoonUtc);
    const summary = fleet.summarize({ mode: 'ids', ids: ['dev-0001', 'dev-0002', 'dev-0003'] });
    expect(summary).toMatchObject({
      total: 3,
      schedulable: 2,
      notSupported: { count: 1 },
      notOnboarded: { count: 0 },
      sharedSchedule: sundayNoonUtc,
    });
    expect(
      fleet.summarize({ mode: 'ids', ids: ['dev-0001', 'dev-0005'] }).sharedSchedule,
    ).toBeNull();
  });

  it('apply to every device matching a filter, except those excluded', () => {
    const fleet = new Fleet({ scenario: 'large', now: () => EPOCH });
    const filter = { model: ['AXIS Q1656'], status: 'reachable' as const, onboarded: true };
    const matching = fleet.devices().select({ mode: 'filter', filter, except: [] });
    const excluded = matching[0]?.id ?? '';
    const halfPast: DeviceSchedule = {
      mode: 'window',
      window: { repeat: 'daily', startTime: '12:30', timeZone: 'Asia/Kathmandu' },
    };
    const result = fleet.setSchedule({ mode: 'filter', filter, except: [excluded] }, halfPast);
    expect(result.updated).toBe(matching.length - 1);
    const after = fleet.devices().select({ mode: 'filter', filter, except: [] });
    const withIt = after.filter((d) => JSON.stringify(d.schedule) === JSON.stringify(halfPast));
    expect(withIt).toHaveLength(matching.length - 1);
    expect(withIt.some((d) => d.id === excluded)).toBe(false);
  });
});

describe('seamless system-app updates', () => {
  // Releases every 3 days from a day before the epoch; each within 30 minutes on a device.
  it('install within half an hour of a release, whatever the maintenance window', () => {
    const { at, device } = fleetAt();
    // dev-0004 waits for Sunday 12:00 UTC for interruptive updates.
    expect(device('dev-0004').schedule.mode).toBe('window');
    const before = at(2 * 24 * HOUR - 1)
      .devices()
      .get('dev-0004')?.systemApps;
    expect(before?.pending).toBe(false);
    at(2 * 24 * HOUR + 30 * MINUTE);
    const after = device('dev-0004').systemApps;
    expect(after.pending).toBe(false);
    expect(Date.parse(after.updatedAt ?? '')).toBeGreaterThanOrEqual(EPOCH + 2 * 24 * HOUR);
    // Monday afternoon: far outside its Sunday 12:00–16:00 window.
    expect(new Date(after.updatedAt ?? '').getUTCDay()).toBe(1);
  });

  it('wait on an unreachable device, and never reach a device not onboarded', () => {
    const { at, device } = fleetAt();
    at(7 * 24 * HOUR);
    expect(device('dev-0009').systemApps.pending).toBe(true);
    const notOnboarded = at(7 * 24 * HOUR)
      .devices()
      .all()
      .find((candidate) => !candidate.onboarded);
    expect(notOnboarded?.systemApps).toEqual({ updatedAt: null, pending: true });
  });
});
