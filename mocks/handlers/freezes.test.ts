// @vitest-environment node
/**
 * Change freezes on the built-in fleet, through the contract: a freeze of a device type refuses
 * its updates (an administrator may start one with a written reason, which the activity keeps),
 * holds a running rollout's next wave until it ends, and ends by the clock or early.
 */
import { describe, expect, it } from 'vitest';
import type { ActivityList } from '../../src/api/activity';
import type { ErrorBody } from '../../src/api/errors';
import type { Freeze, FreezeList } from '../../src/api/freezes';
import type { Role } from '../../src/api/permissions';
import { DEFAULT_RULES } from '../../src/api/rollout-plan';
import type { Rollout, RolloutPlanPreview } from '../../src/api/rollouts';
import type { UpdateAllPlan } from '../../src/api/sites';
import { memoryStore } from '../fleet/persistence';
import { resetFleet } from '../node';
import { get, post } from './test-http';

const NORD = 'device-types/Nord%20GSM';
const HOUR = 60 * 60_000;

function fleetOf() {
  const clock = { now: Date.parse('2024-11-09T06:00:00Z') };
  const store = memoryStore();
  const as = (role: Role) => resetFleet('demo', () => clock.now, { role }, { store });
  return { clock, as };
}

const holidays = {
  requestId: 'freeze-holidays-1',
  name: 'Holiday freeze',
  deviceType: 'Nord GSM',
  firstDay: '2024-11-09',
  lastDay: '2024-11-10',
  timeZone: 'UTC',
};
const FROZEN =
  'Nord GSM is frozen until November 11, 2024, 12:00 AM UTC by “Holiday freeze”: nothing starts until then. Start it after the freeze, or, as an administrator, give a written reason to start it now.';

describe('change freezes', () => {
  it('refuse an update inside them; an administrator starts one with a reason, which the activity keeps', async () => {
    const { as } = fleetOf();
    as('operator');
    expect((await post('freezes', holidays)).status).toBe(403);
    as('administrator');
    const added = await post('freezes', holidays);
    expect(added.status).toBe(201);
    expect((await added.json()) as Freeze).toMatchObject({
      id: 'F1',
      status: 'in-force',
      startsAt: '2024-11-09T00:00:00.000Z',
      endsAt: '2024-11-11T00:00:00.000Z',
      createdBy: 'Ada Novak',
      endedBy: null,
    });

    as('operator');
    const plan = await get<UpdateAllPlan>(`${NORD}/update-all`);
    expect(plan.frozen).toBe(
      'Nord GSM is frozen until November 11, 2024, 12:00 AM UTC by “Holiday freeze”',
    );
    const refused = await post(`${NORD}/update-all`, { requestId: 'update-all-frozen-1' });
    expect(refused.status).toBe(409);
    expect((await refused.json()) as ErrorBody).toMatchObject({ code: 'frozen', message: FROZEN });
    const forced = await post(`${NORD}/update-all`, {
      requestId: 'update-all-frozen-2',
      freezeOverride: { reason: 'A security fix that cannot wait.' },
    });
    expect(forced.status).toBe(403);

    as('administrator');
    const short = await post(`${NORD}/update-all`, {
      requestId: 'update-all-frozen-3',
      freezeOverride: { reason: 'Now' },
    });
    expect(short.status).toBe(400);
    const overridden = await post(`${NORD}/update-all`, {
      requestId: 'update-all-frozen-4',
      freezeOverride: { reason: 'A security fix that cannot wait.' },
    });
    expect(overridden.status).toBe(202);
    const activity = await get<ActivityList>('activity?kind=site-update-all');
    expect(activity.items[0]?.result).toMatchObject({
      status: 'accepted',
      text: expect.stringContaining(
        'Started inside the change freeze F1: “A security fix that cannot wait.”',
      ) as unknown,
    });
    const refusals = activity.items.flatMap((entry) =>
      entry.result.status === 'refused' ? [entry.result.code] : [],
    );
    expect(refusals).toEqual(expect.arrayContaining(['frozen', 'forbidden']));
  });

  it('hold a running rollout’s next wave until they end, and say so', async () => {
    const { clock, as } = fleetOf();
    as('administrator');
    const started = await post(`${NORD}/rollouts`, {
      requestId: 'rollout-before-freeze',
      selection: { exclude: [] },
      plan: { pilot: { kind: 'count', count: 1 }, waves: [{ kind: 'percent', percent: 50 }] },
      rules: DEFAULT_RULES,
    });
    expect(started.status).toBe(201);
    const rollout = (await started.json()) as Rollout;
    expect((await post('freezes', holidays)).status).toBe(201);
    clock.now += 12 * HOUR;
    const waiting = await get<Rollout>(`${NORD}/rollouts/${rollout.id}`);
    expect(waiting.waves[1]?.status).toBe('planned');
    expect(waiting.waves[1]?.waiting).toContain(
      'Nord GSM is frozen until November 11, 2024, 12:00 AM UTC by “Holiday freeze”: no wave starts until then.',
    );
    clock.now = Date.parse('2024-11-11T01:00:00Z');
    const after = await get<Rollout>(`${NORD}/rollouts/${rollout.id}`);
    expect(after.waves[1]?.startedAt).toBe('2024-11-11T00:00:00.000Z');
  });

  it('are listed, end early once, and the preview of a rollout says it is frozen', async () => {
    const { clock, as } = fleetOf();
    as('administrator');
    await post('freezes', holidays);
    const fleetFreeze = await post('freezes', {
      ...holidays,
      requestId: 'freeze-fleet-1',
      name: 'Year-end freeze',
      deviceType: null,
      firstDay: '2024-12-20',
      lastDay: '2025-01-06',
      timeZone: 'Europe/Berlin',
    });
    expect((await fleetFreeze.json()) as Freeze).toMatchObject({
      status: 'upcoming',
      startsAt: '2024-12-19T23:00:00.000Z',
      endsAt: '2025-01-06T23:00:00.000Z',
    });
    const preview = await post(`${NORD}/rollout-preview`, {
      selection: { exclude: [] },
      plan: { pilot: { kind: 'count', count: 1 }, waves: [] },
      rules: DEFAULT_RULES,
    });
    expect(((await preview.json()) as RolloutPlanPreview).frozen).toContain('“Holiday freeze”');

    clock.now += HOUR;
    const ended = await post('freezes/F1/end', { requestId: 'end-freeze-1' });
    expect((await ended.json()) as Freeze).toMatchObject({
      status: 'ended',
      endsAt: '2024-11-09T07:00:00.000Z',
      endedBy: 'Ada Novak',
    });
    const again = await post('freezes/F1/end', { requestId: 'end-freeze-2' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorBody).code).toBe('freeze_ended');
    const list = await get<FreezeList>('freezes');
    expect(list.items.map((freeze) => [freeze.id, freeze.status])).toEqual([
      ['F2', 'upcoming'],
      ['F1', 'ended'],
    ]);
    const plan = await get<UpdateAllPlan>(`${NORD}/update-all`);
    expect(plan.frozen ?? null).toBeNull();
    const kinds = (await get<ActivityList>('activity')).items.map((entry) => entry.summary);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'Add change freeze “Holiday freeze”',
        'Add change freeze “Year-end freeze”',
        'End change freeze “Holiday freeze”',
      ]),
    );
  });
});
