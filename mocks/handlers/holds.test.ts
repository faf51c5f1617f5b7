// @vitest-environment node
/**
 * Holds on the built-in fleet, through the contract: held sites leave the red count for their
 * own, are left out of "Update all sites" and of rollouts with the reason said, are refused a
 * single update in words, are in the activity with who held them and why, and come back by
 * themselves when the hold ends.
 */
import { describe, expect, it } from 'vitest';
import type { ActivityList } from '../../src/api/activity';
import type { HoldSitesResult, ReleaseSitesResult } from '../../src/api/holds';
import type { RolloutPlanPreview } from '../../src/api/rollouts';
import { DEFAULT_RULES } from '../../src/api/rollout-plan';
import type { SiteList, UpdateAllPlan } from '../../src/api/sites';
import { resetFleet } from '../node';
import { get, post } from './test-http';

const NORD = 'device-types/Nord%20GSM';
const HOUR = 60 * 60_000;

/** The demo fleet as an operator, at a clock the test moves. */
function fleetAt() {
  const clock = { now: Date.parse('2024-11-09T06:00:00Z') };
  resetFleet('demo', () => clock.now, { role: 'operator' });
  return clock;
}

describe('holds', () => {
  it('takes held sites out of red, out of "update all" and rollouts, and refuses their update in words', async () => {
    const clock = fleetAt();
    const red = await get<SiteList>(`${NORD}/sites?state=no-update&pageSize=100`);
    const queueable = red.items.filter(
      (site) => site.channel === 'ethernet' || site.channel === 'gprs',
    );
    const held = queueable.slice(0, 2).map((site) => site.number);
    expect(held).toHaveLength(2);
    const until = new Date(clock.now + 48 * HOUR).toISOString();
    const answer = await post(`${NORD}/holds`, {
      selection: { mode: 'numbers', numbers: held },
      reason: 'Bank holiday event at the store',
      until,
      requestId: 'hold-0001',
    });
    expect(answer.status).toBe(200);
    expect((await answer.json()) as HoldSitesResult).toEqual({ held: 2, until, sites: held });

    const after = await get<SiteList>(`${NORD}/sites?state=held&pageSize=100`);
    expect(after.items.map((site) => site.number)).toEqual(held);
    expect(after.items[0]?.hold).toMatchObject({
      reason: 'Bank holiday event at the store',
      until,
      by: { name: 'Omar Haddad' },
    });
    expect(after.stats.held).toBe(2);
    expect(after.stats.noUpdatePlanned).toBe(red.stats.noUpdatePlanned - 2);

    const plan = await get<UpdateAllPlan>(`${NORD}/update-all`);
    expect(plan.leftOut).toContainEqual({ reason: 'held', count: 2, sites: held });
    const preview = (await (
      await post(`${NORD}/rollout-preview`, {
        selection: { exclude: [] },
        plan: { pilot: { kind: 'count', count: 1 }, waves: [{ kind: 'percent', percent: 100 }] },
        rules: DEFAULT_RULES,
      })
    ).json()) as RolloutPlanPreview;
    expect(preview.leftOut).toContainEqual(expect.objectContaining({ reason: 'held', count: 2 }));

    const one = await post(`${NORD}/updates`, { siteNumber: held[0] });
    expect(one.status).toBe(409);
    expect(await one.json()).toMatchObject({
      code: 'site_held',
      message: expect.stringMatching(
        /^Site \d+ is held on .* until 2024-11-11 06:00 UTC by Omar Haddad: “Bank holiday event at the store”\. Release the hold first/,
      ) as unknown,
    });

    const { items } = await get<ActivityList>('activity?page=1&pageSize=5');
    // The refused update, then the hold.
    expect(items[0]).toMatchObject({ kind: 'site-update', result: { code: 'site_held' } });
    expect(items[1]).toMatchObject({
      kind: 'site-hold',
      operator: { name: 'Omar Haddad' },
      result: {
        status: 'accepted',
        text: 'Held 2 sites on their version until 2024-11-11 06:00 UTC: “Bank holiday event at the store”.',
      },
    });

    // The hold ends by the clock: the sites are red again, and "update all" queues them.
    clock.now += 49 * HOUR;
    const ended = await get<SiteList>(`${NORD}/sites?pageSize=100`);
    expect(ended.stats.held).toBe(0);
    expect(
      ended.items.filter((site) => held.includes(site.number)).map((site) => site.hold),
    ).toEqual([null, null]);
    expect((await get<UpdateAllPlan>(`${NORD}/update-all`)).leftOut).not.toContainEqual(
      expect.objectContaining({ reason: 'held' }),
    );
  });

  it('holds by filter and releases early, once per requestId, and refuses an end in the past or too far', async () => {
    const clock = fleetAt();
    const red = await get<SiteList>(`${NORD}/sites?state=no-update&pageSize=100`);
    const until = new Date(clock.now + 24 * HOUR).toISOString();
    const body = {
      selection: { mode: 'filter', filter: { state: 'no-update' } },
      reason: 'Waiting for the vendor’s fix',
      until,
      requestId: 'hold-0002',
    };
    const first = (await (await post(`${NORD}/holds`, body)).json()) as HoldSitesResult;
    expect(first.held).toBe(red.total);
    // The same request again: the first answer, nothing held twice.
    expect(await (await post(`${NORD}/holds`, body)).json()).toEqual(first);
    const reused = await post(`${NORD}/holds`, { ...body, reason: 'Another reason' });
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({ code: 'idempotency_key_reused' });

    const past = await post(`${NORD}/holds`, {
      ...body,
      until: new Date(clock.now - 1).toISOString(),
      requestId: 'hold-0003',
    });
    expect(past.status).toBe(400);
    expect(await past.json()).toMatchObject({
      code: 'validation_failed',
      message: expect.stringMatching(/in the future and at most 366 days ahead/) as unknown,
    });

    const release = await post(`${NORD}/holds/release`, {
      selection: { mode: 'numbers', numbers: first.sites.slice(0, 1) },
      requestId: 'release-0001',
    });
    expect((await release.json()) as ReleaseSitesResult).toEqual({
      released: 1,
      sites: first.sites.slice(0, 1),
    });
    const stats = (await get<SiteList>(`${NORD}/sites?pageSize=1`)).stats;
    expect(stats.held).toBe(red.total - 1);
    expect(stats.noUpdatePlanned).toBe(1);
  });

  it('is refused to a viewer, and the refusal is in the activity', async () => {
    resetFleet('demo', undefined, { role: 'viewer' });
    const refused = await post(`${NORD}/holds`, {
      selection: { mode: 'numbers', numbers: [1011] },
      reason: 'Test',
      until: new Date(Date.now() + HOUR).toISOString(),
      requestId: 'hold-0004',
    });
    expect(refused.status).toBe(403);
    const { items } = await get<ActivityList>('activity?page=1&pageSize=5');
    expect(items[0]).toMatchObject({ kind: 'site-hold', result: { status: 'refused' } });
  });
});
