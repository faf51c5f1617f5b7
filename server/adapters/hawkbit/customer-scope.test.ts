// @vitest-environment node
/**
 * What a person limited to one customer sends hawkBit: lists and counts narrowed to the
 * customer's tag, a target of another customer refused before hawkBit is asked, an assignment
 * keeping the customer's targets only, and a rollout whose filters hold them only.
 */
import { describe, expect, it } from 'vitest';
import { narrowed, scopedRequest, type TargetIds } from './customer-scope';

/** hawkBit's answer to "which of these are the customer's": the ids named in `q` of `mine`. */
function idsOf(mine: readonly string[]): { ids: TargetIds; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    ids: (q) => {
      asked.push(q);
      expect(q).toContain('tag==customer:nordic');
      return Promise.resolve(mine.filter((id) => q.includes(id)));
    },
  };
}

describe('a request of a person limited to one customer', () => {
  it('narrows a list of targets, keeping its own query whole', async () => {
    const { ids } = idsOf([]);
    const list = await scopedRequest(
      'nordic',
      'GET',
      '/rest/v1/targets',
      { q: 'updateStatus==error,updateStatus==pending', limit: '1' },
      undefined,
      ids,
    );
    expect(list.query).toEqual({
      q: '(updateStatus==error,updateStatus==pending);tag==customer:nordic',
      limit: '1',
    });
    const group = await scopedRequest(
      'nordic',
      'GET',
      '/rest/v1/rollouts/4/deploygroups/9/targets',
      {},
      undefined,
      ids,
    );
    expect(group.query).toEqual({ q: 'tag==customer:nordic' });
    expect(narrowed(undefined, 'nordic')).toBe('tag==customer:nordic');
  });

  it('answers 404 for another customer’s target, before hawkBit is asked for it', async () => {
    const { ids } = idsOf(['cam-1']);
    await expect(
      scopedRequest('nordic', 'GET', '/rest/v1/targets/cam-1/actions', {}, undefined, ids),
    ).resolves.toMatchObject({ query: {} });
    await expect(
      scopedRequest('nordic', 'PUT', '/rest/v1/targets/cam-2', {}, { name: 'x' }, ids),
    ).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });

  it('assigns the customer’s targets only, and nothing at all without asking hawkBit when none is', async () => {
    const { ids } = idsOf(['cam-1', 'cam-3']);
    const body = ['cam-1', 'cam-2', 'cam-3'].map((id) => ({ id, type: 'forced' }));
    const kept = await scopedRequest(
      'nordic',
      'POST',
      '/rest/v1/distributionsets/7/assignedTargets',
      {},
      body,
      ids,
    );
    expect(kept.body).toEqual([
      { id: 'cam-1', type: 'forced' },
      { id: 'cam-3', type: 'forced' },
    ]);
    expect(kept.answer).toBeUndefined();
    const none = await scopedRequest(
      'nordic',
      'POST',
      '/rest/v1/distributionsets/7/assignedTargets',
      {},
      [{ id: 'cam-2', type: 'forced' }],
      ids,
    );
    expect(none.answer).toEqual({ assigned: 0, alreadyAssigned: 0, total: 0 });
  });

  it('makes a rollout of the customer’s targets only, in each of its groups', async () => {
    const { ids, asked } = idsOf([]);
    const made = await scopedRequest(
      'nordic',
      'POST',
      '/rest/v1/rollouts',
      {},
      {
        name: 'Nord GSM 5.40',
        targetFilterQuery: 'targetType.key=="Nord GSM"',
        groups: [
          { name: 'Wave 1', targetFilterQuery: 'controllerAttributes.siteNumber=in=(1011)' },
        ],
      },
      ids,
    );
    expect(made.body).toEqual({
      name: 'Nord GSM 5.40',
      targetFilterQuery: '(targetType.key=="Nord GSM");tag==customer:nordic',
      groups: [
        {
          name: 'Wave 1',
          targetFilterQuery: '(controllerAttributes.siteNumber=in=(1011));tag==customer:nordic',
        },
      ],
    });
    expect(asked).toEqual([]);
  });
});
