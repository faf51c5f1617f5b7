/**
 * What the console needs to know of hawkBit's repository before it can show a device: the
 * target types and each type's current software — the newest distribution set named after the
 * type (the highest id: hawkBit ids grow with each new set). Read with the caller's own
 * credentials and kept for a few seconds per hawkBit user, so a page of the device list costs
 * no repository reads, and a new set shows within seconds.
 */
import type { HawkbitClient, HawkbitCredentials } from './client';

export interface Paged<T> {
  content: T[];
  total: number;
  size?: number;
}

export interface TargetType {
  id: number;
  key: string;
  name: string;
}

export interface DistributionSet {
  id: number;
  name: string;
  version: string;
  deleted?: boolean;
  valid?: boolean;
}

export interface Catalog {
  types: TargetType[];
  /** The current set of each target type, by its key. */
  current: ReadonlyMap<string, DistributionSet>;
}

/** hawkBit's largest page. */
export const HAWKBIT_PAGE = 500;
const CACHE_MS = 10_000;

/** Every item of a hawkBit list, page by page (for lists that stay small: types, sets). */
export async function everyItem<T>(
  client: HawkbitClient,
  path: string,
  credentials: HawkbitCredentials,
  query: Record<string, string | number | undefined>,
  most = 10_000,
): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; offset < most; offset += HAWKBIT_PAGE) {
    const page = await client.get<Paged<T>>(path, credentials, {
      ...query,
      offset,
      limit: HAWKBIT_PAGE,
    });
    items.push(...page.content);
    if (page.content.length < HAWKBIT_PAGE || items.length >= page.total) break;
  }
  return items;
}

export function catalogReader(client: HawkbitClient, now: () => number) {
  const kept = new Map<string, { at: number; catalog: Promise<Catalog> }>();

  async function read(credentials: HawkbitCredentials): Promise<Catalog> {
    const [types, sets] = await Promise.all([
      everyItem<TargetType>(client, '/rest/v1/targettypes', credentials, { sort: 'KEY:ASC' }),
      everyItem<DistributionSet>(client, '/rest/v1/distributionsets', credentials, {
        sort: 'ID:DESC',
      }),
    ]);
    const keys = new Set(types.map((type) => type.key));
    const current = new Map<string, DistributionSet>();
    for (const set of sets) {
      if (set.deleted || set.valid === false || !keys.has(set.name)) continue;
      if (!current.has(set.name)) current.set(set.name, set);
    }
    return { types, current };
  }

  return (credentials: HawkbitCredentials): Promise<Catalog> => {
    const found = kept.get(credentials.username);
    if (found && now() - found.at < CACHE_MS) return found.catalog;
    const catalog = read(credentials);
    kept.set(credentials.username, { at: now(), catalog });
    // A failed read is not kept: the next request asks hawkBit again.
    catalog.catch(() => kept.delete(credentials.username));
    return catalog;
  };
}
