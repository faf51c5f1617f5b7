// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { Fleet } from './fleet';
import { memoryStore } from './persistence';
import { refusal } from './test-support';

const START = Date.UTC(2024, 10, 8, 9, 0);
const NVR = 'srv-7f3a9c21';
const RECEPTION = 'srv-0b44e810';

function fleetAt(scenario: 'demo' | 'large' = 'demo', store = memoryStore()) {
  let time = START;
  const fleet = new Fleet({ scenario, store, now: () => time });
  return {
    fleet,
    store,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

describe('Upgrade Center servers', () => {
  it('lists the demo’s two servers, one registered and one not, idle', () => {
    const { fleet } = fleetAt();
    expect(fleet.listServers().items).toMatchObject([
      { id: NVR, name: 'Warehouse NVR', registered: true, online: true, syncState: 'idle' },
      { id: RECEPTION, name: 'Reception PC', registered: false, syncState: 'idle' },
    ]);
  });

  it('defaults to Manual software upgrade and Restart on failure 10 sec', () => {
    expect(fleetAt().fleet.server(NVR).settings).toEqual({
      updateType: 'manual',
      restartOnFailure: '10s',
    });
  });

  it('saves a target set without running anything until an upgrade starts', () => {
    const { fleet, advance } = fleetAt();
    const saved = fleet.setServerTarget(NVR, {
      modules: [{ name: 'banalytics-core', version: '2.5.0' }],
    });
    expect(saved.modules[0]).toMatchObject({ installed: '2.4.1', target: '2.5.0' });
    expect(saved.plan.changes).toBe(1);
    advance(3_600_000);
    expect(fleet.server(NVR)).toMatchObject({ syncState: 'idle', job: null });
    expect(fleet.server(NVR).modules[0]?.installed).toBe('2.4.1');
  });

  it('runs a job step by step to the new set: download, stage, restart, active', () => {
    const { fleet, advance } = fleetAt();
    fleet.setServerTarget(NVR, { modules: [{ name: 'banalytics-core', version: '2.5.0' }] });
    const job = fleet.startUpgrade(NVR, 'request-0001');
    expect(job.state).toBe('running');
    const seen: string[] = [];
    for (let second = 0; second < 600; second += 1) {
      const state = fleet.server(NVR).syncState;
      if (seen[seen.length - 1] !== state) seen.push(state);
      advance(1_000);
    }
    expect(seen).toEqual(['downloading', 'staged', 'restarting', 'idle']);
    const after = fleet.server(NVR);
    expect(after.modules[0]?.installed).toBe('2.5.0');
    expect(after.lastResult).toMatchObject({ outcome: 'succeeded' });
    expect(after.job?.steps.map((step) => step.state)).toEqual([
      'done',
      'done',
      'done',
      'done',
      'done',
    ]);
    expect(after.job?.steps.find((step) => step.step === 'stage')?.message).toContain(
      'modules-backup',
    );
  });

  it('rolls back to an older version the same way', () => {
    const { fleet, advance } = fleetAt();
    fleet.setServerTarget(NVR, { modules: [{ name: 'modbus', version: '1.2.0' }] });
    fleet.startUpgrade(NVR, 'request-0002');
    advance(10 * 60_000);
    expect(fleet.server(NVR).modules.find((m) => m.name === 'modbus')?.installed).toBe('1.2.0');
  });

  it('fails a version that does not start and restores the previous set from backup', () => {
    const { fleet, advance } = fleetAt();
    fleet.setServerTarget(NVR, { modules: [{ name: 'video-recording', version: '2.6.0-beta' }] });
    fleet.startUpgrade(NVR, 'request-0003');
    advance(10 * 60_000);
    const after = fleet.server(NVR);
    expect(after.syncState).toBe('failed');
    expect(after.modules.find((m) => m.name === 'video-recording')?.installed).toBe('2.4.0');
    expect(after.job?.state).toBe('failed');
    expect(after.lastResult?.message).toMatch(/restored from modules-backup.*after 10 seconds/);
  });

  it('cancels an unregistered server’s request and says so', () => {
    const { fleet } = fleetAt();
    fleet.setServerTarget(RECEPTION, { modules: [{ name: 'banalytics-core', version: '2.5.0' }] });
    expect(refusal(() => fleet.startUpgrade(RECEPTION, 'request-0004'))).toMatchObject({
      status: 409,
      code: 'not_registered',
      message: expect.stringContaining('cancelled') as string,
    });
    expect(fleet.server(RECEPTION).lastResult).toMatchObject({ outcome: 'cancelled' });
  });

  it('runs one synchronization at a time: a second request is refused while one runs', () => {
    const { fleet } = fleetAt();
    fleet.setServerTarget(NVR, { modules: [{ name: 'banalytics-core', version: '2.5.0' }] });
    const first = fleet.startUpgrade(NVR, 'request-0005');
    expect(fleet.startUpgrade(NVR, 'request-0005')).toEqual(first);
    expect(refusal(() => fleet.startUpgrade(NVR, 'request-0006'))).toMatchObject({
      status: 409,
      code: 'sync_in_progress',
    });
    expect(
      refusal(() =>
        fleet.setServerTarget(NVR, { modules: [{ name: 'modbus', version: '1.4.0' }] }),
      ),
    ).toMatchObject({ code: 'sync_in_progress' });
  });

  it('refuses an upgrade without enough disk space, with the figures', () => {
    const { fleet } = fleetAt();
    fleet.setServerTarget(NVR, { modules: [{ name: 'person-detector', version: '2.0.0-hd' }] });
    const { disk } = fleet.server(NVR).plan;
    expect(disk.requiredBytes).toBe(
      disk.activeBytes + disk.stagedBytes + disk.backupBytes + disk.modelsBytes,
    );
    expect(refusal(() => fleet.startUpgrade(NVR, 'request-0007'))).toMatchObject({
      status: 507,
      code: 'insufficient_disk',
      message: expect.stringMatching(
        /needs 1\.\d GB \(active .* \+ staged .* \+ backup .* \+ models 1\.2 GB\) and 1\.5 GB is free/,
      ) as string,
    });
  });

  it('refuses removing a required module, and an unpublished version', () => {
    const { fleet } = fleetAt();
    expect(
      refusal(() =>
        fleet.setServerTarget(NVR, { modules: [{ name: 'banalytics-core', version: null }] }),
      ),
    ).toMatchObject({ status: 422, code: 'required_module' });
    expect(
      refusal(() =>
        fleet.setServerTarget(NVR, { modules: [{ name: 'modbus', version: '9.9.9' }] }),
      ),
    ).toMatchObject({ status: 422, code: 'unknown_version' });
  });

  it('removes an optional module, whose dependent tasks are named', () => {
    const { fleet, advance } = fleetAt();
    const modbus = fleet.server(NVR).modules.find((m) => m.name === 'modbus');
    expect(modbus?.dependentTasks).toContain('Gate controller polling');
    fleet.setServerTarget(NVR, { modules: [{ name: 'modbus', version: null }] });
    fleet.startUpgrade(NVR, 'request-0008');
    advance(10 * 60_000);
    expect(fleet.server(NVR).modules.find((m) => m.name === 'modbus')?.installed).toBeNull();
  });

  it('offers a first-run server a full synchronization of the portal-defined set', () => {
    const { fleet, advance } = fleetAt('large');
    const kiosk = fleet.server('srv-5c19e7d0');
    expect(kiosk.firstRun).toBe(true);
    expect(kiosk.plan.fullSync).toBe(true);
    expect(kiosk.modules.every((module) => module.installed === null)).toBe(true);
    const job = fleet.startUpgrade('srv-5c19e7d0', 'request-0009');
    expect(job.fullSync).toBe(true);
    advance(10 * 60_000);
    const after = fleet.server('srv-5c19e7d0');
    expect(after.firstRun).toBe(false);
    expect(after.modules.find((m) => m.name === 'banalytics-core')?.installed).toBe('2.5.0');
  });

  it('keeps target sets, settings and jobs across a reload', () => {
    const first = fleetAt();
    first.fleet.setServerSettings(NVR, { updateType: 'on-boot', restartOnFailure: '1m' });
    first.fleet.setServerTarget(NVR, { modules: [{ name: 'modbus', version: '1.4.0' }] });
    const again = fleetAt('demo', first.store);
    expect(again.fleet.server(NVR).settings).toEqual({
      updateType: 'on-boot',
      restartOnFailure: '1m',
    });
    expect(again.fleet.server(NVR).modules.find((m) => m.name === 'modbus')?.target).toBe('1.4.0');
  });

  it('in Software upgrade on boot mode, applies the target set at the next restart by itself', () => {
    const { fleet, advance } = fleetAt();
    fleet.setServerSettings(NVR, { updateType: 'on-boot', restartOnFailure: '10s' });
    fleet.setServerTarget(NVR, { modules: [{ name: 'modbus', version: '1.4.0' }] });
    // 09:00 UTC: nothing runs until the server restarts at 03:00 UTC.
    advance(17 * 3_600_000);
    expect(fleet.server(NVR).job).toBeNull();
    advance(2 * 3_600_000);
    const after = fleet.server(NVR);
    expect(after.modules.find((m) => m.name === 'modbus')?.installed).toBe('1.4.0');
    expect(after.lastResult?.outcome).toBe('succeeded');
  });
});
