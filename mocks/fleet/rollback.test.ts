// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ActivityListQuery } from '../../src/api/activity';
import { DEFAULT_RULES } from '../../src/api/rollouts';
import { HOUR } from './clock';
import { Fleet } from './fleet';
import { memoryStore } from './persistence';
import { adminDemo, refusal } from './test-support';

const START = Date.UTC(2024, 10, 8, 9, 0);
const NORD = 'Nord GSM';

/** Rollout 1 of the demo: pilot 1011 (on 5.36) and 1012 (on 5.32), halted once they installed. */
function haltedPilot() {
  const demo = adminDemo();
  const { fleet, until } = demo;
  const { id } = fleet.rollouts.start(NORD, {
    requestId: 'rollout-0001',
    selection: { exclude: [] },
    plan: {
      pilot: { kind: 'sites', sites: [1011, 1012] },
      waves: [{ kind: 'percent', percent: 50 }],
    },
    rules: { ...DEFAULT_RULES, successPercent: 100, soakMinutes: 600 },
  });
  until(id, (rollout) => rollout.waves[0]?.counts.installed === 2);
  fleet.rollouts.step(NORD, id, 'halt');
  return { ...demo, id };
}

describe('rolling back a halted rollout', () => {
  it('plans the sites it installed back to the versions they had, by its plan and rules', () => {
    const { fleet, id } = haltedPilot();
    const preview = fleet.rollouts.rollbackPreview(NORD, id);
    expect(preview).toMatchObject({
      deviceType: NORD,
      targetVersion: '5.32, 5.36',
      sites: 2,
      waves: [{ number: 1, sites: 2, firstSites: [1011, 1012] }],
      leftOut: [],
    });
  });

  it('runs as a new rollout linked both ways, and each site ends on the version it had', () => {
    const { fleet, site, until, id } = haltedPilot();
    expect(site(1011)?.version).toBe('5.40');
    const back = fleet.rollouts.rollback(NORD, id, { requestId: 'rollback-0001' });
    expect(back).toMatchObject({ id: '2', rollbackOf: id, targetVersion: '5.32, 5.36' });
    expect(fleet.rollouts.get(NORD, id).rolledBackBy).toBe('2');
    // The same request again answers the same rollout, and starts nothing more.
    expect(fleet.rollouts.rollback(NORD, id, { requestId: 'rollback-0001' }).id).toBe('2');
    expect(site(1011)?.update?.targetVersion).toBe('5.36');
    expect(site(1012)?.update?.targetVersion).toBe('5.32');

    const finished = until('2', (rollout) => rollout.status === 'finished');
    expect(finished.reason).toBe('Every wave has run: 2 sites installed.');
    expect(site(1011)).toMatchObject({ version: '5.36', update: null });
    expect(site(1012)).toMatchObject({ version: '5.32', update: null });
    const entry = fleet.activity(ActivityListQuery.parse({ kind: 'rollout-start' })).items[0];
    expect(entry).toMatchObject({
      summary: 'Roll back rollout 1 in 1 wave',
      result: {
        text: 'Rollout 2 takes the sites of rollout 1 back to the versions they had. Wave 1 queued: 2 sites.',
      },
    });
  });

  it('refuses a rollout still running, and one rolled back already', () => {
    const { fleet, until } = adminDemo();
    const { id } = fleet.rollouts.start(NORD, {
      requestId: 'rollout-0001',
      selection: { exclude: [] },
      plan: { pilot: { kind: 'count', count: 1 }, waves: [] },
      rules: DEFAULT_RULES,
    });
    expect(refusal(() => fleet.rollouts.rollbackPreview(NORD, id))).toMatchObject({
      status: 409,
      code: 'not_halted',
      message: `Rollout ${id} is running: only a halted rollout is rolled back. Halt it first.`,
    });
    until(id, (rollout) => rollout.waves[0]?.counts.installed === 1);
    fleet.rollouts.step(NORD, id, 'halt');
    fleet.rollouts.rollback(NORD, id, { requestId: 'rollback-0001' });
    until('2', (rollout) => rollout.status === 'finished');
    expect(refusal(() => fleet.rollouts.rollbackPreview(NORD, id))).toMatchObject({
      status: 409,
      code: 'already_rolled_back',
    });
  });

  it('is kept: a fleet started again from the store has both rollouts as they were', () => {
    const store = memoryStore();
    const first = adminDemo(store);
    const { id } = first.fleet.rollouts.start(NORD, {
      requestId: 'rollout-0001',
      selection: { exclude: [] },
      plan: { pilot: { kind: 'sites', sites: [1011] }, waves: [] },
      rules: DEFAULT_RULES,
    });
    first.until(id, (rollout) => rollout.waves[0]?.counts.installed === 1);
    first.fleet.rollouts.step(NORD, id, 'halt');
    first.fleet.rollouts.rollback(NORD, id, { requestId: 'rollback-0001' });
    const again = new Fleet({ scenario: 'demo', store, now: () => START + 48 * HOUR });
    expect(again.rollouts.get(NORD, '2')).toMatchObject({ rollbackOf: id, status: 'finished' });
    expect(again.rollouts.get(NORD, id).rolledBackBy).toBe('2');
  });
});
