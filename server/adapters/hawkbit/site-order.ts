/**
 * The site list's page in the order asked for, on hawkBit: by name (panels are named so that
 * names sort as numbers), or by ordered segments — each a query, counted, the page cut from
 * the segments it covers (targets.ts) — for version, channel, connection and state. Time in
 * state cannot be sorted on hawkBit, and says so.
 */
import { SiteChannel, type SiteListQuery } from '../../../src/api/sites';
import { compareVersions } from '../../../src/lib/version';
import { RefusedError } from '../../contract/refusal';
import { everyItem, type DistributionSet } from './catalog';
import type { HawkbitClient, HawkbitCredentials } from './client';
import { compare } from './rsql';
import type { TargetReader } from './targets';

/** A type's red, yellow and current sites as queries (sites.ts). */
export interface SiteGroups {
  current: string;
  updating: string;
  noUpdate: string;
}

/** The list's page in the order asked for: by name (= number), or by ordered segments. */
export async function orderedPage(
  client: HawkbitClient,
  credentials: HawkbitCredentials,
  q: string,
  query: SiteListQuery,
  group: SiteGroups,
  deviceType: string,
  from: TargetReader,
  overdueAt: number,
) {
  const direction = query.order === 'desc' ? 'DESC' : 'ASC';
  const byName = async () => {
    const page = await from.page(credentials, q, {
      sort: `NAME:${direction}`,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return { found: page.content, total: page.total };
  };
  switch (query.sort) {
    case 'number':
      return byName();
    case 'channel':
      return from.segmented(
        credentials,
        q,
        SiteChannel.options.map((channel) =>
          compare('controllerAttributes.channel', '==', channel),
        ),
        query,
      );
    case 'connection':
      return from.segmented(
        credentials,
        q,
        [
          compare('lastTargetQuery', '=ge=', overdueAt),
          compare('lastTargetQuery', '=lt=', overdueAt),
        ],
        query,
      );
    case 'state':
      return from.segmented(credentials, q, [group.noUpdate, group.updating, group.current], query);
    case 'version': {
      const sets = await everyItem<DistributionSet>(
        client,
        '/rest/v1/distributionsets',
        credentials,
        {
          q: compare('name', '==', deviceType),
          sort: 'ID:ASC',
        },
      );
      const versions = [...new Set(sets.map((set) => set.version))].sort(compareVersions);
      return from.segmented(
        credentials,
        q,
        versions.map((version) => compare('installedDistributionSet.version', '==', version)),
        query,
      );
    }
    case 'timeInState':
      throw new RefusedError(
        400,
        'unsortable',
        'hawkBit cannot sort sites by time in their state. Sort by site number, version, channel, connection or state instead.',
      );
  }
}
