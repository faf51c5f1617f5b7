// @vitest-environment node
/**
 * Property-based tests of the built-in fleet's HTTP handlers: thousands of random requests,
 * valid and invalid by the contract, in random order and at random times. A valid request
 * never answers 5xx (nor 400), an invalid one answers 400 with `details`, and the fleet's
 * invariants hold afterwards.
 */
import fc from 'fast-check';
import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { allEndpoints, contract } from '../../src/api/contract';
import { fillPath, readQuery, type Endpoint } from '../../src/api/endpoint';
import { HOUR, MINUTE } from '../fleet/clock';
import { Fleet } from '../fleet/fleet';
import { SiteListQuery } from '../../src/api/sites';
import { fleetHandlers } from '.';
import { rolloutArbitraries } from './rollout-arbitraries';

const apiRoot = 'http://fleet.test/api/';

/**
 * The suite explores the same requests every run, so it is steady; `FC_SEED=<n>` (or
 * `FC_SEED=random`) explores others. fast-check prints the seed of any failure to replay it.
 */
const runSettings =
  process.env.FC_SEED === 'random' ? {} : { seed: Number(process.env.FC_SEED ?? 20261125) };
const START = Date.UTC(2024, 10, 8, 9, 30);

/** What the demo fleet holds, so generated requests often name real things. */
const demo = new Fleet({ scenario: 'demo', now: () => START });
const deviceIds = demo
  .devices()
  .all()
  .map((device) => device.id);
const models = demo.deviceFacets().models.map((facet) => facet.model);
const deviceTypes = demo.siteStats().items.map((type) => type.deviceType);
const serverIds = demo.listServers().items.map((server) => server.id);
const modules = serverIds.flatMap((id) => demo.server(id).modules);
const moduleNames = modules.map((module) => module.name);
const moduleVersions = modules.flatMap((module) => module.versions.map((v) => v.version));

/** Mostly values the contract takes, sometimes anything JSON can hold. */
function sometimesJunk<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: fc.jsonValue() });
}

const text = fc.string({ maxLength: 12 });
/** Mostly one of the fleet's own names, sometimes any text. */
const known = (names: string[]) =>
  fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: text });
const deviceId = known(deviceIds);
const filter = fc.record(
  {
    q: fc.oneof(fc.constantFrom('AXIS', '172.26', 'P32', '11.'), text),
    status: fc.constantFrom('reachable', 'unreachable'),
    model: fc.array(known(models), { maxLength: 3 }),
    schedule: fc.constantFrom('asap', 'window', 'unsupported'),
    updateAvailable: fc.boolean(),
    onboarded: fc.boolean(),
  },
  { requiredKeys: [] },
);
const selection = fc.oneof(
  fc.record({
    mode: fc.constant('ids'),
    ids: fc.array(deviceId, { minLength: 1, maxLength: 6 }),
  }),
  fc.record({
    mode: fc.constant('filter'),
    filter,
    except: fc.array(deviceId, { maxLength: 3 }),
  }),
);
const hhmm = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const schedule = fc.oneof(
  fc.constant({ mode: 'asap' }),
  fc.record({
    mode: fc.constant('window'),
    window: fc.record(
      {
        repeat: fc.constantFrom('daily', 'weekly'),
        weekday: fc.integer({ min: 0, max: 6 }),
        startTime: hhmm,
        timeZone: fc.constantFrom(
          'UTC',
          'Europe/Stockholm',
          'America/New_York',
          'Australia/Lord_Howe',
          'Asia/Kathmandu',
        ),
      },
      { requiredKeys: ['repeat', 'startTime', 'timeZone'] },
    ),
  }),
);
/** A module of some server with one of its own versions, or removed. */
const moduleChange = fc.constantFrom(...modules).chain((module) =>
  fc.record({
    name: fc.constant(module.name),
    version: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...module.versions.map((v) => v.version)) },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
  }),
);

/** A few keys, so the same key comes back with the same or another request. */
const requestId = fc.oneof(
  fc.constantFrom('request-0001', 'request-0002', 'request-0003'),
  fc.string({ minLength: 8, maxLength: 20 }),
);
const siteNumber = fc.oneof(fc.integer({ min: 1001, max: 1030 }), fc.integer());
const deviceType = known(deviceTypes);
const serverId = known(serverIds);
const listQuery = fc.record(
  {
    q: text,
    status: fc.constantFrom('reachable', 'unreachable'),
    state: fc.constantFrom('current', 'no-update', 'updating', 'queued', 'downloading'),
    sort: fc.constantFrom(
      'model',
      'ip',
      'status',
      'version',
      'name',
      'serial',
      'apps',
      'number',
      'state',
      'timeInState',
      'channel',
    ),
    order: fc.constantFrom('asc', 'desc'),
    page: fc.integer({ min: 0, max: 4 }).map(String),
    pageSize: fc.constantFrom('1', '10', '50', '200', '201', 'many'),
    updateAvailable: fc.constantFrom('true', 'false', 'maybe'),
  },
  { requiredKeys: [] },
);

const { rolloutPlan, rollout } = rolloutArbitraries({ deviceType, siteNumber, text });

/** Arbitrary inputs per endpoint, keyed by operationId. */
const inputs: Record<string, { params?: fc.Arbitrary<unknown>; body?: fc.Arbitrary<unknown> }> = {
  getDevice: { params: fc.record({ deviceId }) },
  summarizeDeviceSelection: { body: selection },
  setDeviceSchedule: { body: fc.record({ selection, schedule }) },
  startDeviceUpdates: { body: fc.record({ selection, requestId }) },
  listSites: { params: fc.record({ deviceType }) },
  updateSite: { params: fc.record({ deviceType }), body: fc.record({ siteNumber }) },
  planUpdateAll: { params: fc.record({ deviceType }) },
  updateAll: { params: fc.record({ deviceType }), body: fc.record({ requestId }) },
  cancelSiteUpdate: {
    params: fc.record({ deviceType, siteNumber: siteNumber.map(String) }),
  },
  getServer: { params: fc.record({ serverId }) },
  setServerTarget: {
    params: fc.record({ serverId }),
    body: fc.record({
      modules: fc.array(
        fc.oneof(
          { weight: 4, arbitrary: moduleChange },
          {
            weight: 1,
            arbitrary: fc.record({
              name: known(moduleNames),
              version: fc.oneof(known(moduleVersions), fc.constant(null)),
            }),
          },
        ),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  },
  setServerSettings: {
    params: fc.record({ serverId }),
    body: fc.record({
      updateType: fc.constantFrom('manual', 'on-boot'),
      restartOnFailure: fc.constantFrom('stop', 'immediately', '10s', '30s', '1m'),
    }),
  },
  startUpgrade: { params: fc.record({ serverId }), body: fc.record({ requestId }) },
  listRollouts: { params: fc.record({ deviceType }) },
  previewRollout: { params: fc.record({ deviceType }), body: rolloutPlan },
  startRollout: {
    params: fc.record({ deviceType }),
    body: fc.tuple(rolloutPlan, requestId).map(([plan, id]) => ({ ...plan, requestId: id })),
  },
  getRollout: { params: rollout },
  pauseRollout: { params: rollout },
  resumeRollout: { params: rollout },
  haltRollout: { params: rollout },
  startRolloutWave: {
    params: fc.tuple(rollout, fc.constantFrom('1', '2', '3')).map(([path, wave]) => ({
      ...path,
      wave,
    })),
  },
  retryRolloutWave: {
    params: fc.tuple(rollout, fc.constantFrom('1', '2', '3')).map(([path, wave]) => ({
      ...path,
      wave,
    })),
    body: fc.record({ requestId }),
  },
};

interface ApiCall {
  /** The operationId: short in a counterexample, where a whole endpoint would not be. */
  operation: string;
  params: unknown;
  query: Record<string, string>;
  body: unknown;
  /** Milliseconds the clock moves before the call. */
  wait: number;
}

// Signing in with a password is for the console's server (server/contract/store-gate.ts): the
// simulated operator of the fleet in the browser is always signed in. API tokens and webhooks
// are the server's own too (server/contract/api-tokens.ts, server/webhooks/).
const endpoints = allEndpoints().filter(
  (endpoint) =>
    endpoint.id !== 'signIn' &&
    endpoint.id !== 'signOut' &&
    ![...Object.values(contract.tokens), ...Object.values(contract.webhooks)].some(
      (own) => own.id === endpoint.id,
    ),
);
const byId = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint]));
const endpointOf = (request: ApiCall) => byId.get(request.operation) as Endpoint;

const call: fc.Arbitrary<ApiCall> = fc
  .constantFrom(...endpoints.filter((endpoint) => inputs[endpoint.id] || !endpoint.params))
  .chain((endpoint) => {
    const given = inputs[endpoint.id] ?? {};
    return fc.record({
      operation: fc.constant(endpoint.id),
      params: endpoint.params ? sometimesJunk(given.params ?? fc.constant({})) : fc.constant({}),
      query: endpoint.query ? listQuery : fc.constant({}),
      body: endpoint.body ? sometimesJunk(given.body ?? fc.constant({})) : fc.constant(undefined),
      wait: fc.oneof(
        fc.constant(0),
        fc.integer({ min: 1, max: 10 * MINUTE }),
        fc.integer({ min: 1, max: 30 * HOUR }),
      ),
    });
  });

/** Whether the contract takes the call: its path parameters, query and body all fit. */
function fits(request: ApiCall, url: URL): boolean {
  const endpoint = endpointOf(request);
  if (endpoint.params && !endpoint.params.safeParse(request.params).success) return false;
  if (
    endpoint.query &&
    !endpoint.query.safeParse(readQuery(endpoint.query, url.searchParams)).success
  )
    return false;
  if (endpoint.body && !endpoint.body.safeParse(request.body).success) return false;
  return true;
}

function urlOf(request: ApiCall): URL | undefined {
  const endpoint = endpointOf(request);
  const params = request.params as Record<string, unknown>;
  const names = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
  if (names.length > 0) {
    if (typeof params !== 'object' || params === null || Array.isArray(params)) return undefined;
    // A path segment must be a non-empty string to be a path at all.
    if (names.some((name) => typeof params[name] !== 'string' || params[name] === '')) {
      return undefined;
    }
  }
  const path = fillPath(endpoint.path, params).replace(/^\//, '');
  const url = new URL(path, apiRoot);
  for (const [key, value] of Object.entries(request.query)) url.searchParams.set(key, value);
  return url;
}

async function send(fleet: Fleet, request: ApiCall, url: URL): Promise<Response> {
  const endpoint = endpointOf(request);
  const handlers = fleetHandlers({ apiRoot, fleet: () => fleet });
  const answer = await getResponse(
    handlers,
    new Request(url, {
      method: endpoint.method,
      headers: { 'Content-Type': 'application/json' },
      ...(endpoint.body ? { body: JSON.stringify(request.body ?? null) } : {}),
    }),
  );
  if (!answer) throw new Error(`No handler answered ${endpoint.method} ${url.pathname}`);
  return answer;
}

/** The invariants of the fleet, whatever was done to it. */
function checkInvariants(fleet: Fleet): void {
  for (const type of fleet.siteStats().items) {
    expect(type.noUpdatePlanned + type.updating + type.onCurrentVersion, type.deviceType).toBe(
      type.devices,
    );
    const sites = fleet.listSites(type.deviceType, SiteListQuery.parse({ pageSize: 200 }));
    expect(sites.total).toBe(type.devices);
    expect(sites.items.length).toBe(Math.min(200, type.devices));
    const byGroup = (state: 'current' | 'no-update' | 'updating') =>
      fleet.listSites(type.deviceType, SiteListQuery.parse({ state, pageSize: 1 })).total;
    expect(byGroup('no-update')).toBe(type.noUpdatePlanned);
    expect(byGroup('updating')).toBe(type.updating);
    expect(byGroup('current')).toBe(type.onCurrentVersion);
    // One rollout of a type at a time; each wave's counts add up to its sites.
    const rollouts = fleet.rollouts.list(type.deviceType);
    const inProgress = rollouts.items.filter(
      (each) => each.status !== 'halted' && each.status !== 'finished',
    );
    expect(inProgress.map((each) => each.id)).toEqual(rollouts.active ? [rollouts.active] : []);
    for (const summary of rollouts.items) {
      for (const wave of fleet.rollouts.get(type.deviceType, summary.id).waves) {
        const counted = Object.values(wave.counts).reduce((sum, count) => sum + count, 0);
        expect(counted, `rollout ${summary.id} wave ${wave.number}`).toBe(wave.sites);
      }
    }
  }
  const devices = fleet.devices().all();
  for (const device of devices) {
    const onNewest = device.software.version === device.software.latestVersion;
    const updating = device.update.state === 'installing' || device.update.state === 'rebooting';
    expect(updating && onNewest, `${device.id} updating on the newest version`).toBe(false);
    expect(device.update.state === 'up-to-date', device.id).toBe(onNewest);
  }
  const facets = fleet.deviceFacets();
  const list = fleet.listDevices({ page: 1, pageSize: 200, sort: 'model', order: 'asc' });
  expect(list.total).toBe(devices.length);
  expect(list.items.length).toBe(Math.min(200, devices.length));
  expect(facets.total).toBe(devices.length);
  expect(facets.models.reduce((sum, model) => sum + model.count, 0)).toBe(devices.length);
  for (const model of facets.models) {
    expect(
      fleet.listDevices({ model: [model.model], page: 1, pageSize: 1, sort: 'ip', order: 'asc' })
        .total,
    ).toBe(model.count);
  }
}

describe('the built-in fleet under random requests', () => {
  it('never answers 5xx to a valid request, answers 400 with details to an invalid one, and keeps its invariants', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(call, { minLength: 5, maxLength: 30 }), async (calls) => {
        let clock = START;
        const fleet = new Fleet({ scenario: 'demo', now: () => clock });
        for (const request of calls) {
          clock += request.wait;
          const url = urlOf(request);
          if (!url) continue;
          const answer = await send(fleet, request, url);
          const label = `${request.operation} ${url.pathname}${url.search} ${JSON.stringify(request.body)}`;
          if (fits(request, url)) {
            // A 5xx only where the contract documents it (507: not enough disk for an upgrade).
            if (!endpointOf(request).errors.includes(answer.status)) {
              expect(answer.status, label).toBeLessThan(500);
            }
            expect(answer.status, label).not.toBe(400);
          } else {
            expect(answer.status, label).toBe(400);
            const body = (await answer.json()) as { code: string; details?: unknown[] };
            expect(body.code, label).toBe('validation_failed');
            expect(body.details?.length, label).toBeGreaterThan(0);
          }
        }
        checkInvariants(fleet);
      }),
      { numRuns: 150, ...runSettings },
    );
  });

  it('answers every malformed body with 400 and details, changing nothing', async () => {
    const withBody = endpoints.filter((endpoint) => endpoint.body && endpoint.method !== 'GET');
    const fleet = new Fleet({ scenario: 'demo', now: () => START });
    const before = JSON.stringify([fleet.siteStats(), fleet.devices().all(), fleet.listServers()]);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...withBody),
        fc.jsonValue(),
        fc.constantFrom(...deviceTypes),
        fc.constantFrom(...serverIds),
        async (endpoint, body, type, server) => {
          const request: ApiCall = {
            operation: endpoint.id,
            params: { deviceType: type, serverId: server },
            query: {},
            body,
            wait: 0,
          };
          fc.pre(!endpoint.body?.safeParse(body).success);
          const url = urlOf(request);
          if (!url) return;
          const answer = await send(fleet, request, url);
          expect(answer.status).toBe(400);
          const parsed = (await answer.json()) as { details?: unknown[] };
          expect(parsed.details?.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 1500, ...runSettings },
    );
    expect(JSON.stringify([fleet.siteStats(), fleet.devices().all(), fleet.listServers()])).toBe(
      before,
    );
  });
});
