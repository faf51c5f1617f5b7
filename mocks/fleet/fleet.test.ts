// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { DeviceListQuery } from '../../src/api/devices';
import { HOUR } from './clock';
import { DeviceBook } from './device-book';
import { Fleet } from './fleet';
import { memoryStore } from './persistence';
import { buildScenario } from './scenarios';
import { fleetCustomer } from './customers';

const NORDIC = fleetCustomer('nordic') ?? { id: 'nordic', name: 'Nordic Alarm AB' };

const query = (values: Record<string, unknown> = {}) => DeviceListQuery.parse(values);

describe('scenarios', () => {
  it('build the same fleet every time', () => {
    expect(buildScenario('large')).toEqual(buildScenario('large'));
  });

  it('demo holds the documented devices with their IP, MAC and AXIS OS', () => {
    const devices = new Fleet({ scenario: 'demo' }).devices().all();
    const byIp = (ip: string) => devices.find((device) => device.ip === ip);
    expect(byIp('172.26.180.173')).toMatchObject({
      model: 'AXIS C1004-E',
      status: 'reachable',
      serial: 'ACCC8EF3100E',
      software: { version: '10.12.240.1' },
    });
    expect(byIp('172.26.180.2')).toMatchObject({
      model: 'AXIS P3227-LV',
      serial: 'ACCC8EF37A0E',
      software: { version: '11.11.73' },
    });
    const m3128 = devices.find((device) => device.model === 'AXIS M3128-LVE');
    expect(m3128?.apps).toEqual({ running: 6, stopped: 2 });
    expect(devices.some((device) => device.model === 'AXIS S3008')).toBe(true);
    expect(devices.some((device) => !device.onboarded)).toBe(true);
    expect(devices.some((device) => !device.supportsScheduling)).toBe(true);
    expect(devices.some((device) => device.status === 'unreachable')).toBe(true);
    expect(devices.length).toBeGreaterThanOrEqual(12);
  });

  it('demo holds the documented Nord GSM example: 20 sites, 5.40, 6 red, 4 yellow, 10 current', () => {
    const { sites, deviceTypes } = buildScenario('demo');
    const nord = sites.filter((site) => site.deviceType === 'Nord GSM');
    expect(deviceTypes.find((type) => type.name === 'Nord GSM')?.currentVersion).toBe('5.40');
    expect(nord.map((site) => site.number)).toEqual(
      Array.from({ length: 20 }, (_, index) => 1001 + index),
    );
    const current = nord.filter((site) => site.version === '5.40');
    const updating = nord.filter((site) => site.version !== '5.40' && site.update);
    const red = nord.filter((site) => site.version !== '5.40' && !site.update);
    expect(current.map((site) => site.number)).toEqual([
      1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010,
    ]);
    expect(red.map((site) => site.number)).toEqual([1011, 1012, 1013, 1014, 1015, 1016]);
    expect(updating.map((site) => [site.number, site.update?.state])).toEqual([
      [1017, 'downloading'],
      [1018, 'waiting-for-disarm'],
      [1019, 'queued'],
      [1020, 'waiting-for-connection'],
    ]);
    expect(nord.find((site) => site.number === 1016)?.channel).toBe('sms');
    expect(nord.find((site) => site.number === 1020)?.connected).toBe(false);
    const armedEverywhere = nord.filter((site) => site.partitions.every((p) => p.armed));
    expect(armedEverywhere.map((site) => site.number)).toEqual([1018]);
  });

  it('large holds 100,000 devices and empty none', () => {
    expect(new Fleet({ scenario: 'large' }).devices().list(query()).total).toBe(100_000);
    expect(new Fleet({ scenario: 'empty' }).devices().list(query()).total).toBe(0);
  });
});

describe('device list queries', () => {
  const fleet = new Fleet({ scenario: 'large' });

  it('pages without overlap or gaps in a sorted order', () => {
    const first = fleet.devices().list(query({ sort: 'version', pageSize: 200 }));
    const second = fleet.devices().list(query({ sort: 'version', pageSize: 200, page: 2 }));
    const ids = new Set([...first.items, ...second.items].map((device) => device.id));
    expect(ids.size).toBe(400);
  });

  it('sorts descending as the exact reverse of ascending', () => {
    const asc = fleet.devices().list(query({ sort: 'ip', pageSize: 3 }));
    const desc = fleet.devices().list(query({ sort: 'ip', order: 'desc', pageSize: 3 }));
    expect(asc.items.map((d) => d.ip)).toEqual(['10.0.0.0', '10.0.0.1', '10.0.0.2']);
    expect(desc.items[0]?.ip).toBe('10.1.134.159');
  });

  it('combines filters', () => {
    const page = fleet.devices().list(
      query({
        status: 'unreachable',
        model: ['AXIS Q1656'],
        updateAvailable: 'true',
        pageSize: 200,
      }),
    );
    expect(page.total).toBeGreaterThan(0);
    for (const device of page.items) {
      expect(device).toMatchObject({
        status: 'unreachable',
        model: 'AXIS Q1656',
        software: { updateAvailable: true },
      });
    }
  });

  it('resolves a filter selection with exceptions on the server side', () => {
    const all = fleet.devices().select({
      mode: 'filter',
      filter: { model: ['AXIS S3008'], status: 'reachable' },
      except: [],
    });
    const firstId = all[0]?.id ?? '';
    const without = fleet.devices().select({
      mode: 'filter',
      filter: { model: ['AXIS S3008'], status: 'reachable' },
      except: [firstId],
    });
    expect(without).toHaveLength(all.length - 1);
    expect(without.some((device) => device.id === firstId)).toBe(false);
  });
});

describe('the first list, before the index', () => {
  it('answers an unfiltered list by model, IP or serial exactly as the index does', () => {
    const store = memoryStore();
    // One instant for all three, so the clock cannot tick between the answers compared.
    const now = () => Date.parse('2024-11-09T06:00:00Z');
    // An operator's change, so the answer is not only the seeds' defaults.
    new Fleet({ scenario: 'large', store, now }).setSchedule(
      { mode: 'ids', ids: ['dev-000001'] },
      { mode: 'asap' },
    );
    const early = new Fleet({ scenario: 'large', store, now });
    const indexing = vi.spyOn(DeviceBook.prototype, 'index');
    const queries = [
      query(),
      query({ sort: 'model', order: 'desc', page: 3, pageSize: 100 }),
      query({ sort: 'ip', page: 2000 }),
      query({ sort: 'serial', order: 'desc' }),
    ];
    const quick = queries.map((each) => early.listDevices(each));
    expect(indexing).not.toHaveBeenCalled();
    indexing.mockRestore();
    const indexed = new Fleet({ scenario: 'large', store, now });
    const slow = queries.map((each) => indexed.devices().list(each));
    expect(quick).toEqual(slow);
    expect(quick[0]?.total).toBe(100_000);
    expect(quick[2]?.items).toHaveLength(50);
  });

  it('answers a list of one customer’s devices by model or IP exactly as the index does, still without it', () => {
    const now = () => Date.parse('2024-11-09T06:00:00Z');
    const early = new Fleet({ scenario: 'large', now });
    early.actor = { id: 'op-nils', name: 'Nils Ek', role: 'operator', customer: NORDIC };
    const indexing = vi.spyOn(DeviceBook.prototype, 'index');
    const queries = [query(), query({ sort: 'ip', order: 'desc', page: 40, pageSize: 100 })];
    const quick = queries.map((each) => early.listDevices(each));
    expect(indexing).not.toHaveBeenCalled();
    indexing.mockRestore();
    const indexed = new Fleet({ scenario: 'large', now });
    const slow = queries.map((each) => indexed.devices().list({ ...each, customer: ['nordic'] }));
    expect(quick).toEqual(slow);
    expect(quick[0]?.total).toBeGreaterThan(40_000);
    expect(quick[0]?.total).toBeLessThan(60_000);
    expect(quick[1]?.items.every((device) => device.customer?.id === 'nordic')).toBe(true);
  });

  it('warmed a slice at a time, answers as an index built at once, even when a change or a minute comes between slices', () => {
    const store = memoryStore();
    let time = Date.parse('2024-11-09T06:00:00Z');
    const now = () => time;
    const warmed = new Fleet({ scenario: 'large', store, now });
    expect(warmed.warmDevices(30_000)).toBe(false);
    // A change between slices: the slices derived before it are derived again.
    warmed.setSchedule({ mode: 'ids', ids: ['dev-000001', 'dev-099999'] }, { mode: 'asap' });
    expect(warmed.warmDevices(30_000)).toBe(false);
    time += 3 * 60_000;
    let slices = 0;
    while (!warmed.warmDevices(30_000)) slices += 1;
    expect(slices).toBe(3);
    const sorts = [query({ sort: 'version', pageSize: 200 }), query({ sort: 'status', page: 7 })];
    const fresh = new Fleet({ scenario: 'large', store, now });
    for (const sort of sorts) {
      expect(warmed.devices().list(sort)).toEqual(fresh.devices().list(sort));
    }
  });

  it('counts the models from the seeds as the index would', () => {
    const fleet = new Fleet({ scenario: 'demo' });
    const facets = fleet.deviceFacets();
    const all = fleet.devices().all();
    expect(facets.total).toBe(all.length);
    for (const { model, count } of facets.models) {
      expect(all.filter((device) => device.model === model)).toHaveLength(count);
    }
  });
});

describe('persistence and time', () => {
  const weekendWindow = {
    mode: 'window',
    window: { repeat: 'weekly', weekday: 0, startTime: '12:00', timeZone: 'UTC' },
  } as const;

  it('keeps operations, not the fleet, and replays them after a reload', () => {
    const store = memoryStore();
    const before = new Fleet({ scenario: 'demo', store, now: () => Date.UTC(2024, 10, 8) });
    before.setSchedule({ mode: 'ids', ids: ['dev-0001'] }, weekendWindow);
    const stored = JSON.stringify(store.load());
    expect(stored).toContain('"weekday":0');
    expect(stored).not.toContain('172.26.180.173');

    const after = new Fleet({ scenario: 'demo', store, now: () => Date.UTC(2024, 10, 9) });
    expect(after.devices().get('dev-0001')?.schedule).toEqual(weekendWindow);
    expect(after.epoch).toBe(Date.UTC(2024, 10, 8));
  });

  it('starts again when the stored changes belong to another scenario', () => {
    const store = memoryStore();
    new Fleet({ scenario: 'demo', store }).setSchedule(
      { mode: 'ids', ids: ['dev-0001'] },
      weekendWindow,
    );
    const large = new Fleet({ scenario: 'large', store });
    expect(large.epoch).toBeGreaterThan(0);
    expect(JSON.stringify(store.load())).not.toContain('"weekday":0');
  });

  it.each([1e300, -1e300, 1e20])(
    'discards stored changes whose epoch (%d) cannot be a date, and answers',
    (epoch) => {
      const now = () => Date.UTC(2024, 10, 8, 10, 0);
      const store = memoryStore({ version: 2, scenario: 'demo', epoch, operations: [] });
      const fleet = new Fleet({ scenario: 'demo', store, now });
      expect(fleet.epoch).toBe(now());
      expect(fleet.listDevices(query()).items.length).toBeGreaterThan(0);
      expect(fleet.siteStats().items.length).toBeGreaterThan(0);
      expect((store.load() as { epoch: number }).epoch).toBe(now());
    },
  );

  it('derives time-dependent fields from the clock it is given', () => {
    let time = Date.UTC(2024, 10, 8, 10, 0, 30);
    const fleet = new Fleet({ scenario: 'demo', now: () => time });
    expect(fleet.devices().get('dev-0001')?.lastSeenAt).toBe('2024-11-08T10:00:00.000Z');
    time += 2 * HOUR;
    expect(fleet.devices().get('dev-0001')?.lastSeenAt).toBe('2024-11-08T12:00:00.000Z');
    // An unreachable device was last seen before the scenario began, however late it is now.
    expect(fleet.devices().get('dev-0009')?.lastSeenAt).toBe('2024-11-05T10:00:30.000Z');
  });

  it('moved on minute by minute, answers as a fleet built afresh at that minute', () => {
    const store = memoryStore();
    let time = Date.UTC(2024, 10, 8, 10, 0);
    const stepped = new Fleet({ scenario: 'large', store, now: () => time });
    const sorts = [
      query({ sort: 'version', pageSize: 200 }),
      query({ sort: 'ip', order: 'desc', pageSize: 50, q: '11.' }),
      query({ sort: 'model', updateAvailable: 'true', pageSize: 100, page: 3 }),
    ];
    for (const sort of sorts) stepped.devices().list(sort);
    for (let step = 0; step < 4; step += 1) {
      time += 7 * 60_000;
      const fresh = new Fleet({ scenario: 'large', store, now: () => time });
      for (const sort of sorts) {
        expect(stepped.devices().list(sort)).toEqual(fresh.devices().list(sort));
      }
    }
  });
});
