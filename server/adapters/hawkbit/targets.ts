/**
 * Reading hawkBit's targets as the console's lists need them: a page, a count (`limit=1`, its
 * `total`), and a page in an order hawkBit cannot give, made from ordered segments — each a
 * query, counted, and the page cut from the segments it covers, each read by name — so that no
 * list ever scans every target.
 */
import type { Paged } from './catalog';
import type { HawkbitClient, HawkbitCredentials } from './client';
import type { HawkbitMaintenanceWindow } from './maintenance-window';
import { all } from './rsql';

export interface Target {
  controllerId: string;
  name: string;
  address?: string;
  ipAddress?: string;
  updateStatus?: string;
  lastControllerRequestAt?: number;
  targetTypeName?: string;
}

/** hawkBit's quota of targets in one manual assignment. */
export const MAX_ASSIGNMENT = 5000;

/**
 * Assigns a distribution set to targets, at most 5,000 a call (`forced`: the device installs
 * as soon as it may, within `maintenanceWindow` where one is given); answers how many took it.
 */
export async function assignSet(
  client: HawkbitClient,
  credentials: HawkbitCredentials,
  setId: number,
  ids: readonly string[],
  maintenanceWindow?: HawkbitMaintenanceWindow,
): Promise<number> {
  let assigned = 0;
  for (let at = 0; at < ids.length; at += MAX_ASSIGNMENT) {
    const body = ids.slice(at, at + MAX_ASSIGNMENT).map((id) => ({
      id,
      type: 'forced',
      ...(maintenanceWindow ? { maintenanceWindow } : {}),
    }));
    const answer = await client.post<{ assigned?: number }>(
      `/rest/v1/distributionsets/${setId}/assignedTargets`,
      credentials,
      body,
    );
    assigned += answer?.assigned ?? 0;
  }
  return assigned;
}

export interface PageRequest {
  sort?: string;
  offset: number;
  limit: number;
}

/** Runs `work` over `items`, at most `width` at a time, keeping their order. */
export async function inTurn<T, R>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const at = next++;
      results[at] = await work(items[at] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return results;
}

/** Where a list of targets is read: every target, or a rollout group's. */
export const TARGETS_PATH = '/rest/v1/targets';

/** One part of an ordered list: the targets of `path` matching `q`. */
export interface Segment {
  path: string;
  q: string | undefined;
}

export function targetReader(client: HawkbitClient, path = TARGETS_PATH) {
  const pageAt = (
    credentials: HawkbitCredentials,
    at: string,
    q: string | undefined,
    request: PageRequest,
  ) => client.get<Paged<Target>>(at, credentials, { ...(q ? { q } : {}), ...request });
  const page = (credentials: HawkbitCredentials, q: string | undefined, request: PageRequest) =>
    pageAt(credentials, path, q, request);

  const count = async (credentials: HawkbitCredentials, q: string | undefined) =>
    (await page(credentials, q, { offset: 0, limit: 1 })).total;

  /**
   * The page `pageNumber` (1-based) of `pageSize` targets of the segments in turn (reversed
   * for `desc`), each segment by name.
   */
  async function across(
    credentials: HawkbitCredentials,
    segments: readonly Segment[],
    {
      page: pageNumber,
      pageSize,
      order,
    }: { page: number; pageSize: number; order: 'asc' | 'desc' },
  ): Promise<{ found: Target[]; total: number }> {
    const ordered = order === 'desc' ? [...segments].reverse() : [...segments];
    const counts = await Promise.all(
      ordered.map(
        async (segment) =>
          (await pageAt(credentials, segment.path, segment.q, { offset: 0, limit: 1 })).total,
      ),
    );
    const total = counts.reduce((sum, value) => sum + value, 0);
    let skip = (pageNumber - 1) * pageSize;
    let wanted = pageSize;
    const found: Target[] = [];
    for (const [index, segment] of ordered.entries()) {
      const size = counts[index] ?? 0;
      if (wanted === 0) break;
      if (skip >= size) {
        skip -= size;
        continue;
      }
      const part = await pageAt(credentials, segment.path, segment.q, {
        sort: `NAME:${order === 'desc' ? 'DESC' : 'ASC'}`,
        offset: skip,
        limit: Math.min(wanted, size - skip),
      });
      found.push(...part.content);
      wanted -= part.content.length;
      skip = 0;
    }
    return { found, total };
  }

  return {
    page,
    count,
    across,
    /** The page of targets matching `q`, ordered by the segments (queries) in turn. */
    segmented: (
      credentials: HawkbitCredentials,
      q: string,
      segments: readonly string[],
      request: { page: number; pageSize: number; order: 'asc' | 'desc' },
    ) =>
      across(
        credentials,
        segments.map((segment) => ({ path, q: all(q, segment) })),
        request,
      ),
  };
}

export type TargetReader = ReturnType<typeof targetReader>;
