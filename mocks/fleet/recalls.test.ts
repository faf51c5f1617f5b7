// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ActivityListQuery } from '../../src/api/activity';
import { DEFAULT_RULES } from '../../src/api/rollouts';
import { HOUR, MINUTE } from './clock';
import { memoryStore } from './persistence';
import { adminDemo, refusal } from './test-support';

const NORD = 'Nord GSM';
const REASON = 'Panels lose their GPRS link after a day';

describe('recalling a version', () => {
  it('previews what it cancels, what still installs and the version that becomes current', () => {
    const { fleet } = adminDemo();
    expect(fleet.planRecall(NORD)).toEqual({
      deviceType: NORD,
      version: '5.40',
      replacedBy: '5.36',
      // 1017 is downloading, 1019 queued, 1020 waiting for its connection: none has the firmware.
      cancels: { count: 3, sites: [1017, 1019, 1020] },
      halts: [],
      // 1018 has downloaded it and waits for a disarmed partition.
      stillInstall: { count: 1, sites: [1018] },
      onVersion: 10,
      refusal: null,
    });
  });

  it('cancels what it said and nothing more, and makes the earlier version current', () => {
    const { fleet, site, nord, advance } = adminDemo();
    const result = fleet.recallVersion(NORD, {
      version: '5.40',
      reason: REASON,
      requestId: 'recall-0001',
    });
    expect(result).toEqual({
      deviceType: NORD,
      version: '5.40',
      currentVersion: '5.36',
      cancelled: 3,
      halted: [],
      stillInstall: 1,
    });
    // The same request again answers the same, and recalls nothing more.
    expect(
      fleet.recallVersion(NORD, { version: '5.40', reason: REASON, requestId: 'recall-0001' }),
    ).toEqual(result);
    expect([1017, 1019, 1020].map((number) => site(number)?.update)).toEqual([null, null, null]);
    expect(site(1018)?.update?.state).toBe('waiting-for-disarm');
    expect(site(1001)).toMatchObject({ version: '5.40', noUpdateCause: 'recalled' });
    expect(nord()).toMatchObject({
      currentVersion: '5.36',
      recalled: [
        {
          version: '5.40',
          replacedBy: '5.36',
          reason: REASON,
          by: { id: 'ada', name: 'Ada Admin' },
        },
      ],
      // On 5.36: 1011, 1013, 1015, 1017 and 1019. Red: the ten on 5.40, 1012, 1014, 1016, 1020.
      onCurrentVersion: 5,
      updating: 1,
      noUpdatePlanned: 14,
    });
    expect(nord()?.noUpdateCauses.find((each) => each.cause === 'recalled')?.count).toBe(10);

    // "Update all sites" now moves the sites off the recalled version, to 5.36 (all red but 1016,
    // which has no IP channel).
    const plan = fleet.planUpdateAll(NORD);
    expect(plan).toMatchObject({ currentVersion: '5.36', toQueue: 13 });
    fleet.updateAll(NORD, 'update-all-0001');
    advance(48 * HOUR);
    expect(site(1001)).toMatchObject({ version: '5.36', update: null, noUpdateCause: null });
    // 1018 was past its download: it still installs 5.40, once a partition is disarmed.
    expect(site(1018)?.update).toMatchObject({
      state: 'waiting-for-disarm',
      targetVersion: '5.40',
    });
    const entry = fleet.activity(ActivityListQuery.parse({ kind: 'version-recall' })).items[0];
    expect(entry).toMatchObject({
      summary: 'Recall 5.40',
      operator: { name: 'Ada Admin' },
      result: {
        status: 'accepted',
        text: `5.40 recalled: 3 queued updates cancelled; 1 site past the download will still install it. 5.36 is the current version again. “${REASON}”`,
      },
    });
    expect(fleet.notifications.list().items[0]).toMatchObject({
      kind: 'version-recalled',
      title: 'Nord GSM 5.40 recalled',
      link: '/firmware/Nord%20GSM',
    });
  });

  it('halts the rollout installing it, and the rollout keeps its version', () => {
    const { fleet, advance } = adminDemo();
    const { id } = fleet.rollouts.start(NORD, {
      requestId: 'rollout-0001',
      selection: { exclude: [] },
      plan: {
        pilot: { kind: 'sites', sites: [1011, 1012] },
        waves: [{ kind: 'percent', percent: 50 }],
      },
      rules: DEFAULT_RULES,
    });
    advance(5 * MINUTE);
    expect(fleet.planRecall(NORD).halts).toEqual([{ id, sites: 5 }]);
    const result = fleet.recallVersion(NORD, {
      version: '5.40',
      reason: REASON,
      requestId: 'recall-0001',
    });
    expect(result.halted).toEqual([id]);
    const rollout = fleet.rollouts.get(NORD, id);
    expect(rollout).toMatchObject({ status: 'halted', targetVersion: '5.40' });
    expect(rollout.reason).toMatch(/^Halted by the recall of 5\.40 by Ada Admin: /);
  });

  it('refuses a version that moved on, the last version left, and a role limited to a customer', () => {
    const { fleet } = adminDemo();
    fleet.recallVersion(NORD, { version: '5.40', reason: REASON, requestId: 'recall-0001' });
    expect(
      refusal(() =>
        fleet.recallVersion(NORD, { version: '5.40', reason: REASON, requestId: 'recall-0002' }),
      ),
    ).toMatchObject({ status: 409, code: 'version_moved' });
    fleet.recallVersion(NORD, { version: '5.36', reason: REASON, requestId: 'recall-0003' });
    expect(fleet.planRecall(NORD)).toMatchObject({ version: '5.32', replacedBy: null });
    expect(
      refusal(() =>
        fleet.recallVersion(NORD, { version: '5.32', reason: REASON, requestId: 'recall-0004' }),
      ),
    ).toMatchObject({
      status: 409,
      code: 'no_earlier_version',
      message:
        '5.32 is the only version of Nord GSM left: there is no earlier version to go back to, so it cannot be recalled.',
    });
    fleet.actor = {
      id: 'cora',
      name: 'Cora',
      role: 'administrator',
      customer: { id: 'nordic', name: 'Nordic Alarm AB' },
    };
    expect(
      refusal(() =>
        fleet.recallVersion('Nord LAN', { version: '3.12', reason: REASON, requestId: 'r-0005' }),
      ),
    ).toMatchObject({ status: 403, code: 'every_customer_only' });
  });

  it('is kept: a fleet started again from the store has the version recalled', () => {
    const store = memoryStore();
    const { fleet } = adminDemo(store);
    fleet.recallVersion(NORD, { version: '5.40', reason: REASON, requestId: 'recall-0001' });
    const again = adminDemo(store);
    expect(again.nord()).toMatchObject({ currentVersion: '5.36', noUpdatePlanned: 14 });
    expect(again.site(1017)?.update).toBeNull();
  });
});
