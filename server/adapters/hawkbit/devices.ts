/**
 * The Devices screen on hawkBit: devices are the targets whose controller attribute
 * `category` is a device's (camera, recorder, audio, intercom). A page of the list is one
 * target query (device-query.ts), then each row's controller attributes and metadata, read
 * side by side; schedules come from the console's store, since hawkBit keeps none per target.
 *
 * hawkBit sorts targets by its own fields only. The console's two other usual orders are
 * made from ordered segments, never from a scan: by model, each target type in key order
 * (counted with `limit=1`), and by AXIS OS, each published version in order; the page is cut
 * from the segments it falls in. Warranty and apps cannot be sorted there, and say so.
 */
import { DEVICE_CSV_COLUMNS } from '../../../src/api/devices';
import type {
  Device,
  DeviceExportQuery,
  DeviceFacets,
  DeviceFilter,
  DeviceList,
  DeviceListQuery,
  DeviceRef,
  DeviceSelection,
  ManualUpdateResult,
  ScheduleChangeResult,
  SelectionSummary,
} from '../../../src/api/devices';
import type { DeviceSchedule } from '../../../src/api/schedules';
import { compareVersions } from '../../../src/lib/version';
import { CsvRows, csvLine } from '../../../mocks/fleet/csv';
import { deviceCsvRow } from '../../../mocks/fleet/device-csv';
import { RefusedError } from '../../contract/refusal';
import type { Store } from '../../ports/store';
import type { Catalog, Paged } from './catalog';
import { hawkbitWindow, needsReissue, type HawkbitMaintenanceWindow } from './maintenance-window';
import { assignSet, inTurn, targetReader, type Target } from './targets';
import { everyItem, HAWKBIT_PAGE } from './catalog';
import type { HawkbitClient, HawkbitCredentials } from './client';
import { deviceFilter, targetQuery, unsortable } from './device-query';
import { all, any, compare, outside, within } from './rsql';

/** The controller attribute `category` of the targets the Devices screen shows. */
export const DEVICE_CATEGORIES = ['camera', 'recorder', 'audio', 'intercom'] as const;
const ONLY_DEVICES = within('controllerAttributes.category', DEVICE_CATEGORIES) ?? '';
/**
 * A target that has not polled for this long is overdue (Unreachable, a site not connected):
 * hawkBit's default polling time and overdue time, five minutes each.
 */
export const OVERDUE_MS = 10 * 60_000;
/** Reads of one page's rows at once, well inside hawkBit's limit of reads a second. */
const ROW_READS_AT_ONCE = 8;
/** At most this many ids in one `=in=` (a URL stays within a web server's 8 KB line). */
const IDS_PER_QUERY = 200;
const MAX_NAMED = 50;

type Attributes = Record<string, string>;

export interface DevicesOptions {
  client: HawkbitClient;
  store: Store;
  catalog: (credentials: HawkbitCredentials) => Promise<Catalog>;
  now: () => number;
  /** The store's name for this backend's schedules. */
  backend: string;
}

const hostOf = (target: Target): string =>
  (target.ipAddress ?? target.address ?? '').replace(/^[a-z]+:\/\//i, '').replace(/[:/].*$/, '');

const count = (value: string | undefined): number => {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : 0;
};

export function hawkbitDevices(options: DevicesOptions) {
  const { client, store, now, backend } = options;

  function context(catalog: Catalog, windowed: readonly string[]) {
    return {
      currentVersions: Object.fromEntries(
        [...catalog.current].map(([key, set]) => [key, set.version]),
      ),
      windowed,
      now: now(),
      overdueMs: OVERDUE_MS,
    };
  }

  const reader = targetReader(client);
  const targets = reader.page;
  const total = reader.count;

  async function rows(
    credentials: HawkbitCredentials,
    found: readonly Target[],
    catalog: Catalog,
  ): Promise<Device[]> {
    const schedules = await store.schedules.get(
      backend,
      found.map((target) => target.controllerId),
    );
    return inTurn(found, ROW_READS_AT_ONCE, async (target) => {
      const path = `/rest/v1/targets/${encodeURIComponent(target.controllerId)}`;
      const [attributes, metadata, waiting] = await Promise.all([
        client.get<Attributes | undefined>(`${path}/attributes`, credentials),
        client.get<Paged<{ key: string; value: string }>>(`${path}/metadata`, credentials, {
          limit: HAWKBIT_PAGE,
        }),
        target.updateStatus === 'pending' ? waitsForWindow(credentials, path) : false,
      ]);
      return device(
        target,
        attributes ?? {},
        Object.fromEntries((metadata?.content ?? []).map(({ key, value }) => [key, value])),
        catalog,
        schedules.get(target.controllerId) ?? { mode: 'asap' },
        waiting,
      );
    });
  }

  /**
   * Whether a device's running action waits for its maintenance window (hawkBit gives the
   * window's next start with the action): the device then shows its upgrade as available.
   */
  async function waitsForWindow(credentials: HawkbitCredentials, path: string): Promise<boolean> {
    const [action] = (
      await client.get<Paged<{ maintenanceWindow?: { nextStartAt?: number } }>>(
        `${path}/actions`,
        credentials,
        { sort: 'ID:DESC', limit: 1 },
      )
    ).content;
    const next = action?.maintenanceWindow?.nextStartAt;
    return next !== undefined && next > now();
  }

  function device(
    target: Target,
    attributes: Attributes,
    metadata: Attributes,
    catalog: Catalog,
    schedule: DeviceSchedule,
    waiting = false,
  ): Device {
    const model = target.targetTypeName ?? 'Unknown model';
    const version = attributes.osVersion ?? 'unknown';
    const latest = catalog.current.get(model)?.version ?? version;
    const newer = latest !== version;
    const seen = target.lastControllerRequestAt ?? 0;
    const reachable = now() - seen < OVERDUE_MS;
    const until = metadata.warrantyUntil ?? null;
    const today = new Date(now()).toISOString().slice(0, 10);
    const supportsScheduling = attributes.scheduling !== 'unsupported';
    const installing = target.updateStatus === 'pending' && !waiting;
    const category = attributes.category;
    return {
      id: target.controllerId,
      name: target.name === target.controllerId ? null : target.name,
      model,
      category:
        category === 'recorder' || category === 'audio' || category === 'intercom'
          ? category
          : 'camera',
      status: reachable ? 'reachable' : 'unreachable',
      ip: hostOf(target),
      serial: target.controllerId,
      software: { version, latestVersion: latest, updateAvailable: newer },
      warranty: {
        status: until === null ? 'unknown' : until >= today ? 'active' : 'expired',
        expiresOn: until,
      },
      apps: {
        running: count(attributes['apps.running']),
        stopped: count(attributes['apps.stopped']),
      },
      systemApps: { updatedAt: null, pending: false },
      onboarded: attributes.onboarded === 'true',
      supportsScheduling,
      schedule: supportsScheduling ? schedule : { mode: 'asap' },
      update: {
        state: installing ? 'installing' : newer || waiting ? 'available' : 'up-to-date',
        targetVersion: installing || newer || waiting ? latest : null,
        nextCheckAt: null,
        manualRequestedAt: null,
      },
      lastSeenAt: new Date(seen).toISOString(),
    };
  }

  /** The filter as RSQL over devices only. */
  async function filterQuery(
    credentials: HawkbitCredentials,
    catalog: Catalog,
    filter: DeviceFilter,
  ): Promise<string> {
    const windowed = filter.schedule ? [...(await store.schedules.windows(backend)).keys()] : [];
    return all(ONLY_DEVICES, deviceFilter(filter, context(catalog, windowed))) ?? ONLY_DEVICES;
  }

  const versionSegments = (versions: readonly string[]): string[] =>
    [...new Set(versions)]
      .sort(compareVersions)
      .map((version) => compare('installedDistributionSet.version', '==', version));

  /**
   * A selection as disjoint queries: ids in chunks (a URL stays short), or the filter less
   * its exceptions — in the query where they fit one URL, otherwise taken off by the console's
   * server (counted by chunk, and left out of what is read); `extra` narrows each.
   */
  async function queriesOf(
    credentials: HawkbitCredentials,
    catalog: Catalog,
    selection: DeviceSelection,
    extra?: string,
  ): Promise<Selected> {
    if (selection.mode === 'ids') {
      return {
        queries: chunks(selection.ids).map(
          (ids) => all(ONLY_DEVICES, within('controllerId', ids), extra) ?? ONLY_DEVICES,
        ),
        except: [],
      };
    }
    const filter = await filterQuery(credentials, catalog, selection.filter);
    const inQuery = selection.except.length <= IDS_PER_QUERY;
    const q = all(filter, inQuery ? outside('controllerId', selection.except) : undefined, extra);
    return { queries: [q ?? ONLY_DEVICES], except: inQuery ? [] : selection.except };
  }

  async function countOf(credentials: HawkbitCredentials, selected: Selected) {
    const excepted = chunks(selected.except);
    const counts = await Promise.all(
      selected.queries.flatMap((q) => [
        total(credentials, q),
        ...excepted.map(
          async (ids) => -(await total(credentials, all(q, within('controllerId', ids)))),
        ),
      ]),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  /** The first `most` targets of the selection, and how many match in all. */
  async function firstOf(credentials: HawkbitCredentials, selected: Selected, most: number) {
    const except = new Set(selected.except);
    const found: Target[] = [];
    for (const q of selected.queries) {
      for (let offset = 0; found.length < most;) {
        const page = await targets(credentials, q, {
          sort: 'CONTROLLERID:ASC',
          offset,
          limit: Math.min(HAWKBIT_PAGE, most - found.length + except.size),
        });
        found.push(
          ...page.content
            .filter((target) => !except.has(target.controllerId))
            .slice(0, most - found.length),
        );
        offset += page.content.length;
        if (page.content.length === 0 || offset >= page.total) break;
      }
    }
    return { found, count: await countOf(credentials, selected) };
  }

  /** Every target of the selection (a bulk change resolves its selection once). */
  async function everyOf(credentials: HawkbitCredentials, selected: Selected) {
    const except = new Set(selected.except);
    const found: Target[] = [];
    for (const q of selected.queries) {
      const items = await everyItem<Target>(
        client,
        '/rest/v1/targets',
        credentials,
        { q, sort: 'CONTROLLERID:ASC' },
        Number.MAX_SAFE_INTEGER,
      );
      found.push(...items.filter((target) => !except.has(target.controllerId)));
    }
    return found;
  }

  const ref = (target: Target): DeviceRef => ({
    id: target.controllerId,
    model: target.targetTypeName ?? 'Unknown model',
    name: target.name === target.controllerId ? null : target.name,
    ip: hostOf(target),
  });

  const UNSUPPORTED = compare('controllerAttributes.scheduling', '==', 'unsupported');
  const SUPPORTED = compare('controllerAttributes.scheduling', '!=', 'unsupported');
  const NOT_ONBOARDED = compare('controllerAttributes.onboarded', '!=', 'true');
  const ONBOARDED = compare('controllerAttributes.onboarded', '==', 'true');

  /** Those a selection leaves out of a schedule, counted and the first 50 named. */
  async function leftOut(
    credentials: HawkbitCredentials,
    catalog: Catalog,
    selection: DeviceSelection,
  ) {
    const [notSupported, notOnboarded] = await Promise.all([
      firstOf(
        credentials,
        await queriesOf(credentials, catalog, selection, UNSUPPORTED),
        MAX_NAMED,
      ),
      firstOf(
        credentials,
        await queriesOf(credentials, catalog, selection, all(SUPPORTED, NOT_ONBOARDED)),
        MAX_NAMED,
      ),
    ]);
    const named = (part: { found: Target[]; count: number }) => ({
      count: part.count,
      devices: part.found.map(ref),
    });
    return { notSupported: named(notSupported), notOnboarded: named(notOnboarded) };
  }

  const PENDING = compare('updateStatus', '==', 'pending');
  const NOT_PENDING = compare('updateStatus', '!=', 'pending');

  /**
   * Assigns each target of the queries its type's current set (within `window` where given);
   * answers the ids that took it.
   */
  async function assignCurrent(
    credentials: HawkbitCredentials,
    catalog: Catalog,
    queries: Selected,
    window?: HawkbitMaintenanceWindow,
  ): Promise<string[]> {
    const byModel = new Map<string, string[]>();
    for (const target of await everyOf(credentials, queries)) {
      const model = target.targetTypeName ?? '';
      const same = byModel.get(model);
      if (same) same.push(target.controllerId);
      else byModel.set(model, [target.controllerId]);
    }
    const assigned: string[] = [];
    for (const [model, ids] of byModel) {
      const set = catalog.current.get(model);
      if (!set) continue;
      await assignSet(client, credentials, set.id, ids, window);
      assigned.push(...ids);
    }
    return assigned;
  }

  /**
   * The ordered segments of an order hawkBit cannot give (model, AXIS OS); undefined for one
   * it sorts itself; refused with words for one it cannot give at all.
   */
  async function segmentsFor(
    credentials: HawkbitCredentials,
    catalog: Catalog,
    sort: DeviceListQuery['sort'],
  ): Promise<string[] | undefined> {
    if (sort === 'model') {
      return catalog.types.map((type) => compare('targetType.key', '==', type.key));
    }
    if (sort === 'version') return versionSegments(await publishedVersions(credentials));
    if (unsortable(sort)) {
      throw new RefusedError(
        400,
        'unsortable',
        `hawkBit cannot sort devices by ${sort}. Sort by name, model, status, IP, MAC/serial or AXIS OS instead.`,
      );
    }
    return undefined;
  }

  return {
    async list(
      credentials: HawkbitCredentials,
      catalog: Catalog,
      query: DeviceListQuery,
    ): Promise<DeviceList> {
      const q = await filterQuery(credentials, catalog, query);
      const segments = await segmentsFor(credentials, catalog, query.sort);
      let found: Target[];
      let matching: number;
      if (segments) {
        ({ found, total: matching } = await reader.segmented(credentials, q, segments, query));
      } else {
        const target = targetQuery(query, context(catalog, []));
        const page = await targets(credentials, q, {
          sort: target.sort,
          offset: target.offset,
          limit: target.limit,
        });
        found = page.content;
        matching = page.total;
      }
      return {
        items: await rows(credentials, found, catalog),
        total: matching,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    async detail(credentials: HawkbitCredentials, catalog: Catalog, id: string): Promise<Device> {
      const target = await client.get<Target>(
        `/rest/v1/targets/${encodeURIComponent(id)}`,
        credentials,
      );
      const [row] = await rows(credentials, [target], catalog);
      if (!row) throw new RefusedError(404, 'not_found', `Device ${id} was not found.`);
      return row;
    },

    async facets(credentials: HawkbitCredentials, catalog: Catalog): Promise<DeviceFacets> {
      const counted = await Promise.all(
        catalog.types.map(async (type) => ({
          model: type.key,
          count: await total(
            credentials,
            all(ONLY_DEVICES, compare('targetType.key', '==', type.key)),
          ),
        })),
      );
      const models = counted.filter((entry) => entry.count > 0);
      return { total: models.reduce((sum, entry) => sum + entry.count, 0), models };
    },

    async summarize(
      credentials: HawkbitCredentials,
      catalog: Catalog,
      selection: DeviceSelection,
    ): Promise<SelectionSummary> {
      const schedulable = await queriesOf(
        credentials,
        catalog,
        selection,
        all(SUPPORTED, ONBOARDED),
      );
      const current = context(catalog, []);
      const windows = await store.schedules.windows(backend);
      const windowed = chunks([...windows.keys()]);
      const [every, scheduled, excluded, updatable, windowedCount] = await Promise.all([
        queriesOf(credentials, catalog, selection).then((queries) => countOf(credentials, queries)),
        countOf(credentials, schedulable),
        leftOut(credentials, catalog, selection),
        queriesOf(
          credentials,
          catalog,
          selection,
          all(deviceFilter({ status: 'reachable', updateAvailable: true }, current), NOT_PENDING),
        ).then((queries) => countOf(credentials, queries)),
        countOf(credentials, {
          queries: schedulable.queries.flatMap((q) =>
            windowed.map((ids) => all(q, within('controllerId', ids)) ?? q),
          ),
          except: schedulable.except,
        }),
      ]);
      let shared: DeviceSchedule | null = null;
      if (scheduled > 0 && windowedCount === 0) shared = { mode: 'asap' };
      if (scheduled > 0 && windowedCount === scheduled) {
        const found = await everyOf(credentials, schedulable);
        const kinds = new Set(
          found.map((target) => JSON.stringify(windows.get(target.controllerId))),
        );
        const first = found[0];
        shared = kinds.size === 1 && first ? (windows.get(first.controllerId) ?? null) : null;
      }
      return {
        total: every,
        schedulable: scheduled,
        ...excluded,
        updatable,
        sharedSchedule: shared,
      };
    },

    /**
     * Hands hawkBit each waiting device's window again where it would move: hawkBit holds a
     * window in one fixed offset, so an action still waiting when the zone's offset changes
     * (a device offline over a daylight-saving change), or whose schedule an operator changed
     * since, is cancelled and assigned again with the next window in the offset in force at
     * its start. Answers how many were handed again.
     */
    async reissue(credentials: HawkbitCredentials, catalog: Catalog): Promise<number> {
      const windows = await store.schedules.windows(backend);
      const waiting = await everyOf(credentials, {
        queries: chunks([...windows.keys()]).map(
          (ids) => all(ONLY_DEVICES, within('controllerId', ids), PENDING) ?? ONLY_DEVICES,
        ),
        except: [],
      });
      let handed = 0;
      for (const target of waiting) {
        const schedule = windows.get(target.controllerId);
        const path = `/rest/v1/targets/${encodeURIComponent(target.controllerId)}/actions`;
        const [action] = (
          await client.get<Paged<{ id: number; maintenanceWindow?: HawkbitMaintenanceWindow }>>(
            path,
            credentials,
            { sort: 'ID:DESC', limit: 1 },
          )
        ).content;
        const held = action?.maintenanceWindow;
        const set = catalog.current.get(target.targetTypeName ?? '');
        if (schedule?.mode !== 'window' || !action || !held || !set) continue;
        if (!needsReissue(held, schedule.window, new Date(now()))) continue;
        await client.delete(`${path}/${action.id}`, credentials);
        await assignSet(
          client,
          credentials,
          set.id,
          [target.controllerId],
          hawkbitWindow(schedule.window, new Date(now())),
        );
        handed += 1;
      }
      return handed;
    },

    /**
     * Every matching device as CSV in the list's order, streamed page by page (500 targets,
     * then their attributes and metadata) as the reader pulls: never all of them at once.
     */
    async exportCsv(
      credentials: HawkbitCredentials,
      catalog: Catalog,
      query: DeviceExportQuery,
    ): Promise<CsvRows> {
      // An order hawkBit cannot give is refused before the file begins.
      const segments = await segmentsFor(credentials, catalog, query.sort);
      const direction = query.order === 'desc' ? 'DESC' : 'ASC';
      async function* pages(q: string, sort: string) {
        for (let offset = 0; ; offset += HAWKBIT_PAGE) {
          const page = await targets(credentials, q, { sort, offset, limit: HAWKBIT_PAGE });
          if (page.content.length > 0) yield page.content;
          if (page.content.length < HAWKBIT_PAGE || offset + HAWKBIT_PAGE >= page.total) return;
        }
      }
      return new CsvRows(async function* () {
        yield csvLine(DEVICE_CSV_COLUMNS);
        const q = await filterQuery(credentials, catalog, query);
        const parts = segments
          ? (direction === 'DESC' ? [...segments].reverse() : segments).map((segment) =>
              pages(all(q, segment) ?? q, `NAME:${direction}`),
            )
          : [pages(q, targetQuery({ ...query, page: 1, pageSize: 1 }, context(catalog, [])).sort)];
        for (const part of parts) {
          for await (const found of part) {
            for (const row of await rows(credentials, found, catalog)) {
              yield csvLine(deviceCsvRow(row));
            }
          }
        }
      });
    },

    /** Starts the available update of a selection's devices now (no window): hawkBit assigns it. */
    async startUpdates(
      credentials: HawkbitCredentials,
      catalog: Catalog,
      selection: DeviceSelection,
    ): Promise<{ ids: string[]; result: ManualUpdateResult }> {
      const current = context(catalog, []);
      const reachable = deviceFilter({ status: 'reachable' }, current);
      const unreachable = deviceFilter({ status: 'unreachable' }, current);
      const available = deviceFilter({ updateAvailable: true }, current);
      const upToDate = deviceFilter({ updateAvailable: false }, current);
      const counted = (extra: string | undefined) =>
        queriesOf(credentials, catalog, selection, extra).then((queries) =>
          countOf(credentials, queries),
        );
      const [due, counts] = await Promise.all([
        queriesOf(credentials, catalog, selection, all(reachable, available, NOT_PENDING)),
        Promise.all([
          counted(all(upToDate, NOT_PENDING)),
          counted(all(unreachable, any(available, PENDING))),
          counted(all(reachable, PENDING)),
        ]),
      ]);
      const ids = await assignCurrent(credentials, catalog, due);
      const [upToDateCount, unreachableCount, updatingCount] = counts;
      const skipped: ManualUpdateResult['skipped'] = [];
      if (upToDateCount > 0) skipped.push({ reason: 'up-to-date', count: upToDateCount });
      if (unreachableCount > 0) skipped.push({ reason: 'unreachable', count: unreachableCount });
      if (updatingCount > 0) skipped.push({ reason: 'already-updating', count: updatingCount });
      return { ids, result: { started: ids.length, skipped } };
    },

    /** Keeps the schedule of the selection's schedulable devices; answers who took it. */
    async setSchedule(
      credentials: HawkbitCredentials,
      catalog: Catalog,
      selection: DeviceSelection,
      schedule: DeviceSchedule,
    ): Promise<{
      ids: string[];
      labels: Map<string, string>;
      /** How many took the type's current set with the schedule. */
      handed: number;
      result: ScheduleChangeResult;
    }> {
      const [schedulable, excluded] = await Promise.all([
        queriesOf(credentials, catalog, selection, all(SUPPORTED, ONBOARDED)).then((queries) =>
          everyOf(credentials, queries),
        ),
        leftOut(credentials, catalog, selection),
      ]);
      const ids = schedulable.map((target) => target.controllerId);
      await store.schedules.set(backend, ids, schedule, new Date(now()).toISOString());
      // hawkBit keeps no schedule per target: each device with newer software gets it now,
      // with the window hawkBit can follow (the next one, in the offset in force at its start).
      const due = await queriesOf(
        credentials,
        catalog,
        selection,
        all(
          SUPPORTED,
          ONBOARDED,
          deviceFilter({ updateAvailable: true }, context(catalog, [])),
          NOT_PENDING,
        ),
      );
      const handed = await assignCurrent(
        credentials,
        catalog,
        due,
        schedule.mode === 'window' ? hawkbitWindow(schedule.window, new Date(now())) : undefined,
      );
      const labels = new Map(
        schedulable.map((target) => [
          target.controllerId,
          `${target.targetTypeName ?? 'Unknown model'} (${hostOf(target)})`,
        ]),
      );
      return { ids, labels, handed: handed.length, result: { updated: ids.length, ...excluded } };
    },
  };

  async function publishedVersions(credentials: HawkbitCredentials): Promise<string[]> {
    const sets = await everyItem<{ version: string }>(
      client,
      '/rest/v1/distributionsets',
      credentials,
      { sort: 'ID:ASC' },
    );
    return sets.map((set) => set.version);
  }
}

/** A selection as hawkBit queries: disjoint queries, less the devices excepted from them. */
interface Selected {
  queries: string[];
  except: readonly string[];
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += IDS_PER_QUERY) {
    out.push(items.slice(at, at + IDS_PER_QUERY));
  }
  return out;
}

export type HawkbitDevices = ReturnType<typeof hawkbitDevices>;
