// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { SiteListQuery } from '../../src/api/sites';
import { DAY, HOUR, MINUTE } from './clock';
import { Fleet } from './fleet';
import { memoryStore } from './persistence';
import { refusal } from './test-support';
import { stableFraction } from './random';
import type { DeviceTypeSeed, SiteSeed } from './site-seeds';
import { phaseIndexAt, siteTimeline, type Phase } from './site-lifecycle';

const START = Date.UTC(2024, 10, 8, 9, 0);

function demo(store = memoryStore()) {
  let time = START;
  const fleet = new Fleet({ scenario: 'demo', store, now: () => time });
  return {
    fleet,
    store,
    advance: (ms: number) => {
      time += ms;
    },
    site: (number: number) => {
      const list = fleet.listSites('Nord GSM', SiteListQuery.parse({ q: String(number) }));
      const site = list.items.find((item) => item.number === number);
      if (!site) throw new Error(`no site ${number}`);
      return site;
    },
    nord: () => fleet.siteStats().items.find((type) => type.deviceType === 'Nord GSM'),
  };
}

const nordGsm: DeviceTypeSeed = {
  name: 'Nord GSM',
  currentVersion: '5.40',
  earlierVersions: ['5.36'],
  firmwareBytes: 360 * 1024,
  partBytes: 16 * 1024,
  boards: ['B', 'C'],
  integrityFailureShare: 0.05,
  fallBackShare: 0,
  noReportShare: 0,
  reportTimeoutMs: 15 * MINUTE,
};

function siteSeed(fields: Partial<SiteSeed>): SiteSeed {
  return {
    number: 5001,
    deviceType: 'Nord GSM',
    version: '5.32',
    channel: 'gprs',
    connected: true,
    boardRevision: 'C',
    partitions: [{ name: 'Partition 1', armed: false }],
    update: null,
    ...fields,
  };
}

describe('site statistics', () => {
  it('show the documented example for Nord GSM: 20, 5.40, 6 red, 4 yellow, 10 current', () => {
    expect(demo().nord()).toEqual({
      deviceType: 'Nord GSM',
      devices: 20,
      currentVersion: '5.40',
      recalled: [],
      noUpdatePlanned: 6,
      updating: 4,
      onCurrentVersion: 10,
      held: 0,
      noUpdateCauses: [
        { cause: 'never-queued', count: 4, since: null },
        { cause: 'no-ip-channel', count: 1, since: null },
        { cause: 'integrity', count: 1, since: null },
      ],
    });
  });

  it('say why each red site has no update planned, and list the sites of one cause', () => {
    const { fleet, advance, site } = demo();
    expect(site(1011).noUpdateCause).toBe('never-queued');
    expect(site(1015)).toMatchObject({
      noUpdateCause: 'integrity',
      lastFailure: { code: 'integrity' },
    });
    expect(site(1016).noUpdateCause).toBe('no-ip-channel');
    expect(site(1017).noUpdateCause).toBeNull();
    // A cancelled update leaves the site red for that reason.
    fleet.cancelSiteUpdate('Nord GSM', 1019);
    expect(site(1019).noUpdateCause).toBe('cancelled');
    // A site queued again is no longer red.
    fleet.updateSite('Nord GSM', 1011);
    advance(MINUTE);
    expect(site(1011).noUpdateCause).toBeNull();
    const integrity = fleet.listSites('Nord GSM', SiteListQuery.parse({ cause: 'integrity' }));
    expect(integrity.items.map((each) => each.number)).toEqual([1015]);
    const lunar = fleet.listSites('Lunar GSM', SiteListQuery.parse({}));
    const offline = lunar.items.find((each) => !each.connected);
    expect(offline?.disconnectedSince).toEqual(expect.any(String));
  });

  it('start the demo’s updates in their fixed states', () => {
    const { site } = demo();
    expect(site(1017).update).toMatchObject({ state: 'downloading', download: { parts: 9 } });
    expect(site(1018).update?.state).toBe('waiting-for-disarm');
    expect(site(1018).update?.download.parts).toBe(site(1018).update?.download.totalParts);
    expect(site(1019).update?.state).toBe('queued');
    expect(site(1020).update?.state).toBe('waiting-for-connection');
  });

  it('a day later find every connected site with a disarmed partition done, and stop moving', () => {
    const { fleet, advance, nord, site } = demo();
    expect(fleet.siteStats().moving).toBe(true);
    advance(DAY);
    expect(nord()).toMatchObject({ noUpdatePlanned: 6, updating: 2, onCurrentVersion: 12 });
    expect(site(1017)).toMatchObject({ version: '5.40', update: null });
    expect(site(1019)).toMatchObject({ version: '5.40', update: null });
    // 1018: all partitions armed; 1020: not connected. Neither moves by itself.
    expect(site(1018).update?.state).toBe('waiting-for-disarm');
    expect(site(1020).update?.state).toBe('waiting-for-connection');
    expect(fleet.siteStats().moving).toBe(false);
  });
});

describe('listing sites', () => {
  const numbers = (query: Record<string, string>) =>
    demo()
      .fleet.listSites('Nord GSM', SiteListQuery.parse({ pageSize: '200', ...query }))
      .items.map((site) => site.number);

  it('sorts by site number by default, and in reverse on request', () => {
    const ascending = numbers({});
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(numbers({ order: 'desc' })).toEqual([...ascending].reverse());
  });

  it('sorts by state: no update planned, then updating by step, then current; ties by number', () => {
    const { fleet } = demo();
    const sites = fleet.listSites(
      'Nord GSM',
      SiteListQuery.parse({ sort: 'state', pageSize: '200' }),
    ).items;
    const rank = (site: (typeof sites)[number]) =>
      site.update ? 1 : site.version === '5.40' ? 2 : 0;
    expect(sites.map(rank)).toEqual([...sites.map(rank)].sort((a, b) => a - b));
    const red = sites.filter((site) => rank(site) === 0).map((site) => site.number);
    expect(red).toEqual([...red].sort((a, b) => a - b));
    // The first updating site is the one furthest back in the steps: queued.
    expect(sites.find((site) => site.update)?.update?.state).toBe('queued');
  });

  it('sorts by version numerically and by time in state, sites without an update last', () => {
    const { fleet } = demo();
    const byVersion = fleet.listSites(
      'Nord GSM',
      SiteListQuery.parse({ sort: 'version', order: 'desc', pageSize: '200' }),
    ).items;
    expect(byVersion[0]?.version).toBe('5.40');
    expect(byVersion.at(-1)?.version).not.toBe('5.40');
    const byTime = fleet.listSites(
      'Nord GSM',
      SiteListQuery.parse({ sort: 'timeInState', pageSize: '200' }),
    ).items;
    const since = byTime.filter((site) => site.update).map((site) => site.update?.since ?? '');
    expect(since).toEqual([...since].sort().reverse());
    expect(byTime.slice(since.length).every((site) => site.update === null)).toBe(true);
  });
});

describe('updating one site', () => {
  it('runs queued → downloading → checking → ready → rebooting → done, keeping arm state', () => {
    const { fleet, advance, site } = demo();
    // 1011 is on Ethernet: minutes, not hours.
    const before = site(1011);
    fleet.updateSite('Nord GSM', 1011);
    const seen: string[] = [];
    for (let second = 0; second < 3600 && site(1011).update; second += 1) {
      const state = site(1011).update?.state ?? 'done';
      if (seen[seen.length - 1] !== state) seen.push(state);
      advance(1_000);
    }
    expect(seen).toEqual(['queued', 'downloading', 'checking', 'ready', 'rebooting']);
    expect(site(1011)).toMatchObject({ version: '5.40', update: null, lastFailure: null });
    expect(site(1011).partitions).toEqual(before.partitions);
  });

  it('refuses, with words, every request it cannot queue', () => {
    const { fleet } = demo();
    expect(refusal(() => fleet.updateSite('Nord GSM', 999))).toMatchObject({
      status: 404,
      code: 'site_not_found',
    });
    expect(refusal(() => fleet.updateSite('Nord GSM', 2001))).toMatchObject({
      status: 409,
      code: 'wrong_device_type',
      message: expect.stringContaining('Nord LAN') as string,
    });
    expect(refusal(() => fleet.updateSite('Nord GSM', 1001))).toMatchObject({
      status: 409,
      code: 'already_current',
    });
    expect(refusal(() => fleet.updateSite('Nord GSM', 1017))).toMatchObject({
      status: 409,
      code: 'already_updating',
    });
    expect(refusal(() => fleet.updateSite('Nord GSM', 1016))).toMatchObject({
      status: 422,
      code: 'no_ip_channel',
      message: expect.stringContaining('Only sites on Ethernet or GPRS') as string,
    });
  });

  it('cancels until the download is complete, and refuses afterwards', () => {
    const { fleet, nord, site } = demo();
    expect(fleet.cancelSiteUpdate('Nord GSM', 1017).update).toBeNull();
    expect(site(1017).version).toBe('5.36');
    expect(nord()).toMatchObject({ noUpdatePlanned: 7, updating: 3 });
    expect(refusal(() => fleet.cancelSiteUpdate('Nord GSM', 1018))).toMatchObject({
      status: 409,
      code: 'already_downloaded',
      message: expect.stringContaining('already downloaded') as string,
    });
    expect(refusal(() => fleet.cancelSiteUpdate('Nord GSM', 1011))).toMatchObject({
      code: 'not_updating',
    });
  });

  it('keeps its operations across a reload', () => {
    const first = demo();
    first.fleet.updateSite('Nord GSM', 1011);
    const again = demo(first.store);
    expect(again.site(1011).update?.state).toBe('queued');
  });
});

describe('updating all sites', () => {
  it('plans the old, idle sites with an IP channel and names those left out', () => {
    const { fleet } = demo();
    expect(fleet.planUpdateAll('Nord GSM')).toEqual({
      deviceType: 'Nord GSM',
      currentVersion: '5.40',
      toQueue: 5,
      leftOut: [
        { reason: 'no-ip-channel', count: 1, sites: [1016] },
        { reason: 'already-updating', count: 4, sites: [1017, 1018, 1019, 1020] },
      ],
    });
  });

  it('queues them once per request, even when the request is repeated', () => {
    const { fleet, nord } = demo();
    const first = fleet.updateAll('Nord GSM', 'request-0001');
    const repeated = fleet.updateAll('Nord GSM', 'request-0001');
    expect(first.queued).toBe(5);
    expect(repeated).toEqual(first);
    expect(nord()).toMatchObject({ noUpdatePlanned: 1, updating: 9 });
    expect(fleet.updateAll('Nord GSM', 'request-0002').queued).toBe(0);
  });
});

describe('the lifecycle of one update', () => {
  it('resumes a dropped GPRS download from the last complete part', () => {
    const timeline = siteTimeline(siteSeed({}), nordGsm, { queuedAt: START, attempt: 1 });
    const drops = timeline.filter((phase) => phase.interrupted);
    expect(drops.length).toBeGreaterThan(0);
    for (const drop of drops) {
      const after = timeline[timeline.indexOf(drop) + 1] as Phase;
      expect(after).toMatchObject({ state: 'downloading', parts: drop.parts });
    }
  });

  it('takes minutes on Ethernet and hours on GPRS', () => {
    const doneAt = (channel: SiteSeed['channel']) => {
      const timeline = siteTimeline(siteSeed({ channel }), nordGsm, {
        queuedAt: START,
        attempt: 2,
      });
      return (timeline[timeline.length - 1] as Phase).from - START;
    };
    expect(doneAt('ethernet')).toBeLessThan(10 * MINUTE);
    expect(doneAt('gprs')).toBeGreaterThan(HOUR);
  });

  it('fails the compatibility check on an unsupported board, with the reason', () => {
    const timeline = siteTimeline(siteSeed({ boardRevision: 'A' }), nordGsm, {
      queuedAt: START,
      attempt: 1,
    });
    expect(timeline[timeline.length - 1]).toMatchObject({
      state: 'failed',
      reason: expect.stringContaining('board revision A') as string,
    });
  });

  it('fails an integrity check now and then, and a retry downloads again and succeeds', () => {
    let number = 5000;
    while (stableFraction(`${number}:1:integrity`) >= 0.05) number += 1;
    const seed = siteSeed({ number, channel: 'ethernet' });
    const first = siteTimeline(seed, nordGsm, { queuedAt: START, attempt: 1 });
    expect(first[first.length - 1]).toMatchObject({ state: 'failed' });
    const retry = siteTimeline(seed, nordGsm, { queuedAt: START + HOUR, attempt: 2 });
    expect(retry[retry.length - 1]?.state).toBe('done');
    expect(retry[phaseIndexAt(retry, START + HOUR + 2 * MINUTE)]?.state).toBe('downloading');
  });

  it('reboots for at most 10 seconds', () => {
    const timeline = siteTimeline(siteSeed({}), nordGsm, { queuedAt: START, attempt: 2 });
    const reboot = timeline.find((phase) => phase.state === 'rebooting');
    expect(reboot && reboot.to - reboot.from).toBeLessThanOrEqual(10_000);
  });
});
