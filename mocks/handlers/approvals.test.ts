// @vitest-environment node
/**
 * Approvals on the built-in fleet, through the contract: the rules an administrator sets make a
 * rollout or "Update all sites" wait for a second person; the one who asked cannot approve it,
 * another administrator can (the change is then made as the one who asked), a denial says why,
 * and a request no one decides expires by the clock.
 */
import { describe, expect, it } from 'vitest';
import type { ActivityList } from '../../src/api/activity';
import type { Approval, ApprovalList, ApprovalRulesList } from '../../src/api/approvals';
import type { NotificationList } from '../../src/api/notifications';
import type { Role } from '../../src/api/permissions';
import type { Rollout, RolloutPlanPreview } from '../../src/api/rollouts';
import { DEFAULT_RULES } from '../../src/api/rollout-plan';
import type { UpdateAllPlan } from '../../src/api/sites';
import type { ErrorBody } from '../../src/api/errors';
import { memoryStore } from '../fleet/persistence';
import { csrfHeader, resetFleet, testApiRoot } from '../node';

const NORD = 'device-types/Nord%20GSM';
const HOUR = 60 * 60_000;
const url = (path: string) => new URL(path, testApiRoot);

async function get<T>(path: string): Promise<T> {
  const response = await fetch(url(path));
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

async function send(method: 'POST' | 'PUT', path: string, body?: unknown) {
  return fetch(url(path), {
    method,
    headers: { 'Content-Type': 'application/json', ...(await csrfHeader()) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** One demo fleet, kept in one store, that the test signs in to as one role after another. */
function fleetOf() {
  const clock = { now: Date.parse('2024-11-09T06:00:00Z') };
  const store = memoryStore();
  const as = (role: Role) => resetFleet('demo', () => clock.now, { role }, { store });
  return { clock, as };
}

const plan = {
  selection: { exclude: [] },
  plan: { pilot: { kind: 'count', count: 1 }, waves: [{ kind: 'percent', percent: 50 }] },
  rules: DEFAULT_RULES,
};

describe('approvals', () => {
  it('makes an operator’s rollout wait; the operator cannot approve it, an administrator can, and it starts as theirs', async () => {
    const { as } = fleetOf();
    as('administrator');
    const set = await send('PUT', 'approval-rules', {
      deviceType: null,
      rules: { rollouts: true, updateAll: false, aboveSites: null, standsHours: 24 },
    });
    expect(set.status).toBe(200);
    expect(((await set.json()) as ApprovalRulesList).fleet.rollouts).toBe(true);

    as('operator');
    const preview = (await (
      await send('POST', `${NORD}/rollout-preview`, plan)
    ).json()) as RolloutPlanPreview;
    expect(preview.approval).toBe(
      'Rollouts of Nord GSM need a second person’s approval (the fleet’s rules).',
    );
    const direct = await send('POST', `${NORD}/rollouts`, { ...plan, requestId: 'start-0001' });
    expect(direct.status).toBe(409);
    expect(((await direct.json()) as ErrorBody).code).toBe('approval_required');

    const asked = await send('POST', 'approvals', {
      requestId: 'ask-00001',
      deviceType: 'Nord GSM',
      change: { kind: 'rollout', ...plan },
      note: 'Pilot on the quiet site first',
    });
    expect(asked.status).toBe(201);
    const request = (await asked.json()) as Approval;
    expect(request).toMatchObject({
      status: 'waiting',
      title: 'Staged rollout of Nord GSM to 5.40',
      requestedBy: { name: 'Omar Haddad' },
      sites: preview.sites,
      expiresAt: '2024-11-10T06:00:00.000Z',
      note: 'Pilot on the quiet site first',
    });
    expect(request.preview?.waves.map((wave) => wave.sites)).toEqual(
      preview.waves.map((wave) => wave.sites),
    );
    const again = await send('POST', 'approvals', {
      requestId: 'ask-00002',
      deviceType: 'Nord GSM',
      change: { kind: 'rollout', ...plan },
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorBody).code).toBe('approval_waiting');

    const byOperator = await send('POST', `approvals/${request.id}/approve`, {});
    expect(byOperator.status).toBe(403);
    expect(((await byOperator.json()) as ErrorBody).message).toBe(
      'Your role, Operator, cannot approve or deny changes. Ask an administrator.',
    );

    as('administrator');
    expect((await get<ApprovalList>('approvals')).waiting).toBe(1);
    const approved = await send('POST', `approvals/${request.id}/approve`, {
      comment: 'Checked the pilot',
    });
    expect(approved.status).toBe(200);
    const decided = (await approved.json()) as Approval;
    expect(decided).toMatchObject({
      status: 'approved',
      decidedBy: { name: 'Ada Novak' },
      comment: 'Checked the pilot',
      preview: null,
    });
    const rollout = await get<Rollout>(`${NORD}/rollouts/${decided.rolloutId ?? ''}`);
    expect(rollout).toMatchObject({
      status: 'running',
      startedBy: 'Omar Haddad',
      approval: { id: request.id, approvedBy: 'Ada Novak' },
    });
    const twice = await send('POST', `approvals/${request.id}/approve`, {});
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as ErrorBody).code).toBe('approval_ended');

    const activity = await get<ActivityList>('activity?pageSize=10');
    const said = (status: string) =>
      activity.items
        .filter((entry) => entry.result.status === status)
        .map((entry) => [
          entry.kind,
          entry.operator.name,
          entry.result.status === 'refused' ? entry.result.code : '',
        ]);
    expect(said('accepted').slice(0, 3)).toEqual([
      ['approval-approve', 'Ada Novak', ''],
      ['rollout-start', 'Omar Haddad', ''],
      ['approval-ask', 'Omar Haddad', ''],
    ]);
    expect(said('refused')).toEqual([
      ['approval-approve', 'Ada Novak', 'approval_ended'],
      ['approval-approve', 'Omar Haddad', 'forbidden'],
      ['approval-ask', 'Omar Haddad', 'approval_waiting'],
      ['rollout-start', 'Omar Haddad', 'approval_required'],
    ]);
    const started = activity.items.find(
      (entry) => entry.kind === 'rollout-start' && entry.result.status === 'accepted',
    );
    expect(started?.result).toMatchObject({
      text: expect.stringContaining('Approved by Ada Novak (request 1).') as unknown,
    });
  });

  it('never lets the one who asked decide: an administrator’s own request waits for another', async () => {
    const { as } = fleetOf();
    as('administrator');
    await send('PUT', 'approval-rules', {
      deviceType: 'Nord GSM',
      rules: { rollouts: false, updateAll: true, aboveSites: null, standsHours: 2 },
    });
    const plan = await get<UpdateAllPlan>(`${NORD}/update-all`);
    expect(plan.approval).toBe(
      '“Update all sites” of Nord GSM needs a second person’s approval (Nord GSM’s own rules).',
    );
    const direct = await send('POST', `${NORD}/update-all`, { requestId: 'all-000001' });
    expect(direct.status).toBe(409);
    const asked = (await (
      await send('POST', 'approvals', {
        requestId: 'ask-00003',
        deviceType: 'Nord GSM',
        change: { kind: 'update-all' },
      })
    ).json()) as Approval;
    expect(asked.updateAll?.toQueue).toBe(plan.toQueue);
    const own = await send('POST', `approvals/${asked.id}/approve`, {});
    expect(own.status).toBe(403);
    expect(((await own.json()) as ErrorBody).code).toBe('own_request');
    const ownDeny = await send('POST', `approvals/${asked.id}/deny`, { comment: 'No' });
    expect(ownDeny.status).toBe(403);
    const refused = await get<ActivityList>('activity?pageSize=2');
    expect(refused.items.map((entry) => [entry.kind, entry.summary, entry.result])).toEqual([
      ['approval-deny', 'Deny change', expect.objectContaining({ code: 'own_request' })],
      ['approval-approve', 'Approve change', expect.objectContaining({ code: 'own_request' })],
    ]);

    const withdrawn = await send('POST', `approvals/${asked.id}/withdraw`);
    expect(((await withdrawn.json()) as Approval).status).toBe('withdrawn');
  });

  it('denies with a comment, and expires a request no one decides', async () => {
    const { clock, as } = fleetOf();
    as('administrator');
    await send('PUT', 'approval-rules', {
      deviceType: null,
      rules: { rollouts: false, updateAll: false, aboveSites: 3, standsHours: 2 },
    });
    as('operator');
    const preview = (await (
      await send('POST', `${NORD}/rollout-preview`, plan)
    ).json()) as RolloutPlanPreview;
    expect(preview.approval).toBe(
      `Changes of more than 3 Nord GSM sites need a second person’s approval (the fleet’s rules): this one changes ${preview.sites}.`,
    );
    const ask = (requestId: string) =>
      send('POST', 'approvals', {
        requestId,
        deviceType: 'Nord GSM',
        change: { kind: 'rollout', ...plan },
      });
    const first = (await (await ask('ask-00004')).json()) as Approval;

    as('administrator');
    const noComment = await send('POST', `approvals/${first.id}/deny`, { comment: ' ' });
    expect(noComment.status).toBe(400);
    const denied = await send('POST', `approvals/${first.id}/deny`, {
      comment: 'Not before the audit',
    });
    expect((await denied.json()) as Approval).toMatchObject({
      status: 'denied',
      comment: 'Not before the audit',
      rolloutId: null,
    });

    as('operator');
    const second = (await (await ask('ask-00005')).json()) as Approval;
    clock.now += 2 * HOUR;
    const expired = await get<Approval>(`approvals/${second.id}`);
    expect(expired).toMatchObject({ status: 'expired', decidedAt: second.expiresAt });
    as('administrator');
    const late = await send('POST', `approvals/${second.id}/approve`, {});
    expect(late.status).toBe(409);
    expect(((await late.json()) as ErrorBody).message).toBe(
      `Request ${second.id} expired on 2024-11-09 08:00 UTC: it no longer waits for a decision. Ask again if the change is still wanted.`,
    );
    expect((await get<ApprovalList>('approvals')).waiting).toBe(0);
  });
});

describe('notifications', () => {
  it('tells an approver what waits, the one who asked what became of it, and keeps each one’s read marks', async () => {
    const { as } = fleetOf();
    as('administrator');
    await send('PUT', 'approval-rules', {
      deviceType: null,
      rules: { rollouts: true, updateAll: false, aboveSites: null, standsHours: 24 },
    });
    as('operator');
    const asked = (await (
      await send('POST', 'approvals', {
        requestId: 'ask-00010',
        deviceType: 'Nord GSM',
        change: { kind: 'rollout', ...plan },
      })
    ).json()) as Approval;
    expect((await get<NotificationList>('notifications')).items).toEqual([]);

    as('administrator');
    const waiting = await get<NotificationList>('notifications');
    expect(waiting).toMatchObject({
      unread: 1,
      items: [
        {
          kind: 'approval-waiting',
          title: 'Waiting for your approval: Staged rollout of Nord GSM to 5.40',
          text: 'Asked by Omar Haddad. Rollouts of Nord GSM need a second person’s approval (the fleet’s rules).',
          link: '/approvals',
          read: false,
        },
      ],
    });
    const read = await send('POST', 'notifications/read', {});
    expect(((await read.json()) as NotificationList).unread).toBe(0);
    await send('POST', `approvals/${asked.id}/approve`, { comment: 'Go' });
    expect((await get<NotificationList>('notifications')).items).toEqual([]);

    as('operator');
    const decided = await get<NotificationList>('notifications');
    expect(decided).toMatchObject({
      unread: 1,
      items: [
        {
          kind: 'approval-decided',
          title: 'Your request was approved: Staged rollout of Nord GSM to 5.40',
          text: 'Approved by Ada Novak: “Go”. Rollout 1 started.',
          link: '/firmware/Nord%20GSM/rollouts/1',
        },
      ],
    });
    // The operator's marks are their own: the administrator's "all read" did not read this.
    const id = decided.items[0]?.id ?? '';
    const marked = await send('POST', 'notifications/read', { ids: [id] });
    expect((await marked.json()) as NotificationList).toMatchObject({
      unread: 0,
      items: [{ id, read: true }],
    });
  });

  it('says when holds end within a day, and when a rollout halts', async () => {
    const { clock, as } = fleetOf();
    as('operator');
    await send('POST', `${NORD}/holds`, {
      selection: { mode: 'numbers', numbers: [1011, 1012] },
      reason: 'Store refit',
      until: new Date(clock.now + 30 * HOUR).toISOString(),
      requestId: 'hold-00010',
    });
    expect((await get<NotificationList>('notifications')).items).toEqual([]);
    clock.now += 7 * HOUR;
    expect((await get<NotificationList>('notifications')).items).toMatchObject([
      {
        kind: 'hold-ending',
        title: 'Holds end within a day: 2 Nord GSM sites',
        text: 'Held for “Store refit”: 1011, 1012. They can be updated again once the hold ends; hold them again to keep them where they are.',
        link: '/firmware/Nord%20GSM?state=held',
      },
    ]);
    const started = (await (
      await send('POST', `${NORD}/rollouts`, { ...plan, requestId: 'start-00010' })
    ).json()) as Rollout;
    await send('POST', `${NORD}/rollouts/${started.id}/halt`);
    const halted = await get<NotificationList>('notifications');
    expect(halted.items[0]).toMatchObject({
      kind: 'rollout-halted',
      title: `Rollout ${started.id} of Nord GSM halted`,
      text: expect.stringMatching(/^Halted by Omar Haddad/) as unknown,
    });
    clock.now += 24 * HOUR;
    expect((await get<NotificationList>('notifications')).items.map((item) => item.kind)).toEqual([
      'rollout-halted',
    ]);
  });
});
