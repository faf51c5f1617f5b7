// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ActivityListQuery } from '../../src/api/activity';
import {
  DEFAULT_RULES,
  type Rollout,
  type RolloutPlanRequest,
  type RolloutRules,
} from '../../src/api/rollouts';
import { SiteListQuery } from '../../src/api/sites';
import { HOUR, MINUTE } from './clock';
import { Fleet, type FleetOptions } from './fleet';
import { memoryStore } from './persistence';
import type { ScenarioName } from './scenarios';
import { refusal } from './test-support';

const START = Date.UTC(2024, 10, 8, 9, 0);
const NORD = 'Nord GSM';

function fleetOf(
  scenario: ScenarioName,
  store = memoryStore(),
  hooks: Pick<FleetOptions, 'afterReboot'> = {},
) {
  let time = START;
  const fleet = new Fleet({ scenario, store, now: () => time, ...hooks });
  const site = (number: number) =>
    fleet
      .listSites(NORD, SiteListQuery.parse({ q: String(number) }))
      .items.find((item) => item.number === number);
  return {
    fleet,
    store,
    site,
    get: (id: string) => fleet.rollouts.get(NORD, id),
    advance: (ms: number) => {
      time += ms;
    },
    /** Moves the clock in steps until `done` holds of the rollout (at most `limit`). */
    until: (
      id: string,
      done: (rollout: Rollout) => boolean,
      step = 5 * MINUTE,
      limit = 48 * HOUR,
    ) => {
      for (let waited = 0; waited <= limit; waited += step) {
        const rollout = fleet.rollouts.get(NORD, id);
        if (done(rollout)) return rollout;
        time += step;
      }
      throw new Error('the rollout never got there');
    },
  };
}

/** The demo's five Nord GSM sites that can be queued (1011–1015): a pilot of two, then 50 %. */
function demoPlan(rules: Partial<RolloutRules> = {}): RolloutPlanRequest {
  return {
    selection: { exclude: [] },
    plan: {
      pilot: { kind: 'sites', sites: [1011, 1012] },
      waves: [{ kind: 'percent', percent: 50 }],
    },
    rules: { ...DEFAULT_RULES, successPercent: 100, soakMinutes: 15, ...rules },
  };
}

describe('a staged rollout in the built-in fleet', () => {
  it('queues the pilot, then starts the next wave once the pilot has installed and soaked', () => {
    const { fleet, until, site } = fleetOf('demo');
    const preview = fleet.rollouts.preview(NORD, demoPlan());
    expect(preview.waves.map((wave) => wave.firstSites)).toEqual([
      [1011, 1012],
      [1013, 1014, 1015],
    ]);
    expect(preview.leftOut).toEqual(
      expect.arrayContaining([
        { reason: 'no-ip-channel', count: 1, sites: [1016] },
        { reason: 'already-updating', count: 4, sites: [1017, 1018, 1019, 1020] },
      ]),
    );
    expect(preview.forecast.finish).not.toBeNull();

    const started = fleet.rollouts.start(NORD, { requestId: 'rollout-0001', ...demoPlan() });
    expect(started.waves.map((wave) => wave.status)).toEqual(['running', 'planned']);
    // The site list shows a rollout's or a wave's sites.
    const listed = (query: Record<string, string>) =>
      fleet.listSites(NORD, SiteListQuery.parse(query)).items.map((item) => item.number);
    expect(listed({ rollout: '1', wave: '2' })).toEqual([1013, 1014, 1015]);
    expect(listed({ rollout: '1' })).toEqual([1011, 1012, 1013, 1014, 1015]);
    expect(refusal(() => listed({ rollout: '1', wave: '3' })).code).toBe('wave_not_found');
    expect(refusal(() => listed({ rollout: '2' })).code).toBe('rollout_not_found');
    expect(site(1011)?.update?.state).toBe('queued');
    expect(site(1013)?.update).toBeNull();
    expect(started.waves[1]?.waiting).toBe(
      'Wave 2 starts when 100 % of wave 1 has installed: 0 of 2 so far.',
    );

    const soaking = until(started.id, (rollout) => rollout.waves[0]?.status === 'done');
    expect(soaking.waves[1]?.status).toBe('planned');
    expect(soaking.waves[1]?.waiting).toMatch(/^Wave 2 starts after a 15 min soak/);

    const second = until(started.id, (rollout) => rollout.waves[1]?.status !== 'planned');
    const pilotDone = Math.max(
      ...[1011, 1012].map((number) => Date.parse(site(number)?.lastUpdatedAt ?? '')),
    );
    expect(Date.parse(second.waves[1]?.startedAt ?? '')).toBe(pilotDone + 15 * MINUTE);
    expect(site(1013)?.update?.queuedAt).toBe(second.waves[1]?.startedAt);

    const finished = until(started.id, (rollout) => rollout.status === 'finished');
    expect(finished.waves.map((wave) => wave.counts.installed)).toEqual([2, 3]);
    expect(finished.reason).toBe('Every wave has run: 5 sites installed.');
    expect(fleet.siteStats().items.find((type) => type.deviceType === NORD)?.noUpdatePlanned).toBe(
      1,
    );
  });

  it('leaves a site held after the plan out of its wave, and the wave rules count without it', () => {
    const { fleet, until, site } = fleetOf('demo');
    const started = fleet.rollouts.start(NORD, { requestId: 'rollout-0001', ...demoPlan() });
    // Held before wave 2 reaches it: wave 2 must not wait for it, nor count it as a failure.
    fleet.holdSites(NORD, {
      selection: { mode: 'filter', filter: { rollout: started.id, wave: 2, q: '1014' } },
      reason: 'Store refit',
      until: new Date(START + 30 * 24 * HOUR).toISOString(),
      requestId: 'hold-0001',
    });
    expect(site(1014)?.hold?.reason).toBe('Store refit');
    const second = until(started.id, (rollout) => rollout.waves[1]?.status !== 'planned');
    expect(site(1014)?.update).toBeNull();
    expect(site(1013)?.update?.queuedAt).toBe(second.waves[1]?.startedAt);
    const finished = until(started.id, (rollout) => rollout.status === 'finished');
    expect(finished.waves[1]?.counts).toMatchObject({ installed: 2, held: 1, failed: 0 });
    expect(finished.reason).toBe('Every wave has run: 4 sites installed, 1 held on their version.');
  });

  it('counts a site as installed only when it reports the new version after its reboot', () => {
    const { fleet, until, site, advance } = fleetOf('demo', memoryStore(), {
      afterReboot: { 1011: 'fell-back', 1012: 'no-report' },
    });
    const { id } = fleet.rollouts.start(NORD, {
      requestId: 'rollout-0001',
      ...demoPlan({ failurePercent: null, failureCount: 2, minFinished: 1 }),
    });
    // 1011 came back on its old image: failed at once, with the version it returned to.
    const first = until(id, () => site(1011)?.update === null);
    expect(site(1011)).toMatchObject({
      version: '5.36',
      noUpdateCause: 'fell-back',
      lastFailure: {
        code: 'fell-back',
        reason: expect.stringMatching(
          /^Returned to 5\.36 after the reboot: 5\.40 did not start/,
        ) as unknown,
      },
    });
    expect(first.status).toBe('running');
    // 1012 rebooted but has not reported: not installed, and failed once its time is up.
    const rebooting = until(id, () => site(1012)?.update?.state === 'rebooting');
    expect(rebooting.waves[0]?.counts).toMatchObject({ installed: 0, failed: 1, running: 1 });
    const halted = until(id, (rollout) => rollout.status === 'halted-by-failures');
    expect(site(1012)?.lastFailure).toMatchObject({
      code: 'no-report',
      reason: expect.stringMatching(/^No report within 15 min after the reboot/) as unknown,
    });
    expect(halted.waves[0]?.counts).toMatchObject({ installed: 0, failed: 2 });
    expect(halted.waves[0]?.failures.map((failure) => failure.code)).toEqual([
      'fell-back',
      'no-report',
    ]);
    // Red with their own causes; a second attempt installs.
    const causes = fleet.siteStats().items.find((type) => type.deviceType === NORD)?.noUpdateCauses;
    expect(causes).toEqual(
      expect.arrayContaining([
        { cause: 'fell-back', count: 1, since: null },
        { cause: 'no-report', count: 1, since: null },
      ]),
    );
    fleet.rollouts.retry(NORD, id, 1, 'retry-0001');
    advance(30 * MINUTE);
    expect(site(1011)?.version).toBe('5.40');
    // 1012 downloads over GPRS: hours.
    until(id, () => site(1012)?.version === '5.40');
    expect(site(1012)?.lastFailure).toBeNull();
  });

  it('starts once per request ID, one rollout per type, and says what it refuses', () => {
    const { fleet } = fleetOf('demo');
    const first = fleet.rollouts.start(NORD, { requestId: 'rollout-0001', ...demoPlan() });
    expect(fleet.rollouts.start(NORD, { requestId: 'rollout-0001', ...demoPlan() }).id).toBe(
      first.id,
    );
    expect(
      refusal(() =>
        fleet.rollouts.start(NORD, { requestId: 'rollout-0001', ...demoPlan({ soakMinutes: 0 }) }),
      ).code,
    ).toBe('idempotency_key_reused');
    expect(
      refusal(() => fleet.rollouts.start(NORD, { requestId: 'rollout-0002', ...demoPlan() })),
    ).toMatchObject({
      status: 409,
      code: 'rollout_in_progress',
      message:
        'Rollout 1 of Nord GSM is running. Halt it, or let it finish, before starting another.',
    });
    expect(fleet.rollouts.list(NORD)).toMatchObject({ active: '1', items: [{ id: '1' }] });
    // "Update all sites" would queue the later waves at once: refused while it is in progress.
    expect(refusal(() => fleet.updateAll(NORD, 'update-all-0001'))).toMatchObject({
      status: 409,
      code: 'rollout_in_progress',
    });
    expect(refusal(() => fleet.rollouts.get(NORD, '7'))).toMatchObject({
      status: 404,
      code: 'rollout_not_found',
    });
    expect(
      refusal(() =>
        fleet.rollouts.preview(NORD, { ...demoPlan(), selection: { q: '999', exclude: [] } }),
      ),
    ).toMatchObject({ status: 422, code: 'no_sites' });
    const pilotOutside = { ...demoPlan(), selection: { exclude: [1012] } };
    expect(refusal(() => fleetOf('demo').fleet.rollouts.preview(NORD, pilotOutside))).toMatchObject(
      {
        status: 422,
        code: 'pilot_not_selected',
      },
    );
  });

  it('starts no wave while paused, and the next one when resumed', () => {
    const { fleet, until, advance } = fleetOf('demo');
    const { id } = fleet.rollouts.start(NORD, { requestId: 'rollout-0001', ...demoPlan() });
    const paused = fleet.rollouts.step(NORD, id, 'pause');
    expect(paused.status).toBe('paused');
    expect(fleet.rollouts.step(NORD, id, 'pause')).toEqual(paused);
    expect(refusal(() => fleet.rollouts.retry(NORD, id, 2, 'retry-0001')).code).toBe(
      'wave_not_started',
    );
    const pilotDone = until(id, (rollout) => rollout.waves[0]?.status === 'done');
    advance(6 * HOUR);
    expect(fleet.rollouts.get(NORD, id).waves[1]).toMatchObject({
      status: 'planned',
      waiting: 'Wave 2 starts when the rollout is resumed.',
    });
    expect(pilotDone.status).toBe('paused');
    const resumed = fleet.rollouts.step(NORD, id, 'resume');
    expect(resumed.status).toBe('running');
    expect(resumed.waves[1]?.status).toBe('running');
  });

  it('starts the next wave on an operator’s word, once, and only while running', () => {
    const { fleet, site } = fleetOf('demo');
    const { id } = fleet.rollouts.start(NORD, { requestId: 'rollout-0001', ...demoPlan() });
    fleet.rollouts.step(NORD, id, 'pause');
    expect(refusal(() => fleet.rollouts.startWave(NORD, id, 2))).toMatchObject({
      status: 409,
      code: 'rollout_not_running',
    });
    fleet.rollouts.step(NORD, id, 'resume');
    expect(refusal(() => fleet.rollouts.startWave(NORD, id, 3))).toMatchObject({
      status: 404,
      code: 'wave_not_found',
    });
    const started = fleet.rollouts.startWave(NORD, id, 2);
    expect(started.waves[1]?.status).toBe('running');
    expect(site(1013)?.update?.state).toBe('queued');
    expect(fleet.rollouts.startWave(NORD, id, 2)).toEqual(started);
    const entries = fleet.activity(ActivityListQuery.parse({ kind: 'rollout-advance' })).items;
    expect(entries.map((entry) => entry.summary)).toEqual(['Start wave 2 now']);
  });

  it('halts for good: downloads under way are cancelled, a site past its download installs', () => {
    const { fleet, get, site, advance } = fleetOf('demo');
    const { id } = fleet.rollouts.start(NORD, { requestId: 'rollout-0001', ...demoPlan() });
    // 1011 is on Ethernet: past its download in minutes; 1012 downloads for hours over GPRS.
    while (!['checking', 'ready', 'rebooting'].includes(site(1011)?.update?.state ?? '')) {
      advance(5_000);
    }
    expect(site(1012)?.update?.state).toMatch(/downloading|waiting-for-connection/);
    const halted = fleet.rollouts.step(NORD, id, 'halt');
    expect(halted).toMatchObject({ status: 'halted' });
    expect(halted.reason).toMatch(
      /^Halted by Ada Novak: 1 update not yet downloaded cancelled; 1 site past the download will install; 3 sites of later waves released\.$/,
    );
    expect(halted.waves.map((wave) => wave.status)).toEqual(['running', 'released']);
    expect(site(1012)?.noUpdateCause).toBe('cancelled');
    expect(fleet.rollouts.step(NORD, id, 'halt')).toEqual(halted);
    expect(refusal(() => fleet.rollouts.step(NORD, id, 'resume')).code).toBe('rollout_ended');

    advance(HOUR);
    expect(site(1011)?.version).toBe('5.40');
    expect(get(id).waves[0]?.counts).toMatchObject({ installed: 1, cancelled: 1 });
    expect(site(1013)?.update).toBeNull();
    // Another rollout may start once this one is halted.
    const again: RolloutPlanRequest = {
      ...demoPlan(),
      plan: { pilot: { kind: 'count', count: 1 }, waves: [] },
    };
    expect(fleet.rollouts.start(NORD, { requestId: 'rollout-0002', ...again }).id).toBe('2');
  });

  it('is halted by its failure rule, retried, resumed, and replayed the same from the log', () => {
    const { fleet, until, store } = fleetOf('large');
    const { id } = fleet.rollouts.start(NORD, {
      requestId: 'rollout-0001',
      selection: { exclude: [] },
      plan: { pilot: { kind: 'count', count: 2 }, waves: [{ kind: 'percent', percent: 50 }] },
      rules: {
        ...DEFAULT_RULES,
        successPercent: 50,
        soakMinutes: 0,
        failureCount: 1,
        minFinished: 1,
      },
    });
    const halted = until(id, (rollout) => rollout.status === 'halted-by-failures');
    const wave = halted.waves.findIndex((each) => each.failures.length > 0);
    expect(halted.reason).toMatch(new RegExp(`^Wave ${wave + 1} halted the rollout`));
    expect(halted.waves[wave]?.failures[0]?.code).toBe('integrity');
    const later = halted.waves.slice(wave + 1);
    expect(later.every((each) => each.status === 'planned')).toBe(true);

    const retried = fleet.rollouts.retry(NORD, id, wave + 1, 'retry-0001');
    // Integrity failures are queued again; a board the firmware does not fit would fail again.
    expect(retried.waves[wave]?.failures.map((failure) => failure.code)).not.toContain('integrity');
    expect(
      retried.waves[wave]?.failures.every((failure) => failure.code === 'board-revision'),
    ).toBe(true);
    expect(fleet.rollouts.retry(NORD, id, wave + 1, 'retry-0001')).toEqual(retried);
    const resumed = fleet.rollouts.step(NORD, id, 'resume');
    expect(resumed.waves[wave]?.failureRuleAccepted).toBe(true);
    expect(resumed.status).toBe('running');

    const replayed = new Fleet({ scenario: 'large', store, now: fleet.now });
    expect(replayed.rollouts.get(NORD, id)).toEqual(fleet.rollouts.get(NORD, id));

    const activity = fleet.activity(ActivityListQuery.parse({}));
    expect(activity.items.slice(0, 3).map((entry) => [entry.kind, entry.operator.name])).toEqual([
      ['rollout-resume', 'Ada Novak'],
      ['rollout-retry', 'Ada Novak'],
      ['rollout-start', 'Ada Novak'],
    ]);
  });
});
