// @vitest-environment node
/**
 * The Upgrade Center on hawkBit (the stand-in), by the clock: servers are targets, module sets
 * are distribution sets of software modules, the target versions compose a set that Start
 * upgrade assigns, and each job is read from its action's status history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../../src/api/errors';
import type { ServerDetail, ServerList, UpgradeJob } from '../../../src/api/servers';
import { Fleet } from '../../../mocks/fleet/fleet';
import type { Api } from '../../api';
import { activity, call, signIn, type Caller } from '../../api-test-support';
import type { TestDatabase } from '../sql-store/test-databases';
import type { TraceLine } from './client';
import { consoleOnStandin } from './standin-test-support';

const NVR = 'srv-7f3a9c21';
const RECEPTION = 'srv-0b44e810';

describe('the Upgrade Center on hawkBit (the stand-in), by the clock', () => {
  let database: TestDatabase;
  let api: Api;
  let trace: TraceLine[] = [];
  // A Saturday afternoon: the servers' nightly restart is at 03:00 UTC.
  let clock = Date.UTC(2026, 11, 5, 14);
  let admin: Caller;
  let operator: Caller;

  beforeAll(async () => {
    ({ api, database } = await consoleOnStandin({
      scenario: 'demo',
      now: () => clock,
      trace: (line) => trace.push(line),
    }));
    admin = await signIn(api, 'admin');
    operator = await signIn(api, 'operator');
  });
  afterAll(async () => {
    await database.drop();
  });

  const json = async <T>(response: Response, status = 200) => {
    const body = (await response.json()) as T;
    expect(response.status, JSON.stringify(body)).toBe(status);
    return body;
  };
  const server = (id: string, as = operator) =>
    call(api, 'GET', `/servers/${id}`, { as }).then((response) => json<ServerDetail>(response));
  const setTarget = (id: string, modules: { name: string; version: string | null }[]) =>
    call(api, 'PUT', `/servers/${id}/target`, { as: admin, body: { modules } });
  const start = (id: string, as = operator) =>
    call(api, 'POST', `/servers/${id}/upgrades`, {
      as,
      body: { requestId: crypto.randomUUID() },
    });
  /** Moves the clock on, ten seconds at a time, until the server shows what is awaited. */
  async function until(id: string, seen: (found: ServerDetail) => boolean) {
    for (let step = 0; step < 360; step += 1) {
      const found = await server(id);
      if (seen(found)) return found;
      clock += 10_000;
    }
    throw new Error(`${id} never reached the awaited state`);
  }

  it('lists the servers and their module sets as the built-in fleet has them', async () => {
    const fleet = new Fleet({ scenario: 'demo', now: () => clock });
    const list = await json<ServerList>(await call(api, 'GET', '/servers', { as: operator }));
    // hawkBit knows no customers yet (README "Customers"): all else as the built-in fleet has it.
    expect(list.items).toEqual(
      fleet
        .listServers()
        .items.map(({ customer: _customer, ...rest }) => rest)
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
    // The whole detail: each module's kind, versions (channel, size), installed and target
    // version, dependent tasks; the settings; the plan with its disk figures.
    const bare = ({ customer: _customer, ...rest }: ServerDetail) => rest;
    expect(await server(NVR)).toEqual(bare(fleet.server(NVR)));
    expect(await server(RECEPTION)).toEqual(bare(fleet.server(RECEPTION)));
    const missing = await call(api, 'GET', '/servers/srv-none', { as: operator });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ErrorBody).message).toBe(
      'There is no server srv-none in the portal.',
    );
  });

  it('composes the target versions into one distribution set, made once, and refuses what the catalogue lacks', async () => {
    trace = [];
    const saved = await json<ServerDetail>(
      await setTarget(NVR, [{ name: 'banalytics-core', version: '2.5.0' }]),
    );
    expect(saved.modules.find((module) => module.name === 'banalytics-core')).toMatchObject({
      installed: '2.4.1',
      target: '2.5.0',
    });
    expect(saved.plan.changes).toBe(1);
    const made = trace.filter(
      (line) => line.method === 'POST' && line.path === '/rest/v1/distributionsets',
    );
    expect(made).toHaveLength(1);
    expect(JSON.stringify(made[0]?.body)).toContain('"type":"server-modules"');
    expect(
      trace.some(
        (line) => line.method === 'POST' && line.path === `/rest/v1/targets/${NVR}/metadata`,
      ),
    ).toBe(true);

    // Back and forth: the same combination finds its set again.
    trace = [];
    await json(await setTarget(NVR, [{ name: 'banalytics-core', version: '2.4.1' }]));
    await json(await setTarget(NVR, [{ name: 'banalytics-core', version: '2.5.0' }]));
    expect(
      trace.filter((line) => line.method === 'POST' && line.path.endsWith('/distributionsets')),
    ).toEqual([]);

    const unknown = await setTarget(NVR, [{ name: 'banalytics-core', version: '9.9.9' }]);
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as ErrorBody).code).toBe('unknown_version');
    const required = await setTarget(NVR, [{ name: 'opencv-native', version: null }]);
    expect(((await required.json()) as ErrorBody).code).toBe('required_module');
    // Composing a set is hawkBit's CREATE_REPOSITORY: a hawkBit operator has no such right.
    const refused = await call(api, 'PUT', `/servers/${NVR}/target`, {
      as: operator,
      body: { modules: [{ name: 'modbus', version: null }] },
    });
    expect(refused.status).toBe(403);
  });

  it('runs the upgrade as the agent reports it: download, stage, restart, active — one at a time', async () => {
    const job = await json<UpgradeJob>(await start(NVR), 202);
    expect(job.state).toBe('running');
    expect(job.steps.map((step) => step.state)).toEqual([
      'running',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
    const again = await start(NVR);
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorBody).code).toBe('sync_in_progress');

    const downloading = await until(NVR, (found) => found.job?.steps[1]?.state === 'running');
    expect(downloading.syncState).toBe('downloading');
    expect(downloading.job?.steps[0]?.message).toContain('portal connection checked');
    const staged = await until(NVR, (found) => found.syncState === 'staged');
    expect(staged.job?.steps[1]?.message).toContain('downloaded');
    const restarting = await until(NVR, (found) => found.syncState === 'restarting');
    expect(restarting.job?.steps[3]?.state).toBe('running');
    const done = await until(NVR, (found) => found.job?.state === 'succeeded');
    expect(done.syncState).toBe('idle');
    expect(done.modules.find((module) => module.name === 'banalytics-core')).toMatchObject({
      installed: '2.5.0',
      target: '2.5.0',
    });
    expect(done.lastResult).toMatchObject({
      outcome: 'succeeded',
      message: 'The new module set is active.',
    });
    expect(done.plan.changes).toBe(0);
    const nothing = await start(NVR);
    expect(((await nothing.json()) as ErrorBody).code).toBe('nothing_to_change');

    const entries = (await activity(api, operator)).items;
    const started = entries.filter((entry) => entry.summary === 'Start upgrade');
    // Newest first: the refusals after it, then the upgrade that started.
    expect(started.map((entry) => entry.result.status)).toEqual(['refused', 'refused', 'accepted']);
    expect(started[2]).toMatchObject({
      operator: { name: 'operator' },
      scope: { text: `Warehouse NVR (${NVR})` },
      result: { status: 'accepted' },
    });
    const saves = entries.filter((entry) => entry.summary.startsWith('Save target versions'));
    expect(saves.map((entry) => [entry.operator.name, entry.result.status])).toEqual([
      ['operator', 'refused'],
      ['admin', 'refused'],
      ['admin', 'refused'],
      ['admin', 'accepted'],
      ['admin', 'accepted'],
      ['admin', 'accepted'],
    ]);
  });

  it('shows a version that does not start as a failed upgrade, restored from backup', async () => {
    await json(await setTarget(NVR, [{ name: 'video-recording', version: '2.6.0-beta' }]));
    await json(await start(NVR), 202);
    const failed = await until(NVR, (found) => found.job?.state === 'failed');
    expect(failed.syncState).toBe('failed');
    expect(failed.job?.steps.map((step) => step.state)).toEqual([
      'done',
      'done',
      'done',
      'failed',
      'pending',
    ]);
    expect(failed.lastResult?.outcome).toBe('failed');
    expect(failed.lastResult?.message).toContain(
      'it needs opencv-native 4.10.0 and 4.9.0 is active. The previous module set was restored from modules-backup.',
    );
    expect(failed.modules.find((module) => module.name === 'video-recording')?.installed).toBe(
      '2.4.0',
    );
  });

  it('refuses what the portal refuses: too little disk, an unregistered server', async () => {
    await json(await setTarget(NVR, [{ name: 'video-recording', version: '2.4.0' }]));
    await json(await setTarget(NVR, [{ name: 'person-detector', version: '2.0.0-hd' }]));
    const full = await start(NVR);
    expect(full.status).toBe(507);
    expect(((await full.json()) as ErrorBody).message).toMatch(
      /^Not enough disk space: the upgrade needs .* and 1\.5 GB is free\./,
    );
    await json(await setTarget(NVR, [{ name: 'person-detector', version: '1.1.0' }]));

    await json(await setTarget(RECEPTION, [{ name: 'banalytics-core', version: '2.5.0' }]));
    const unregistered = await start(RECEPTION);
    expect(unregistered.status).toBe(409);
    expect(((await unregistered.json()) as ErrorBody).message).toContain(
      'has no registered identifier with the portal',
    );
    const refusals = (await activity(api, operator)).items.filter(
      (entry) => entry.result.status === 'refused',
    );
    expect(refusals[0]?.scope.text).toBe(`Reception PC (${RECEPTION})`);
  });

  it('with Software upgrade on boot, hands hawkBit the set for the next restart, and takes it back for manual', async () => {
    await json(await setTarget(NVR, [{ name: 'modbus', version: '1.4.0' }]));
    const onBoot = await json<ServerDetail>(
      await call(api, 'PUT', `/servers/${NVR}/settings`, {
        as: admin,
        body: { updateType: 'on-boot', restartOnFailure: '30s' },
      }),
    );
    expect(onBoot.settings).toEqual({ updateType: 'on-boot', restartOnFailure: '30s' });
    // Nothing runs before the restart: the server still shows its last (failed) upgrade.
    expect(onBoot.syncState).toBe('failed');
    expect(onBoot.job?.steps.every((step) => step.state === 'pending')).toBe(true);
    const waiting = await start(NVR);
    expect(((await waiting.json()) as ErrorBody).message).toContain('at its next restart');

    await json(
      await call(api, 'PUT', `/servers/${NVR}/settings`, {
        as: admin,
        body: { updateType: 'manual', restartOnFailure: '30s' },
      }),
    );
    const manual = await server(NVR);
    expect(manual.job?.state).toBe('failed');
    expect(manual.job?.failure).toBe('The upgrade was cancelled in hawkBit.');

    await json(
      await call(api, 'PUT', `/servers/${NVR}/settings`, {
        as: admin,
        body: { updateType: 'on-boot', restartOnFailure: '30s' },
      }),
    );
    // The nightly restart at 03:00 UTC installs it.
    clock = Date.UTC(2026, 11, 6, 3);
    operator = await signIn(api, 'operator');
    const booted = await until(NVR, (found) => found.job?.state === 'succeeded');
    expect(booted.modules.find((module) => module.name === 'modbus')?.installed).toBe('1.4.0');
  });
});
