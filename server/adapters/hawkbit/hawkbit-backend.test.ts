// @vitest-environment node
/**
 * The console's server on hawkBit, as the console calls it: the contract layer in front of
 * the hawkBit backend, hawkBit played by the stand-in (which refuses any request hawkBit's
 * own document does not define), the console's state in PGlite.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActivityEntry } from '../../../src/api/activity';
import {
  DEVICE_CSV_COLUMNS,
  type DeviceFacets,
  type DeviceList,
  type SelectionSummary,
} from '../../../src/api/devices';
import type { DeviceTypeStatsList, Site, SiteList, UpdateAllResult } from '../../../src/api/sites';
import { Fleet } from '../../../mocks/fleet/fleet';
import type { ErrorBody } from '../../../src/api/errors';
import type { Session } from '../../../src/api/session';
import { createStandin } from '../../../mocks/hawkbit/standin';
import { createApi, type Api } from '../../api';
import { activity, call, signIn } from '../../api-test-support';
import { sealer } from '../../contract/seal';
import { migrate } from '../sql-store/migrate';
import { sqlStore } from '../sql-store/sql-store';
import { testDatabases, type TestDatabase } from '../sql-store/test-databases';
import type { TraceLine } from './client';
import { openHawkbitBackend } from './hawkbit-backend';
import { consoleOnStandin } from './standin-test-support';

const NOW = Date.UTC(2026, 11, 3, 12);

// On PGlite, and on PostgreSQL where the test script started one: what hawkBit lacks is kept there.
describe.each(testDatabases())(
  'the console on hawkBit (the stand-in), its state in $name',
  (kind) => {
    let database: TestDatabase;
    let api: Api;
    let trace: TraceLine[];
    let hawkbitDown = false;
    const standin = createStandin({ scenario: 'demo', now: () => NOW });

    beforeAll(async () => {
      database = await kind.open();
      await migrate(database.sql);
      const store = sqlStore(database.sql);
      const backend = openHawkbitBackend({
        store,
        url: 'http://hawkbit.test',
        fetch: (request) =>
          hawkbitDown ? Promise.reject(new TypeError('fetch failed')) : standin.handle(request),
        trace: (line) => trace.push(line),
        now: () => NOW,
      });
      api = createApi({
        store,
        backend,
        sealer: await sealer('a test secret of thirty-two characters or more'),
        now: () => NOW,
      });
    });
    afterAll(async () => {
      await database.drop();
    });
    beforeEach(async () => {
      trace = [];
      hawkbitDown = false;
      await database.sql.script('TRUNCATE sessions, sign_in_refusals, activity, device_schedules');
    });

    async function devices(as: Awaited<ReturnType<typeof signIn>>, query: string) {
      const response = await call(api, 'GET', `/devices?${query}`, { as });
      expect(response.status).toBe(200);
      return (await response.json()) as DeviceList;
    }

    it('signs in with a hawkBit user, whose permissions give the console’s, and never shows the password', async () => {
      const refused = await call(api, 'POST', '/session', {
        body: { username: 'operator', password: 'wrong' },
      });
      expect(refused.status).toBe(401);
      const operator = await signIn(api, 'operator');
      const session = (await (
        await call(api, 'GET', '/session', { as: operator })
      ).json()) as Session;
      expect(session).toMatchObject({
        role: 'operator',
        capabilities: {
          areas: ['devices', 'sites', 'rollouts', 'servers', 'activity'],
          signOut: true,
          features: [],
          unsortable: { devices: ['warranty', 'apps'], sites: ['timeInState'] },
        },
      });
      expect(session.permissions).toContain('change-schedules');
      expect(JSON.stringify(session)).not.toContain('"operator:');
      // The trace names every request to hawkBit, never a credential.
      expect(trace.map((line) => line.path)).toContain('/rest/v1/userinfo');
      expect(JSON.stringify(trace)).not.toMatch(/Basic|password/i);
      const viewer = await signIn(api, 'viewer');
      expect(
        ((await (await call(api, 'GET', '/session', { as: viewer })).json()) as Session).role,
      ).toBe('viewer');
    });

    it('lists the cameras of hawkBit’s targets with their attributes, metadata and current software', async () => {
      const operator = await signIn(api, 'operator');
      const page = await devices(operator, 'q=172.26.180.2&sort=ip&pageSize=50');
      const p3227 = page.items.find((device) => device.ip === '172.26.180.2');
      expect(p3227).toMatchObject({
        model: 'AXIS P3227-LV',
        serial: 'ACCC8EF37A0E',
        status: 'reachable',
        software: { version: '11.11.73', latestVersion: '11.11.141', updateAvailable: true },
        update: { state: 'available', targetVersion: '11.11.141' },
        schedule: { mode: 'asap' },
      });
      expect(page.items.every((device) => device.ip.includes('172.26.180.2'))).toBe(true);
      const facets = (await (
        await call(api, 'GET', '/devices/facets', { as: operator })
      ).json()) as DeviceFacets;
      expect(facets.total).toBe(facets.models.reduce((sum, model) => sum + model.count, 0));
      expect(facets.models.find((model) => model.model === 'AXIS P3227-LV')?.count).toBeGreaterThan(
        0,
      );
    });

    it('sorts by model and by AXIS OS from ordered segments, page by page as one whole order', async () => {
      const operator = await signIn(api, 'operator');
      for (const sort of ['model', 'version'] as const) {
        for (const order of ['asc', 'desc'] as const) {
          const whole = await devices(operator, `sort=${sort}&order=${order}&pageSize=200`);
          const pages = [];
          for (let page = 1; page <= Math.ceil(whole.total / 3); page += 1) {
            pages.push(
              ...(await devices(operator, `sort=${sort}&order=${order}&pageSize=3&page=${page}`))
                .items,
            );
          }
          expect(pages.map((device) => device.id)).toEqual(whole.items.map((device) => device.id));
          const keys = whole.items.map((device) =>
            sort === 'model' ? device.model : device.software.version,
          );
          const sorted = [...keys].sort((a, b) =>
            sort === 'model' ? a.localeCompare(b) : a.localeCompare(b, 'en', { numeric: true }),
          );
          expect(keys).toEqual(order === 'asc' ? sorted : sorted.reverse());
        }
      }
      const refused = await call(api, 'GET', '/devices?sort=warranty', { as: operator });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as ErrorBody).message).toMatch(
        /hawkBit cannot sort devices by warranty/,
      );
    });

    it('exports every matching device as CSV in the list’s order, streamed page by page', async () => {
      const operator = await signIn(api, 'operator');
      const response = await call(api, 'GET', '/devices/export?sort=model&order=desc', {
        as: operator,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toMatch(/^text\/csv/);
      const [header, ...lines] = (await response.text()).trimEnd().split('\r\n');
      expect(header?.split(',')).toEqual([...DEVICE_CSV_COLUMNS]);
      const whole = await devices(operator, 'sort=model&order=desc&pageSize=200');
      expect(lines).toHaveLength(whole.total);
      expect(lines.map((line) => line.split(',')[4])).toEqual(
        whole.items.map((device) => device.serial),
      );
      // An order hawkBit cannot give is refused before the file begins, with words.
      const refused = await call(api, 'GET', '/devices/export?sort=warranty', { as: operator });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as ErrorBody).code).toBe('unsortable');
    });

    it('keeps a maintenance window per device in the console’s store, in the activity with its operator', async () => {
      const operator = await signIn(api, 'operator');
      const window = {
        mode: 'window',
        window: { repeat: 'weekly', weekday: 0, startTime: '02:00', timeZone: 'America/New_York' },
      };
      const selection = { mode: 'filter', filter: { model: ['AXIS P3227-LV', 'AXIS S3008'] } };
      const summary = (await (
        await call(api, 'POST', '/devices/selection-summary', { as: operator, body: selection })
      ).json()) as SelectionSummary;
      expect(summary.sharedSchedule).toEqual({ mode: 'asap' });
      expect(summary.notSupported.devices.map((device) => device.model)).toEqual(['AXIS S3008']);
      const changed = await call(api, 'PUT', '/devices/schedule', {
        as: operator,
        body: { selection, schedule: window },
      });
      expect(changed.status).toBe(200);
      expect(await changed.json()).toMatchObject({
        updated: summary.schedulable,
        notSupported: { count: 1 },
      });
      const windowed = await devices(operator, 'schedule=window&pageSize=50');
      expect(windowed.total).toBe(summary.schedulable);
      expect(windowed.items.every((device) => device.schedule.mode === 'window')).toBe(true);
      const after = (await (
        await call(api, 'POST', '/devices/selection-summary', { as: operator, body: selection })
      ).json()) as SelectionSummary;
      expect(after.sharedSchedule).toEqual(window);
      const [entry] = (await activity(api, operator)).items;
      expect(entry).toMatchObject({
        kind: 'device-schedule',
        operator: { id: 'hawkbit:operator' },
        result: { status: 'accepted' },
      });
      expect(entry?.summary).toMatch(/America\/New_York/);
      expect(entry?.scope.text).toMatch(/^Every device matching model AXIS P3227-LV or AXIS S3008/);
    });

    it('takes a long list of exceptions off a filter without a URL hawkBit’s web server would refuse', async () => {
      const operator = await signIn(api, 'operator');
      const every = (await (
        await call(api, 'POST', '/devices/selection-summary', {
          as: operator,
          body: { mode: 'filter', filter: {} },
        })
      ).json()) as SelectionSummary;
      // One real device among 600 exceptions: too many for one `=out=` in a URL.
      const except = [
        'ACCC8EF37A0E',
        ...Array.from({ length: 599 }, (_, i) => `ACCC8E${String(i).padStart(6, '0')}`),
      ];
      trace = [];
      const summary = (await (
        await call(api, 'POST', '/devices/selection-summary', {
          as: operator,
          body: { mode: 'filter', filter: {}, except },
        })
      ).json()) as SelectionSummary;
      expect(summary.total).toBe(every.total - 1);
      expect(summary.schedulable).toBe(every.schedulable - 1);
      const longest = Math.max(
        ...trace.map((line) => new URLSearchParams(line.query).toString().length),
      );
      expect(longest).toBeLessThan(8_000);
    });

    it('refuses a viewer’s change before hawkBit is asked, and records the refusal', async () => {
      const viewer = await signIn(api, 'viewer');
      trace = [];
      const refused = await call(api, 'PUT', '/devices/schedule', {
        as: viewer,
        body: { selection: { mode: 'ids', ids: ['ACCC8EF37A0E'] }, schedule: { mode: 'asap' } },
      });
      expect(refused.status).toBe(403);
      expect(trace).toEqual([]);
      const [entry] = (await activity(api, viewer)).items;
      expect(entry).toMatchObject({
        kind: 'device-schedule',
        operator: { id: 'hawkbit:viewer' },
        result: { status: 'refused', code: 'forbidden' },
        scope: { devices: { ids: ['ACCC8EF37A0E'] } },
      });
    });

    it('says in words when hawkBit is down', async () => {
      const operator = await signIn(api, 'operator');
      hawkbitDown = true;
      const down = await call(api, 'GET', '/devices?pageSize=5', { as: operator });
      expect(down.status).toBe(502);
      expect(((await down.json()) as ErrorBody).message).toMatch(
        /hawkBit could not be reached. Try again/,
      );
      hawkbitDown = false;
    });

    async function json<T>(response: Promise<Response>, status = 200): Promise<T> {
      const answer = await response;
      expect(answer.status).toBe(status);
      return (await answer.json()) as T;
    }

    it('counts each type’s sites as the built-in fleet does, from count queries', async () => {
      const operator = await signIn(api, 'operator');
      trace = [];
      const stats = await json<DeviceTypeStatsList>(
        call(api, 'GET', '/device-types', { as: operator }),
      );
      const fleet = new Fleet({ scenario: 'demo', now: () => NOW });
      // hawkBit has no holds and no recalls: it names neither, and the fleet's demo has none.
      const byType = (list: DeviceTypeStatsList) =>
        Object.fromEntries(
          list.items.map(({ deviceType, held, recalled, ...rest }) => {
            expect(held ?? 0).toBe(0);
            expect(recalled ?? []).toEqual([]);
            return [deviceType, rest];
          }),
        );
      expect(byType(stats)).toEqual(byType(fleet.siteStats()));
      // Never a scan: every target list asked for is a count or a short page.
      const lists = trace.filter((line) => line.path === '/rest/v1/targets');
      expect(lists.every((line) => Number(line.query.limit) <= 500)).toBe(true);
    });

    it('shows each site’s update step from its hawkBit action, as the built-in fleet has it', async () => {
      const operator = await signIn(api, 'operator');
      const list = await json<SiteList>(
        call(api, 'GET', '/device-types/Nord%20GSM/sites?pageSize=50', { as: operator }),
      );
      const fleet = new Fleet({ scenario: 'demo', now: () => NOW });
      const expected = fleet.listSites('Nord GSM', {
        sort: 'number',
        order: 'asc',
        page: 1,
        pageSize: 50,
      });
      const view = (site: Site) => ({
        number: site.number,
        version: site.version,
        channel: site.channel,
        connected: site.connected,
        state: site.update?.state ?? null,
        parts: site.update ? [site.update.download.parts, site.update.download.totalParts] : null,
        cause: site.noUpdateCause,
      });
      expect(list.items.map(view)).toEqual(expected.items.map(view));
      expect(list.total).toBe(expected.total);
    });

    it('updates all sites of a type by assignments of at most 5,000, names those left out, and records it', async () => {
      const operator = await signIn(api, 'operator');
      trace = [];
      const result = await json<UpdateAllResult>(
        call(api, 'POST', '/device-types/Nord%20GSM/update-all', {
          as: operator,
          body: { requestId: 'update-all-nord-1' },
        }),
        202,
      );
      expect(result).toMatchObject({
        queued: 5,
        leftOut: [
          { reason: 'already-updating', sites: [1017, 1018, 1019, 1020] },
          { reason: 'no-ip-channel', sites: [1016] },
        ],
      });
      const assignments = trace.filter((line) => line.method === 'POST');
      expect(assignments.map((line) => line.path)).toEqual([
        expect.stringMatching(/^\/rest\/v1\/distributionsets\/\d+\/assignedTargets$/) as unknown,
      ]);
      expect((assignments[0]?.body as unknown[]).length).toBe(5);
      const stats = await json<DeviceTypeStatsList>(
        call(api, 'GET', '/device-types', { as: operator }),
      );
      expect(stats.items.find((item) => item.deviceType === 'Nord GSM')).toMatchObject({
        updating: 9,
        noUpdatePlanned: 1,
      });
      const [entry] = (await activity(api, operator)).items;
      expect(entry).toMatchObject({
        kind: 'site-update-all',
        operator: { id: 'hawkbit:operator' },
        result: { status: 'accepted', text: 'Queued 5 sites for the update to 5.40.' },
      });
    });

    it('cancels until the download is complete, refuses afterwards, and refuses sites it cannot update', async () => {
      const operator = await signIn(api, 'operator');
      const refused = await call(api, 'POST', '/device-types/Nord%20GSM/sites/1018/cancel', {
        as: operator,
      });
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as ErrorBody).code).toBe('already_downloaded');
      const cancelled = await json<Site>(
        call(api, 'POST', '/device-types/Nord%20GSM/sites/1017/cancel', { as: operator }),
      );
      expect(cancelled).toMatchObject({ update: null, noUpdateCause: 'cancelled' });
      for (const [siteNumber, status, code] of [
        [2001, 409, 'wrong_device_type'],
        [1016, 422, 'no_ip_channel'],
        [1001, 409, 'already_current'],
        [9999, 404, 'site_not_found'],
      ] as const) {
        const answer = await call(api, 'POST', '/device-types/Nord%20GSM/updates', {
          as: operator,
          body: { siteNumber },
        });
        expect(answer.status, String(siteNumber)).toBe(status);
        expect(((await answer.json()) as ErrorBody).code).toBe(code);
      }
      const queued = await json<Site>(
        call(api, 'POST', '/device-types/Nord%20GSM/updates', {
          as: operator,
          body: { siteNumber: 1017 },
        }),
        202,
      );
      expect(queued.update?.state).toBe('queued');
      const kinds = (await activity(api, operator)).items.map(
        (entry: ActivityEntry) => `${entry.kind} ${entry.result.status}`,
      );
      expect(kinds.slice(0, 7)).toEqual([
        'site-update accepted',
        'site-update refused',
        'site-update refused',
        'site-update refused',
        'site-update refused',
        'site-cancel accepted',
        'site-cancel refused',
      ]);
    });
  },
);

describe('devices updating on hawkBit (the stand-in), by the clock', () => {
  let database: TestDatabase;
  let api: Api;
  let trace: TraceLine[];
  // Saturday 13 March 2027, the day before New York moves its clocks forward.
  let clock = Date.UTC(2027, 2, 13, 12);

  beforeAll(async () => {
    ({ api, database } = await consoleOnStandin({
      scenario: 'demo',
      now: () => clock,
      trace: (line) => trace.push(line),
    }));
  });
  afterAll(async () => {
    await database.drop();
  });

  const p3227 = async (as: Awaited<ReturnType<typeof signIn>>) => {
    const response = await call(api, 'GET', '/devices/ACCC8EF37A0E', { as });
    expect(response.status).toBe(200);
    return (await response.json()) as DeviceList['items'][number];
  };

  it('hands hawkBit a window in the offset in force at its start, and the device installs in it', async () => {
    trace = [];
    const operator = await signIn(api, 'operator');
    const changed = await call(api, 'PUT', '/devices/schedule', {
      as: operator,
      body: {
        selection: { mode: 'ids', ids: ['ACCC8EF37A0E'] },
        schedule: {
          mode: 'window',
          window: {
            repeat: 'weekly',
            weekday: 0,
            startTime: '02:30',
            timeZone: 'America/New_York',
          },
        },
      },
    });
    expect(changed.status).toBe(200);
    const [assignment] = trace.filter((line) => line.method === 'POST');
    // 02:30 does not exist on 14 March 2027 in New York: the window opens at 03:30 EDT (UTC-4).
    expect(assignment?.body).toEqual([
      {
        id: 'ACCC8EF37A0E',
        type: 'forced',
        maintenanceWindow: { schedule: '0 30 3 ? * SUN', duration: '04:00:00', timezone: '-04:00' },
      },
    ]);
    const [entry] = (await activity(api, operator)).items;
    expect(entry?.result).toEqual({
      status: 'accepted',
      text: '1 device took the schedule; hawkBit was given the newer software of 1 device for it.',
    });
    expect((await p3227(operator)).update.state).toBe('available');
    // Past an operator's session: sign in again on the Sunday.
    clock = Date.UTC(2027, 2, 14, 7, 31);
    const sunday = await signIn(api, 'operator');
    expect((await p3227(sunday)).update.state).toBe('installing');
    clock = Date.UTC(2027, 2, 14, 7, 40);
    expect(await p3227(sunday)).toMatchObject({
      software: { version: '11.11.141', updateAvailable: false },
      update: { state: 'up-to-date' },
    });
  });

  it('starts a manual update now, outside any window, and says why others were left', async () => {
    trace = [];
    const operator = await signIn(api, 'operator');
    const started = await call(api, 'POST', '/devices/updates', {
      as: operator,
      body: {
        selection: { mode: 'filter', filter: { model: ['AXIS M1075-L'] } },
        requestId: 'manual-m1075-1',
      },
    });
    expect(started.status).toBe(202);
    expect(await started.json()).toMatchObject({
      started: 1,
      skipped: [{ reason: 'up-to-date', count: 1 }],
    });
    const [assignment] = trace.filter((line) => line.method === 'POST');
    expect(assignment?.body).toEqual([{ id: 'ACCC8E501075', type: 'forced' }]);
    const [entry] = (await activity(api, operator)).items;
    expect(entry).toMatchObject({
      kind: 'device-update',
      result: { text: '1 device started updating; 1 left as they were.' },
    });
  });

  it('hands an offline device its window again when the zone’s offset changes before it installs', async () => {
    // Saturday 30 October 2027: New York is on EDT until Sunday 7 November.
    clock = Date.UTC(2027, 9, 30, 12);
    trace = [];
    const operator = await signIn(api, 'operator');
    const schedule = {
      mode: 'window',
      window: { repeat: 'weekly', weekday: 0, startTime: '02:30', timeZone: 'America/New_York' },
    };
    const speaker = 'B8A44F301310'; // unreachable: it takes nothing until it polls again
    const changed = await call(api, 'PUT', '/devices/schedule', {
      as: operator,
      body: { selection: { mode: 'ids', ids: [speaker] }, schedule },
    });
    expect(changed.status).toBe(200);
    const windows = () =>
      trace.flatMap((line) =>
        line.method === 'POST'
          ? (line.body as { maintenanceWindow?: { schedule: string; timezone: string } }[]).map(
              (entry) => entry.maintenanceWindow,
            )
          : [],
      );
    expect(windows()).toEqual([
      { schedule: '0 30 2 ? * SUN', duration: '04:00:00', timezone: '-04:00' },
    ]);
    // Wednesday 3 November: the next window, on the 7th, is at 02:30 EST.
    clock = Date.UTC(2027, 10, 3, 12);
    const later = await signIn(api, 'operator');
    await call(api, 'GET', '/devices?pageSize=5', { as: later });
    await vi.waitFor(() => expect(windows()).toHaveLength(2), { timeout: 10_000 });
    expect(windows()[1]).toEqual({
      schedule: '0 30 2 ? * SUN',
      duration: '04:00:00',
      timezone: '-05:00',
    });
    expect(trace.some((line) => line.method === 'DELETE' && line.path.includes(speaker))).toBe(
      true,
    );
  });
});
