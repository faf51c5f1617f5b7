/**
 * Site software update on hawkBit: sites are the targets whose controller attribute
 * `category` is `panel`, of the target type named after the device type (`Nord GSM`); the
 * type's current version is its newest distribution set (catalog.ts). A site's number,
 * channel, board revision and partitions are controller attributes; its update is its latest
 * hawkBit action, whose last status says the step (see the table in the README and
 * mocks/hawkbit/standin-sites.ts); a site is connected while it polls hawkBit.
 *
 * Statistics are count queries (`limit=1`, `total`) per type and state, kept for a few
 * seconds, never a scan. Updating one site or all of them assigns the type's current set
 * (at most 5,000 targets a call); cancelling cancels the action, refused once the site has
 * downloaded, as the console always refuses it.
 */
import {
  CANCELLABLE_STATES,
  CHANNEL_LABELS,
  IP_CHANNELS,
  SITE_STATE_LABELS,
  SiteChannel,
  type DeviceTypeStats,
  type DeviceTypeStatsList,
  type FailureCode,
  type NoUpdateCause,
  type Site,
  type SiteList,
  type SiteListQuery,
  type UpdateAllPlan,
  type UpdateAllResult,
} from '../../../src/api/sites';
import { RefusedError } from '../../contract/refusal';
import { everyItem, type Catalog, type DistributionSet, type Paged } from './catalog';
import type { HawkbitClient, HawkbitCredentials } from './client';
import { OVERDUE_MS } from './devices';
import { all, compare, contains } from './rsql';
import {
  causeQuery,
  FAILED,
  IP,
  NOT_IP,
  partitionsOf,
  stateQuery,
  updateOf,
  type Action,
  type ActionStatus,
} from './site-reading';
import { orderedPage } from './site-order';
import { assignSet, inTurn, targetReader, type Target } from './targets';

export const PANEL_CATEGORY = 'panel';
const ONLY_SITES = compare('controllerAttributes.category', '==', PANEL_CATEGORY);
const ROW_READS_AT_ONCE = 8;
const STATS_MS = 5_000;
const LISTED = 100;
/** The failure codes a panel reports with its `error` status. */
const FAILURE_CODES: Readonly<Record<number, FailureCode>> = {
  1: 'board-revision',
  2: 'integrity',
  3: 'fell-back',
  4: 'no-report',
};

export interface SitesOptions {
  client: HawkbitClient;
  catalog: (credentials: HawkbitCredentials) => Promise<Catalog>;
  now: () => number;
}

const iso = (at: number) => new Date(at).toISOString();
const PENDING = compare('updateStatus', '==', 'pending');
const NOT_PENDING = compare('updateStatus', '!=', 'pending');

export function hawkbitSites(options: SitesOptions) {
  const { client, catalog, now } = options;
  const reader = targetReader(client);
  /** Each type's statistics per hawkBit user, kept for a few seconds (the list polls them). */
  const statsKept = new Map<
    string,
    { at: number; stats: Promise<{ stats: DeviceTypeStats; moving: boolean }> }
  >();
  const forgetStats = (credentials: HawkbitCredentials) => {
    for (const key of statsKept.keys()) {
      if (key.startsWith(`${credentials.username}\n`)) statsKept.delete(key);
    }
  };

  function keptStats(credentials: HawkbitCredentials, type: string, current: string) {
    // Counted as this user sees them: for a role limited to a customer, its targets only.
    const key = `${credentials.username}\n${credentials.customer ?? '*'}\n${type}\n${current}`;
    const kept = statsKept.get(key);
    if (kept && now() - kept.at < STATS_MS) return kept.stats;
    const stats = statsOf(credentials, type, current);
    statsKept.set(key, { at: now(), stats });
    // A failed count is not kept: the next request asks hawkBit again.
    stats.catch(() => statsKept.delete(key));
    return stats;
  }

  const ofType = (type: string) => all(ONLY_SITES, compare('targetType.key', '==', type)) ?? '';
  const overdue = () => now() - OVERDUE_MS;

  function currentSet(found: Catalog, deviceType: string): DistributionSet {
    const set = found.current.get(deviceType);
    if (!set) {
      throw new RefusedError(
        404,
        'device_type_not_found',
        `hawkBit has no device type “${deviceType}” with software (a target type and a distribution set of that name).`,
      );
    }
    return set;
  }

  /** The queries of the red, yellow and current groups of a type. */
  function groups(type: string, current: string) {
    const old = compare('installedDistributionSet.version', '!=', current);
    return {
      current: all(ofType(type), compare('installedDistributionSet.version', '==', current)) ?? '',
      updating: all(ofType(type), old, PENDING) ?? '',
      noUpdate: all(ofType(type), old, NOT_PENDING) ?? '',
    };
  }

  async function latestAction(credentials: HawkbitCredentials, target: Target) {
    const path = `/rest/v1/targets/${encodeURIComponent(target.controllerId)}/actions`;
    const [action] = (
      await client.get<Paged<Action>>(path, credentials, { sort: 'ID:DESC', limit: 1 })
    ).content;
    if (!action) return undefined;
    const [status] = (
      await client.get<Paged<ActionStatus>>(`${path}/${action.id}/status`, credentials, {
        sort: 'ID:DESC',
        limit: 1,
      })
    ).content;
    return { action, status };
  }

  const failureOf = (status: ActionStatus | undefined) => {
    if (status?.type !== 'error') return null;
    return {
      at: iso(status.reportedAt ?? now()),
      code: FAILURE_CODES[status.code ?? 0] ?? 'integrity',
      reason: status.messages?.[0] ?? 'The update failed.',
    };
  };

  /** The counts of a type's statistics: red by cause, yellow, current. */
  async function statsOf(
    credentials: HawkbitCredentials,
    type: string,
    current: string,
  ): Promise<{ stats: DeviceTypeStats; moving: boolean }> {
    const group = groups(type, current);
    const notConnected = all(
      group.noUpdate,
      IP,
      compare('updateStatus', '!=', 'error'),
      compare('lastTargetQuery', '=lt=', overdue()),
    );
    const [devices, onCurrent, updating, noIp, offline, failedTargets, oldestOffline] =
      await Promise.all([
        reader.count(credentials, ofType(type)),
        reader.count(credentials, group.current),
        reader.count(credentials, group.updating),
        reader.count(credentials, all(group.noUpdate, NOT_IP)),
        reader.count(credentials, notConnected),
        everyItem<Target>(client, '/rest/v1/targets', credentials, {
          q: all(group.noUpdate, IP, FAILED),
          sort: 'CONTROLLERID:ASC',
        }),
        reader.page(credentials, notConnected, {
          sort: 'LASTCONTROLLERREQUESTAT:ASC',
          offset: 0,
          limit: 1,
        }),
      ]);
    const codes = await inTurn(failedTargets, ROW_READS_AT_ONCE, async (target) => {
      const latest = await latestAction(credentials, target);
      return failureOf(latest?.status)?.code ?? 'integrity';
    });
    const noUpdatePlanned = devices - onCurrent - updating;
    const counted: Partial<Record<NoUpdateCause, number>> = {
      'no-ip-channel': noIp,
      'board-revision': codes.filter((code) => code === 'board-revision').length,
      integrity: codes.filter((code) => code === 'integrity').length,
      'fell-back': codes.filter((code) => code === 'fell-back').length,
      'no-report': codes.filter((code) => code === 'no-report').length,
      'not-connected': offline,
    };
    const known = Object.values(counted).reduce((sum, count) => sum + count, 0);
    counted['never-queued'] = Math.max(0, noUpdatePlanned - known);
    const since = oldestOffline.content[0]?.lastControllerRequestAt;
    const causes: DeviceTypeStats['noUpdateCauses'] = (
      [
        'never-queued',
        'not-connected',
        'no-ip-channel',
        'board-revision',
        'integrity',
        'fell-back',
        'no-report',
      ] as const
    ).flatMap((cause) => {
      const count = counted[cause] ?? 0;
      return count > 0
        ? [
            {
              cause,
              count,
              since: cause === 'not-connected' && since !== undefined ? iso(since) : null,
            },
          ]
        : [];
    });
    return {
      stats: {
        deviceType: type,
        devices,
        currentVersion: current,
        noUpdatePlanned,
        updating,
        onCurrentVersion: onCurrent,
        noUpdateCauses: causes,
      },
      moving: updating > 0,
    };
  }

  /** One site from its target: attributes, installed set and latest action side by side. */
  async function siteOf(
    credentials: HawkbitCredentials,
    target: Target,
    current: string,
  ): Promise<Site> {
    const path = `/rest/v1/targets/${encodeURIComponent(target.controllerId)}`;
    const [attributes, installed, latest] = await Promise.all([
      client.get<Record<string, string> | undefined>(`${path}/attributes`, credentials),
      client.get<DistributionSet | undefined>(`${path}/installedDS`, credentials),
      latestAction(credentials, target),
    ]);
    const found = attributes ?? {};
    const version = installed?.version ?? 'unknown';
    const seen = target.lastControllerRequestAt ?? 0;
    const connected = seen >= overdue();
    const channel = SiteChannel.safeParse(found.channel);
    const update =
      latest && latest.action.status !== 'finished'
        ? updateOf(latest.action, latest.status, connected, current, now())
        : null;
    const failure = update ? null : failureOf(latest?.status);
    const cancelled = !update && latest?.status?.type === 'canceled';
    const onIp = channel.success && IP_CHANNELS.includes(channel.data);
    return {
      number: Number(found.siteNumber ?? 0),
      deviceType: target.targetTypeName ?? '',
      version,
      channel: channel.success ? channel.data : 'pstn',
      connected,
      boardRevision: found.boardRevision ?? '',
      partitions: partitionsOf(found.partitions),
      update,
      disconnectedSince: connected ? null : iso(seen),
      noUpdateCause:
        version === current || update
          ? null
          : !onIp
            ? 'no-ip-channel'
            : failure
              ? failure.code
              : cancelled
                ? 'cancelled'
                : connected
                  ? 'never-queued'
                  : 'not-connected',
      lastFailure: failure,
      lastUpdatedAt:
        latest?.status?.type === 'finished' ? iso(latest.status.reportedAt ?? now()) : null,
    };
  }

  async function siteTarget(
    credentials: HawkbitCredentials,
    deviceType: string,
    number: number,
  ): Promise<Target> {
    const [found] = (
      await reader.page(
        credentials,
        all(ONLY_SITES, compare('controllerAttributes.siteNumber', '==', String(number))),
        { offset: 0, limit: 1 },
      )
    ).content;
    if (!found) {
      throw new RefusedError(404, 'site_not_found', `There is no site ${number}.`);
    }
    if (found.targetTypeName !== deviceType) {
      throw new RefusedError(
        409,
        'wrong_device_type',
        `Site ${number} is a ${found.targetTypeName ?? 'another'} site, not ${deviceType}. Open that type's page to update it.`,
      );
    }
    return found;
  }

  /** The site numbers of targets (their attribute), for the first `most` of them. */
  const numbersOf = (credentials: HawkbitCredentials, targets: readonly Target[], most = LISTED) =>
    inTurn(targets.slice(0, most), ROW_READS_AT_ONCE, async (target) => {
      const attributes = await client.get<Record<string, string> | undefined>(
        `/rest/v1/targets/${encodeURIComponent(target.controllerId)}/attributes`,
        credentials,
      );
      return Number(attributes?.siteNumber ?? 0);
    });

  async function plan(credentials: HawkbitCredentials, deviceType: string) {
    const found = await catalog(credentials);
    const set = currentSet(found, deviceType);
    const group = groups(deviceType, set.version);
    const queueable = all(group.noUpdate, IP) ?? '';
    const [toQueue, updating, noIp] = await Promise.all([
      reader.count(credentials, queueable),
      reader.page(credentials, group.updating, { sort: 'NAME:ASC', offset: 0, limit: LISTED }),
      reader.page(credentials, all(group.noUpdate, NOT_IP), {
        sort: 'NAME:ASC',
        offset: 0,
        limit: LISTED,
      }),
    ]);
    const leftOut: UpdateAllPlan['leftOut'] = [];
    for (const [reason, page] of [
      ['already-updating', updating],
      ['no-ip-channel', noIp],
    ] as const) {
      if (page.total > 0) {
        const sites = (await numbersOf(credentials, page.content)).sort((a, b) => a - b);
        leftOut.push({ reason, count: page.total, sites });
      }
    }
    return {
      set,
      queueable,
      plan: { deviceType, currentVersion: set.version, toQueue, leftOut } satisfies UpdateAllPlan,
    };
  }

  /** The target types that have panels and a current set, kept as long as the statistics. */
  const typesKept = new Map<string, { at: number; types: Promise<string[]> }>();
  function panelTypes(credentials: HawkbitCredentials, found: Catalog): Promise<string[]> {
    const who = `${credentials.username}\n${credentials.customer ?? '*'}`;
    const kept = typesKept.get(who);
    if (kept && now() - kept.at < STATS_MS) return kept.types;
    const types = Promise.all(
      found.types.map(async (type) => ({
        key: type.key,
        sites: await reader.count(credentials, ofType(type.key)),
      })),
    ).then((counted) =>
      counted.filter(({ key, sites }) => sites > 0 && found.current.has(key)).map(({ key }) => key),
    );
    typesKept.set(who, { at: now(), types });
    types.catch(() => typesKept.delete(who));
    return types;
  }

  const assign = (credentials: HawkbitCredentials, set: DistributionSet, ids: readonly string[]) =>
    assignSet(client, credentials, set.id, ids);

  return {
    /** What staged rollouts read sites with (rollouts.ts). */
    parts: { ofType, currentSet, groups, numbersOf, latestAction, failureOf, forgetStats, overdue },

    async stats(credentials: HawkbitCredentials): Promise<DeviceTypeStatsList> {
      const found = await catalog(credentials);
      const types = await panelTypes(credentials, found);
      const items = await Promise.all(
        types.map((type) => keptStats(credentials, type, currentSet(found, type).version)),
      );
      return { items: items.map((item) => item.stats), moving: items.some((item) => item.moving) };
    },

    async list(
      credentials: HawkbitCredentials,
      deviceType: string,
      query: SiteListQuery,
      /** Only these lists' targets (a rollout's groups, rollouts.ts), in their order. */
      within?: readonly string[],
    ): Promise<SiteList> {
      const found = await catalog(credentials);
      const current = currentSet(found, deviceType).version;
      const group = groups(deviceType, current);
      const q = all(
        ofType(deviceType),
        query.q ? contains('controllerAttributes.siteNumber', query.q) : undefined,
        stateQuery(query, group),
        causeQuery(query, group, compare('lastTargetQuery', '=lt=', overdue())),
      );
      const { stats, moving } = await keptStats(credentials, deviceType, current);
      const page =
        within && within.length > 1
          ? await reader.across(
              credentials,
              within.map((path) => ({ path, q })),
              query,
            )
          : await orderedPage(
              client,
              credentials,
              q ?? '',
              query,
              group,
              deviceType,
              within?.[0] ? targetReader(client, within[0]) : reader,
              overdue(),
            );
      const items = await inTurn(page.found, ROW_READS_AT_ONCE, (target) =>
        siteOf(credentials, target, current),
      );
      return {
        stats,
        items,
        total: page.total,
        page: query.page,
        pageSize: query.pageSize,
        moving,
      };
    },

    async updateSite(
      credentials: HawkbitCredentials,
      deviceType: string,
      number: number,
    ): Promise<Site> {
      const found = await catalog(credentials);
      const set = currentSet(found, deviceType);
      const target = await siteTarget(credentials, deviceType, number);
      const site = await siteOf(credentials, target, set.version);
      if (site.version === set.version) {
        throw new RefusedError(
          409,
          'already_current',
          `Site ${number} already runs ${set.version}, the current version.`,
        );
      }
      if (site.update) {
        throw new RefusedError(
          409,
          'already_updating',
          `Site ${number} is already updating (${SITE_STATE_LABELS[site.update.state].toLowerCase()}).`,
        );
      }
      if (!IP_CHANNELS.includes(site.channel)) {
        throw new RefusedError(
          422,
          'no_ip_channel',
          `Site ${number} is connected over ${CHANNEL_LABELS[site.channel]}. Only sites on Ethernet or GPRS can be updated remotely.`,
        );
      }
      await assign(credentials, set, [target.controllerId]);
      forgetStats(credentials);
      return siteOf(credentials, target, set.version);
    },

    async planUpdateAll(credentials: HawkbitCredentials, deviceType: string) {
      return (await plan(credentials, deviceType)).plan;
    },

    async updateAll(credentials: HawkbitCredentials, deviceType: string) {
      const { set, queueable, plan: planned } = await plan(credentials, deviceType);
      const targets = await everyItem<Target>(
        client,
        '/rest/v1/targets',
        credentials,
        { q: queueable, sort: 'CONTROLLERID:ASC' },
        Number.MAX_SAFE_INTEGER,
      );
      const ids = targets.map((target) => target.controllerId);
      const queued = await assign(credentials, set, ids);
      const result: UpdateAllResult = {
        deviceType: planned.deviceType,
        currentVersion: planned.currentVersion,
        leftOut: planned.leftOut,
        queued,
      };
      forgetStats(credentials);
      return { result, numbers: await numbersOf(credentials, targets, 50) };
    },

    async cancel(credentials: HawkbitCredentials, deviceType: string, number: number) {
      const found = await catalog(credentials);
      const current = currentSet(found, deviceType).version;
      const target = await siteTarget(credentials, deviceType, number);
      const site = await siteOf(credentials, target, current);
      if (!site.update) {
        throw new RefusedError(409, 'not_updating', `Site ${number} has no update running.`);
      }
      if (!CANCELLABLE_STATES.includes(site.update.state)) {
        throw new RefusedError(
          409,
          'already_downloaded',
          `Site ${number} has already downloaded firmware ${current}, so the update can no longer be cancelled. It will install when a partition is disarmed.`,
        );
      }
      const latest = await latestAction(credentials, target);
      if (latest) {
        await client.delete(
          `/rest/v1/targets/${encodeURIComponent(target.controllerId)}/actions/${latest.action.id}`,
          credentials,
        );
      }
      forgetStats(credentials);
      return siteOf(credentials, target, current);
    },
  };
}

/** What staged rollouts read sites with (rollouts.ts). */
export type SitesParts = ReturnType<typeof hawkbitSites>['parts'];
