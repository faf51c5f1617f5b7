import {
  IP_CHANNELS,
  NoUpdateCause,
  SiteChannel,
  SiteUpdateState,
  type DeviceTypeStats,
  type Site,
  type SiteListQuery,
} from '../../src/api/sites';
import { compareVersions } from '../../src/lib/version';

/**
 * How a type's sites are counted and ordered: a site at one instant (`SiteNow`), the red
 * count by cause, and the list's sort orders. The sites book (sites.ts) uses these.
 */

export type SiteGroup = 'current' | 'no-update' | 'updating' | 'held';

/** The red count by cause, in the contract's order, with the oldest disconnection. */
export function noUpdateCauses(sites: readonly SiteNow[]): DeviceTypeStats['noUpdateCauses'] {
  const counts = new Map<NoUpdateCause, { count: number; since: string | null }>();
  for (const { site } of sites) {
    const cause = site.noUpdateCause;
    if (!cause) continue;
    const entry = counts.get(cause) ?? { count: 0, since: null };
    entry.count += 1;
    if (cause === 'not-connected' && site.disconnectedSince) {
      if (entry.since === null || site.disconnectedSince < entry.since) {
        entry.since = site.disconnectedSince;
      }
    }
    counts.set(cause, entry);
  }
  return NoUpdateCause.options.flatMap((cause) => {
    const entry = counts.get(cause);
    return entry ? [{ cause, ...entry }] : [];
  });
}

/** One site at one instant, with what the statistics and filters need. */
export interface SiteNow {
  site: Site;
  group: SiteGroup;
  /** Its update moves on by itself (not waiting for a connection or a disarm). */
  moving: boolean;
  /** Failed its last attempt, with no update running now. */
  failed: boolean;
}

/** Where a site's state sorts: no update planned, held, then updating by step, then current. */
function stateRank(entry: SiteNow): number {
  if (entry.group === 'no-update') return 0;
  if (entry.group === 'held') return 0.5;
  if (entry.group === 'current') return 2;
  const step = entry.site.update ? SiteUpdateState.options.indexOf(entry.site.update.state) : 0;
  return 1 + step / 100;
}

/** The list's order (see SiteSortField); ties go by site number, ascending. */
export function siteOrder(query: SiteListQuery, now: number): (a: SiteNow, b: SiteNow) => number {
  // Read once per site, not once per comparison: 10,000 sites take ~140,000 comparisons.
  const ages = new Map<SiteNow, number>();
  const since = (entry: SiteNow) => {
    let age = ages.get(entry);
    if (age === undefined) {
      age = entry.site.update
        ? now - Date.parse(entry.site.update.since)
        : Number.POSITIVE_INFINITY;
      ages.set(entry, age);
    }
    return age;
  };
  const compare: Record<SiteListQuery['sort'], (a: SiteNow, b: SiteNow) => number> = {
    number: (a, b) => a.site.number - b.site.number,
    version: (a, b) => compareVersions(a.site.version, b.site.version),
    channel: (a, b) =>
      SiteChannel.options.indexOf(a.site.channel) - SiteChannel.options.indexOf(b.site.channel),
    // "Connected" before "Not connected", as the words sort.
    connection: (a, b) => Number(b.site.connected) - Number(a.site.connected),
    state: (a, b) => stateRank(a) - stateRank(b),
    timeInState: (a, b) => {
      const [x, y] = [since(a), since(b)];
      return x === y ? 0 : x < y ? -1 : 1;
    },
  };
  const direction = query.order === 'desc' ? -1 : 1;
  const byField = compare[query.sort];
  return (a, b) => direction * byField(a, b) || a.site.number - b.site.number;
}

/** A reason a site on an old version is not queued: "excluded" only where exclusions apply. */
export type NotQueued = 'excluded' | 'already-updating' | 'no-ip-channel' | 'held';

/**
 * Which sites on an old version can be queued for the update now (in the order given), and
 * the others by reason with their first 100 numbers: "Update all sites" and rollouts alike.
 */
export function queueable<R extends NotQueued = Exclude<NotQueued, 'excluded'>>(
  entries: readonly SiteNow[],
  excluded: ReadonlySet<number> = new Set(),
): { numbers: number[]; leftOut: { reason: R; count: number; sites: number[] }[] } {
  const numbers: number[] = [];
  const leftOut = new Map<R, number[]>();
  const leave = (reason: NotQueued, number: number) =>
    leftOut.set(reason as R, [...(leftOut.get(reason as R) ?? []), number]);
  for (const { group, site } of entries) {
    if (group === 'current') continue;
    if (excluded.has(site.number)) leave('excluded', site.number);
    else if (group === 'updating') leave('already-updating', site.number);
    else if (group === 'held') leave('held', site.number);
    else if (!IP_CHANNELS.includes(site.channel)) leave('no-ip-channel', site.number);
    else numbers.push(site.number);
  }
  return {
    numbers,
    leftOut: [...leftOut.entries()].map(([reason, sites]) => ({
      reason,
      count: sites.length,
      sites: sites.slice(0, 100),
    })),
  };
}
