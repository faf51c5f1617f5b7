// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ActivityListQuery } from '../../src/api/activity';
import { DEFAULT_RULES } from '../../src/api/rollouts';
import { HOUR } from './clock';
import { adminDemo } from './test-support';

describe('an approval request that expires', () => {
  it('has its own entry in the activity at its expiry, in the asker’s name, and only then', () => {
    const { fleet, advance } = adminDemo();
    const ask = () =>
      fleet.approvals.ask({
        requestId: 'ask-test-0001',
        deviceType: 'Nord GSM',
        change: {
          kind: 'rollout',
          selection: { exclude: [] },
          plan: { pilot: { kind: 'count', count: 1 }, waves: [] },
          rules: DEFAULT_RULES,
        },
      });
    const { id, expiresAt } = ask();
    const expired = () =>
      fleet.activity(ActivityListQuery.parse({ kind: 'approval-expire' })).items;
    expect(expired()).toEqual([]);
    // A request stands a week at most.
    advance(8 * 24 * HOUR);
    const all = fleet.activity(ActivityListQuery.parse({})).items;
    expect(all.map((entry) => entry.kind)).toEqual(['approval-expire', 'approval-ask']);
    expect(expired()[0]).toMatchObject({
      at: expiresAt,
      operator: { id: 'ada', name: 'Ada Admin' },
      summary: `Request ${id} expired`,
      result: {
        status: 'accepted',
        text: 'No one approved or denied it in time: nothing was changed. Ask again if the change is still wanted.',
      },
    });
  });
});
