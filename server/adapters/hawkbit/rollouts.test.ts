// @vitest-environment node
/**
 * Staged rollouts on hawkBit (the stand-in), by the clock: the console's rollout is a hawkBit
 * rollout of one group per wave, and the console's server moves it on by its own rules.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Rollout, RolloutPlanPreview, RolloutPlanRequest } from '../../../src/api/rollouts';
import type { ErrorBody } from '../../../src/api/errors';
import type { SiteList } from '../../../src/api/sites';
import type { Api } from '../../api';
import { activity, call, signIn, type Caller } from '../../api-test-support';
import type { TestDatabase } from '../sql-store/test-databases';
import type { TraceLine } from './client';
import { consoleOnStandin } from './standin-test-support';

const PLAN: RolloutPlanRequest = {
  selection: { exclude: [] },
  plan: { pilot: { kind: 'sites', sites: [2006] }, waves: [] },
  rules: {
    successPercent: 100,
    soakMinutes: 30,
    failurePercent: 50,
    failureCount: null,
    minFinished: 1,
    disarmWaitCounts: false,
  },
};

describe('staged rollouts on hawkBit (the stand-in), by the clock', () => {
  let database: TestDatabase;
  let api: Api;
  let standin: Awaited<ReturnType<typeof consoleOnStandin>>['standin'];
  let trace: TraceLine[] = [];
  let clock = Date.UTC(2026, 11, 3, 12);

  beforeAll(async () => {
    ({ api, database, standin } = await consoleOnStandin({
      scenario: 'demo',
      now: () => clock,
      trace: (line) => trace.push(line),
    }));
  });
  afterAll(async () => {
    await database.drop();
  });

  const json = async <T>(response: Response, status = 200) => {
    expect(response.status).toBe(status);
    return (await response.json()) as T;
  };
  const rollout = (as: Caller, id: string, type = 'Nord LAN') =>
    call(api, 'GET', `/device-types/${encodeURIComponent(type)}/rollouts/${id}`, { as }).then(
      (response) => json<Rollout>(response),
    );
  /** Moves the clock on, five minutes at a time, until the rollout shows what is awaited. */
  async function until(as: Caller, id: string, seen: (found: Rollout) => boolean) {
    for (let step = 0; step < 24 * 12; step += 1) {
      const found = await rollout(as, id);
      if (seen(found)) return found;
      clock += 5 * 60_000;
    }
    throw new Error('The rollout never came to the state awaited.');
  }

  it('previews, starts and runs a pilot, then the rest after the soak, as one hawkBit rollout', async () => {
    const operator = await signIn(api, 'operator');
    const preview = await json<RolloutPlanPreview>(
      await call(api, 'POST', '/device-types/Nord%20LAN/rollout-preview', {
        as: operator,
        body: PLAN,
      }),
    );
    expect(preview).toMatchObject({
      targetVersion: '3.12',
      sites: 3,
      waves: [
        { number: 1, sites: 1, firstSites: [2006] },
        { number: 2, sites: 2, firstSites: [2007, 2008] },
      ],
    });
    const refused = async (body: RolloutPlanRequest) =>
      json<ErrorBody>(
        await call(api, 'POST', '/device-types/Nord%20LAN/rollout-preview', { as: operator, body }),
        422,
      );
    expect(
      await refused({ ...PLAN, plan: { pilot: { kind: 'sites', sites: [2001] }, waves: [] } }),
    ).toMatchObject({
      code: 'pilot_not_selected',
      message:
        'Pilot site 2001 is not among the sites this rollout can queue. Choose pilot sites from the selection.',
    });
    expect((await refused({ ...PLAN, selection: { q: '2001', exclude: [] } })).code).toBe(
      'no_sites',
    );
    trace = [];
    const started = await json<Rollout>(
      await call(api, 'POST', '/device-types/Nord%20LAN/rollouts', {
        as: operator,
        body: { ...PLAN, requestId: 'rollout-pilot-1' },
      }),
      201,
    );
    const created = trace.find(
      (line) => line.method === 'POST' && line.path === '/rest/v1/rollouts',
    );
    expect(created?.body).toMatchObject({
      distributionSetId: expect.any(Number) as unknown,
      groups: [
        {
          targetFilterQuery: 'controllerAttributes.siteNumber=in=(2006)',
          successCondition: { condition: 'THRESHOLD', expression: '100' },
          successAction: { action: 'PAUSE' },
          errorCondition: { condition: 'THRESHOLD', expression: '50' },
          errorAction: { action: 'PAUSE' },
        },
        { targetPercentage: 100 },
      ],
    });
    expect(started.status).toBe('running');

    // hawkBit makes the groups; the next read starts the rollout: the pilot only.
    const running = await until(
      operator,
      started.id,
      (found) => found.waves[0]?.startedAt !== null,
    );
    expect(running.waves[1]).toMatchObject({ status: 'planned', startedAt: null });
    expect(running.waves[1]?.waiting).toMatch(/^Wave 2 starts when 100 % of wave 1 has installed/);
    const pilotSites = await json<SiteList>(
      await call(api, 'GET', `/device-types/Nord%20LAN/sites?rollout=${started.id}&wave=1`, {
        as: operator,
      }),
    );
    expect(pilotSites.items.map((site) => site.number)).toEqual([2006]);
    const updateAll = await call(api, 'POST', '/device-types/Nord%20LAN/update-all', {
      as: operator,
      body: { requestId: 'update-all-during-rollout' },
    });
    expect(updateAll.status).toBe(409);
    expect(((await updateAll.json()) as ErrorBody).code).toBe('rollout_in_progress');

    // The pilot installs; the soak holds wave 2, then the console moves hawkBit on.
    const soaking = await until(operator, started.id, (found) =>
      /soak/.test(found.waves[1]?.waiting ?? ''),
    );
    const reachedAt = clock;
    expect(soaking.waves[0]?.counts.installed).toBe(1);
    trace = [];
    const second = await until(operator, started.id, (found) => found.waves[1]?.startedAt !== null);
    expect(second.waves[1]?.startedAt).toBe(new Date(reachedAt + 30 * 60_000).toISOString());
    expect(trace.map((line) => `${line.method} ${line.path}`)).toContain(
      `POST /rest/v1/rollouts/${started.id}/triggerNextGroup`,
    );
    const finished = await until(operator, started.id, (found) => found.status === 'finished');
    expect(finished.reason).toBe('Every wave has run: 3 sites installed.');
    const entries = (await activity(api, operator)).items.map((entry) => entry.summary);
    expect(entries).toContain('Start a staged rollout in 2 waves');
  });

  it('moves a rollout on while no one has it open, on behalf of the next operator’s request', async () => {
    const operator = await signIn(api, 'operator');
    const started = await json<Rollout>(
      await call(api, 'POST', '/device-types/Nord%20GSM/rollouts', {
        as: operator,
        body: {
          ...PLAN,
          plan: { pilot: { kind: 'sites', sites: [1011] }, waves: [] },
          rules: { ...PLAN.rules, soakMinutes: 0 },
          requestId: 'rollout-unwatched-1',
        },
      }),
      201,
    );
    const groups = async () => {
      const response = await standin.handle(
        new Request(`http://hawkbit.test/rest/v1/rollouts/${started.id}/deploygroups`, {
          headers: { Authorization: `Basic ${btoa('admin:admin')}` },
        }),
      );
      return ((await response.json()) as { content: { status: string }[] }).content;
    };
    expect((await groups()).map((group) => group.status)).toEqual(['running', 'scheduled']);
    // The Ethernet pilot installs; the operator only looks at the devices, not the rollout.
    clock += 15 * 60_000;
    expect((await call(api, 'GET', '/devices?pageSize=10', { as: operator })).status).toBe(200);
    await vi.waitFor(async () => {
      expect((await groups()).map((group) => group.status)).toEqual(['finished', 'running']);
    });
  });
});

describe('a staged rollout on hawkBit halted by its failure rule, at the large scale', () => {
  let database: TestDatabase;
  let api: Api;
  let clock = Date.UTC(2026, 11, 3, 12);

  beforeAll(async () => {
    ({ api, database } = await consoleOnStandin({ scenario: 'large', now: () => clock }));
  });
  afterAll(async () => {
    await database.drop();
  });

  it('halts when the pilot fails, says why, and is moved on and halted by the operator', async () => {
    const operator = await signIn(api, 'operator');
    const base = '/device-types/Nord%20GSM/rollouts';
    const started = (await (
      await call(api, 'POST', base, {
        as: operator,
        body: {
          ...PLAN,
          selection: { q: '10075', exclude: [] },
          plan: { pilot: { kind: 'sites', sites: [100757] }, waves: [] },
          requestId: 'rollout-failing-pilot',
        },
      })
    ).json()) as Rollout;
    const get = async () =>
      (await (await call(api, 'GET', `${base}/${started.id}`, { as: operator })).json()) as Rollout;
    const step = async (path: string, status: number, body?: unknown) => {
      const response = await call(api, 'POST', `${base}/${started.id}/${path}`, {
        as: operator,
        ...(body ? { body } : {}),
      });
      expect(response.status).toBe(status);
      return (await response.json()) as Rollout & ErrorBody;
    };
    let found = await get();
    for (let turn = 0; turn < 12 && found.status === 'running'; turn += 1) {
      clock += 30 * 60_000;
      found = await get();
    }
    // Board revision A cannot take 5.40: the pilot fails and the failure rule halts.
    expect(found.status).toBe('halted-by-failures');
    expect(found.reason).toBe(
      'Wave 1 halted the rollout: 1 of 1 finished sites failed (100 %, more than 50 %).',
    );
    expect(found.waves[0]?.failures).toEqual([
      expect.objectContaining({ site: 100757, code: 'board-revision' }),
    ]);
    expect(found.waves[1]).toMatchObject({
      status: 'planned',
      waiting: 'Wave 2 starts when the rollout is resumed, after its failure rule halted it.',
    });
    expect((await step('waves/1/retry', 409, { requestId: 'retry-board-a-1' })).message).toMatch(
      /failed the compatibility check/,
    );
    expect((await step('pause', 409)).code).toBe('halted_by_failures');

    // Resumed, the pilot's failures are accepted; wave 2 still waits for its rule.
    const resumed = await step('resume', 200);
    expect(resumed.status).toBe('running');
    expect(resumed.waves[0]?.failureRuleAccepted).toBe(true);
    expect(resumed.waves[1]?.waiting).toBe(
      'Wave 2 starts when 100 % of wave 1 has installed: 0 of 1 so far.',
    );
    expect((await step('waves/3/start', 404)).code).toBe('wave_not_found');
    const second = await step('waves/2/start', 200);
    expect(second.waves[1]?.startedAt).not.toBeNull();
    const halted = await step('halt', 200);
    expect(halted).toMatchObject({ status: 'halted', endedAt: expect.any(String) as unknown });
    expect(halted.reason).toMatch(/^Halted by operator: /);
    expect((await step('resume', 409)).code).toBe('rollout_ended');
    const entries = (await activity(api, operator)).items.map(
      (entry) => `${entry.summary}: ${entry.result.status}`,
    );
    expect(entries).toEqual(
      expect.arrayContaining([
        'Start a staged rollout in 2 waves: accepted',
        'Retry the failed sites of wave 1: refused',
        'Resume rollout: accepted',
        'Start wave 2 now: accepted',
        'Halt rollout: accepted',
      ]),
    );
  });
});
