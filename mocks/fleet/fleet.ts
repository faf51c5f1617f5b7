import { z } from 'zod/mini';
import type {
  Device,
  DeviceExportQuery,
  DeviceFacets,
  DeviceList,
  DeviceListQuery,
  DeviceRef,
  DeviceSelection,
  ManualUpdateResult,
  ScheduleChangeResult,
  SelectionSummary,
} from '../../src/api/devices';
import { DeviceSchedule } from '../../src/api/schedules';
import {
  ServerSettings,
  type ServerDetail,
  type ServerSummary,
  type TargetChange,
  type UpgradeJob,
} from '../../src/api/servers';
import type {
  DeviceTypeStatsList,
  Site,
  SiteList,
  SiteListQuery,
  UpdateAllPlan,
  UpdateAllResult,
} from '../../src/api/sites';
import { MINUTE, now as clockNow } from './clock';
import {
  deviceFacts,
  deviceView,
  finishedBy,
  INSTALL_MS,
  installStart,
  REBOOT_MS,
  type DevicePatch,
  type LifecycleContext,
} from './device-lifecycle';
import {
  compileFilter,
  DeviceIndex,
  isStaticSortField,
  staticSortOrder,
  type DeviceFacts,
  type StaticSortField,
} from './devices';
import { devicesCsv } from './device-csv';
import { memoryStore, type FleetStore } from './persistence';
import { RefusedError } from './refusal';
import { ServerBook } from './servers';
import { SiteBook } from './sites';
import {
  buildScenario,
  latestVersion,
  type DeviceSeed,
  type Scenario,
  type ScenarioName,
} from './scenarios';

const STORED_VERSION = 2;

/**
 * An instant the fleet can show (2000–2100): a stored one outside it (an epoch of 1e300 cannot
 * become a date) is discarded like a malformed one.
 */
const Instant = z.number().check(z.minimum(Date.UTC(2000, 0, 1)), z.maximum(Date.UTC(2100, 0, 1)));

/**
 * The fleet stores what operators did, as an append-only log of operations, never the fleet
 * itself: the scenario rebuilds the fleet, the log replays the changes, the clock does the rest.
 */
const Operation = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('schedule'),
    at: Instant,
    ids: z.array(z.string()),
    schedule: DeviceSchedule,
  }),
  z.object({
    kind: z.literal('site-update'),
    at: Instant,
    deviceType: z.string(),
    sites: z.array(z.number()),
    /** "Update all sites" only: its idempotency key and answer. */
    requestId: z.nullable(z.string()),
    /** The request the key was first used for (see `claimKey`); absent in older logs. */
    request: z.optional(z.string()),
    result: z.nullable(z.custom<UpdateAllResult>()),
  }),
  z.object({ kind: z.literal('site-cancel'), at: Instant, site: z.number() }),
  z.object({
    kind: z.literal('server-target'),
    at: Instant,
    serverId: z.string(),
    modules: z.array(z.object({ name: z.string(), version: z.nullable(z.string()) })),
  }),
  z.object({
    kind: z.literal('server-settings'),
    at: Instant,
    serverId: z.string(),
    settings: ServerSettings,
  }),
  z.object({
    kind: z.literal('server-upgrade'),
    at: Instant,
    serverId: z.string(),
    requestId: z.string(),
    request: z.optional(z.string()),
  }),
  z.object({
    kind: z.literal('server-cancelled'),
    at: Instant,
    serverId: z.string(),
    message: z.string(),
  }),
  z.object({
    kind: z.literal('manual-update'),
    at: Instant,
    ids: z.array(z.string()),
    requestId: z.string(),
    request: z.optional(z.string()),
    result: z.custom<ManualUpdateResult>(),
  }),
]);
type Operation = z.infer<typeof Operation>;

const StoredChanges = z.object({
  version: z.literal(STORED_VERSION),
  scenario: z.string(),
  epoch: Instant,
  operations: z.array(Operation),
});
type StoredChanges = z.infer<typeof StoredChanges>;

export interface FleetOptions {
  scenario: ScenarioName;
  store?: FleetStore;
  /** The fleet's clock; the page's `Date.now()` unless a test passes its own. */
  now?: () => number;
}

const MAX_NAMED = 50;

/** JSON with object keys sorted, so one request always reads the same. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : inner,
  );
}

function ref(device: DeviceFacts): DeviceRef {
  return { id: device.id, model: device.model, name: device.name, ip: device.ip };
}

function leftOut(devices: DeviceFacts[]): { count: number; devices: DeviceRef[] } {
  return { count: devices.length, devices: devices.slice(0, MAX_NAMED).map(ref) };
}

/**
 * The simulated fleet behind the built-in API. Everything it answers is derived from the
 * scenario, the operation log and the elapsed time since the scenario began (`epoch`), so
 * moving the clock forward moves every state forward with it.
 */
export class Fleet {
  readonly scenario: Scenario;
  readonly now: () => number;
  private readonly store: FleetStore;
  private changes: StoredChanges;
  private patches = new Map<string, DevicePatch>();
  private starts = new Map<string, number | null>();
  private readonly seeds: Map<string, DeviceSeed>;
  private sites: SiteBook;
  private servers: ServerBook;
  private revision = 0;
  private cached:
    { revision: number; builtAt: number; validUntil: number; index: DeviceIndex } | undefined;

  constructor(options: FleetOptions) {
    this.scenario = buildScenario(options.scenario);
    this.seeds = new Map(this.scenario.devices.map((seed) => [seed.id, seed]));
    this.now = options.now ?? clockNow;
    this.store = options.store ?? memoryStore();
    this.changes = this.loadChanges();
    this.sites = new SiteBook(this.scenario, this.changes.epoch);
    this.servers = new ServerBook(this.scenario.servers);
    this.replay();
  }

  private fresh(): StoredChanges {
    return {
      version: STORED_VERSION,
      scenario: this.scenario.name,
      epoch: this.now(),
      operations: [],
    };
  }

  private loadChanges(): StoredChanges {
    const parsed = StoredChanges.safeParse(this.store.load());
    if (parsed.success && parsed.data.scenario === this.scenario.name) return parsed.data;
    // Nothing stored, or stored by an older console: start the scenario now.
    const fresh = this.fresh();
    this.store.save(fresh);
    return fresh;
  }

  private get context(): LifecycleContext {
    return { epoch: this.changes.epoch };
  }

  /** When this scenario began in this browser (or server). */
  get epoch(): number {
    return this.changes.epoch;
  }

  private start(id: string): number | null {
    let start = this.starts.get(id);
    if (start === undefined) {
      const seed = this.seeds.get(id);
      start = seed ? installStart(seed, this.patches.get(id), this.context) : null;
      this.starts.set(id, start);
    }
    return start;
  }

  /**
   * Before a device changes at `at`, an update it had finished by then becomes part of its
   * history, so a new schedule cannot undo it.
   */
  private settle(id: string, at: number): DevicePatch {
    const patch = { ...this.patches.get(id) };
    const seed = this.seeds.get(id);
    if (seed && finishedBy(this.start(id), at)) {
      patch.version = latestVersion(seed.model);
      delete patch.manualRequestedAt;
    }
    return patch;
  }

  private apply(operation: Operation): void {
    if (operation.kind === 'site-update' || operation.kind === 'site-cancel') {
      this.sites.record(operation);
      return;
    }
    if (operation.kind.startsWith('server-')) {
      this.servers.record(operation as Extract<Operation, { serverId: string }>);
      return;
    }
    if (operation.kind !== 'schedule' && operation.kind !== 'manual-update') return;
    for (const id of operation.ids) {
      const patch = this.settle(id, operation.at);
      if (operation.kind === 'schedule') {
        patch.schedule = operation.schedule;
        patch.scheduleFrom = operation.at;
      } else {
        patch.manualRequestedAt = operation.at;
      }
      this.patches.set(id, patch);
      this.starts.delete(id);
    }
  }

  private replay(): void {
    this.patches = new Map();
    this.starts = new Map();
    this.sites = new SiteBook(this.scenario, this.changes.epoch);
    this.servers = new ServerBook(this.scenario.servers);
    for (const operation of this.changes.operations) this.apply(operation);
  }

  private record(operation: Operation): void {
    this.changes.operations.push(operation);
    this.apply(operation);
    // Only device operations change the device index.
    if (operation.kind === 'schedule' || operation.kind === 'manual-update') this.revision += 1;
    this.store.save(this.changes);
  }

  /** The next instant after `now` at which some device's update state moves on. */
  private nextTransition(now: number): number {
    let next = Number.POSITIVE_INFINITY;
    for (const seed of this.scenario.devices) {
      const start = this.start(seed.id);
      if (start === null) continue;
      // The first of start, end of install, end of reboot that is still ahead.
      const ahead =
        start > now
          ? start
          : start + INSTALL_MS > now
            ? start + INSTALL_MS
            : start + INSTALL_MS + REBOOT_MS;
      if (ahead > now && ahead < next) next = ahead;
    }
    return next;
  }

  /**
   * Makes a device's full view at the current minute: the index's facts hold until the next
   * update transition, but the view's other clock-driven fields (last seen, next check,
   * system apps) move every minute.
   */
  private readonly materialize = (device: DeviceFacts): Device => this.view(device.id);

  private view(id: string): Device {
    const minuteStart = Math.floor(this.now() / MINUTE) * MINUTE;
    const seed = this.seeds.get(id) as DeviceSeed;
    return deviceView(seed, this.patches.get(id), this.context, minuteStart, this.start(id));
  }

  /** Orders of the seeds by the fields no change or time can move (see `listDevices`). */
  private readonly staticOrders = new Map<StaticSortField, Uint32Array>();

  /**
   * A page of devices. Before the index exists, an unfiltered list sorted by a field that
   * never moves (model — the console's first view —, IP, MAC/serial) is answered from the
   * seeds, deriving only the page's devices: the first rows of 100,000 devices do not wait
   * for the whole fleet's states to be derived and indexed.
   */
  listDevices(query: DeviceListQuery): DeviceList {
    const sort = query.sort;
    if (this.cached !== undefined || !isStaticSortField(sort) || compileFilter(query) !== null) {
      return this.devices().list(query);
    }
    let order = this.staticOrders.get(sort);
    if (!order) {
      order = staticSortOrder(this.scenario.devices, sort);
      this.staticOrders.set(sort, order);
    }
    const total = order.length;
    const items: Device[] = [];
    const from = (query.page - 1) * query.pageSize;
    for (let at = from; at < Math.min(total, from + query.pageSize); at += 1) {
      const position = order[query.order === 'desc' ? total - 1 - at : at] as number;
      items.push(this.view((this.scenario.devices[position] as DeviceSeed).id));
    }
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** Every device matching the filter, in the list's order, as CSV (see the contract). */
  exportDevices(query: DeviceExportQuery): string {
    return devicesCsv(this.devices().each(query, query.sort, query.order === 'desc'));
  }

  /** The fleet's models and their counts: fixed when the fleet is made. */
  deviceFacets(): DeviceFacets {
    const counts = new Map<string, number>();
    for (const seed of this.scenario.devices) {
      counts.set(seed.model, (counts.get(seed.model) ?? 0) + 1);
    }
    return {
      total: this.scenario.devices.length,
      models: [...counts.entries()]
        .map(([model, count]) => ({ model, count }))
        .sort((a, b) => a.model.localeCompare(b.model)),
    };
  }

  /**
   * All devices as they are now, indexed for list queries. States are read at minute
   * resolution; the index (and its sort orders) holds until the data changes or the first
   * minute in which some device's update moves on. Then only the devices whose update moved
   * are derived again.
   */
  devices(): DeviceIndex {
    const minuteStart = Math.floor(this.now() / MINUTE) * MINUTE;
    const cached = this.cached;
    let index: DeviceIndex;
    if (cached?.revision === this.revision && minuteStart >= cached.builtAt) {
      if (minuteStart < cached.validUntil) return cached.index;
      index = cached.index.advance(this.movedSince(cached.builtAt, minuteStart), this.materialize);
    } else {
      const facts = this.scenario.devices.map((seed) =>
        deviceFacts(seed, this.patches.get(seed.id), minuteStart, this.start(seed.id)),
      );
      index = new DeviceIndex(facts, this.materialize);
    }
    const validUntil = Math.ceil(this.nextTransition(minuteStart) / MINUTE) * MINUTE;
    this.cached = { revision: this.revision, builtAt: minuteStart, validUntil, index };
    return index;
  }

  /** The devices (by position) whose update started, rebooted or finished in (from, to]. */
  private movedSince(from: number, to: number): Map<number, DeviceFacts> {
    const moved = new Map<number, DeviceFacts>();
    this.scenario.devices.forEach((seed, position) => {
      const start = this.start(seed.id);
      if (start === null) return;
      const installed = start + INSTALL_MS;
      const done = installed + REBOOT_MS;
      const crossed =
        (start > from && start <= to) ||
        (installed > from && installed <= to) ||
        (done > from && done <= to);
      if (crossed) moved.set(position, deviceFacts(seed, this.patches.get(seed.id), to, start));
    });
    return moved;
  }

  summarize(selection: DeviceSelection): SelectionSummary {
    const devices = this.devices().select(selection);
    const notSupported = devices.filter((device) => !device.supportsScheduling);
    const notOnboarded = devices.filter((device) => device.supportsScheduling && !device.onboarded);
    const schedulable = devices.filter((device) => device.supportsScheduling && device.onboarded);
    const first = schedulable[0]?.schedule;
    const key = JSON.stringify(first);
    const shared =
      first && schedulable.every((device) => JSON.stringify(device.schedule) === key)
        ? first
        : null;
    return {
      total: devices.length,
      schedulable: schedulable.length,
      notSupported: leftOut(notSupported),
      notOnboarded: leftOut(notOnboarded),
      updatable: devices.filter(
        (device) => device.status === 'reachable' && device.updateState === 'available',
      ).length,
      sharedSchedule: shared,
    };
  }

  setSchedule(selection: DeviceSelection, schedule: DeviceSchedule): ScheduleChangeResult {
    const devices = this.devices().select(selection);
    const schedulable = devices.filter((device) => device.supportsScheduling && device.onboarded);
    if (schedulable.length > 0) {
      this.record({
        kind: 'schedule',
        at: this.now(),
        ids: schedulable.map((device) => device.id),
        schedule,
      });
    }
    return {
      updated: schedulable.length,
      notSupported: leftOut(devices.filter((device) => !device.supportsScheduling)),
      notOnboarded: leftOut(
        devices.filter((device) => device.supportsScheduling && !device.onboarded),
      ),
    };
  }

  /**
   * The operation an idempotency key already did, if any. A key is bound to the request it
   * was first used for (operation and arguments: the method, path and body): the same request
   * again gets the first answer, another request with that key is refused (422) and does
   * nothing.
   */
  private claimKey(requestId: string, request: string, what: string): Operation | undefined {
    const earlier = this.changes.operations.find(
      (operation) => 'requestId' in operation && operation.requestId === requestId,
    );
    if (earlier && 'request' in earlier && earlier.request !== undefined) {
      if (earlier.request !== request) {
        throw new RefusedError(
          422,
          'idempotency_key_reused',
          `The request ID ${requestId} was already used for another request, so ${what} was not started. Send a new request ID with each new request.`,
        );
      }
    }
    return earlier;
  }

  /** A manual update, once per `requestId`: a repeated request gets the first answer. */
  startUpdates(selection: DeviceSelection, requestId: string): ManualUpdateResult {
    const request = `manual-update ${canonical(selection)}`;
    const earlier = this.claimKey(requestId, request, 'this manual update');
    if (earlier?.kind === 'manual-update') return earlier.result;

    const devices = this.devices().select(selection);
    const counts = { 'up-to-date': 0, unreachable: 0, 'already-updating': 0 };
    const started: string[] = [];
    for (const device of devices) {
      if (device.updateState === 'up-to-date') counts['up-to-date'] += 1;
      else if (device.status === 'unreachable') counts.unreachable += 1;
      else if (device.updateState !== 'available') counts['already-updating'] += 1;
      else started.push(device.id);
    }
    const result: ManualUpdateResult = {
      started: started.length,
      skipped: Object.entries(counts)
        .filter(([, count]) => count > 0)
        .map(([reason, count]) => ({ reason: reason as keyof typeof counts, count })),
    };
    this.record({
      kind: 'manual-update',
      at: this.now(),
      ids: started,
      requestId,
      request,
      result,
    });
    return result;
  }

  // Site software update.

  siteStats(): DeviceTypeStatsList {
    return this.sites.stats(this.now());
  }

  private deviceType(name: string) {
    return this.sites.typeNamed(name);
  }

  listSites(deviceType: string, query: SiteListQuery): SiteList {
    return this.sites.list(this.deviceType(deviceType), query, this.now());
  }

  updateSite(deviceType: string, siteNumber: number): Site {
    const at = this.now();
    const seed = this.sites.siteOfType(this.deviceType(deviceType), siteNumber);
    const refusal = this.sites.refuseUpdate(seed, at);
    if (refusal) throw refusal;
    this.record({
      kind: 'site-update',
      at,
      deviceType,
      sites: [siteNumber],
      requestId: null,
      result: null,
    });
    return this.sites.at(seed, at).site;
  }

  planUpdateAll(deviceType: string): UpdateAllPlan {
    return this.sites.plan(this.deviceType(deviceType), this.now()).plan;
  }

  /** Queues every eligible site once per `requestId`: a repeated request gets the first answer. */
  updateAll(deviceType: string, requestId: string): UpdateAllResult {
    const request = `update-all ${canonical(deviceType)}`;
    const earlier = this.claimKey(requestId, request, `the update of all ${deviceType} sites`);
    if (earlier?.kind === 'site-update' && earlier.result) return earlier.result;
    const at = this.now();
    const { plan, numbers } = this.sites.plan(this.deviceType(deviceType), at);
    const { toQueue, ...rest } = plan;
    const result: UpdateAllResult = { ...rest, queued: toQueue };
    this.record({
      kind: 'site-update',
      at,
      deviceType,
      sites: numbers,
      requestId,
      request,
      result,
    });
    return result;
  }

  cancelSiteUpdate(deviceType: string, siteNumber: number): Site {
    const at = this.now();
    const seed = this.sites.siteOfType(this.deviceType(deviceType), siteNumber);
    const refusal = this.sites.refuseCancel(seed, at);
    if (refusal) throw refusal;
    this.record({ kind: 'site-cancel', at, site: siteNumber });
    return this.sites.at(seed, at).site;
  }

  // Upgrade Center.

  listServers(): { items: ServerSummary[] } {
    return { items: this.servers.all(this.now()) };
  }

  server(serverId: string): ServerDetail {
    return this.servers.detail(this.servers.seed(serverId), this.now());
  }

  setServerTarget(serverId: string, change: TargetChange): ServerDetail {
    const seed = this.servers.seed(serverId);
    const at = this.now();
    const refusal = this.servers.refuseTarget(seed, change.modules, at);
    if (refusal) throw refusal;
    this.record({ kind: 'server-target', at, serverId, modules: change.modules });
    return this.servers.detail(seed, at);
  }

  setServerSettings(serverId: string, settings: ServerSettings): ServerDetail {
    const seed = this.servers.seed(serverId);
    const at = this.now();
    this.record({ kind: 'server-settings', at, serverId, settings });
    return this.servers.detail(seed, at);
  }

  /** Starts the upgrade job once per `requestId`; refusals say why, with figures. */
  startUpgrade(serverId: string, requestId: string): UpgradeJob {
    const request = `server-upgrade ${canonical(serverId)}`;
    this.claimKey(requestId, request, `the upgrade of server ${serverId}`);
    const seed = this.servers.seed(serverId);
    const at = this.now();
    const earlier = this.servers.jobFor(seed, requestId, at);
    if (earlier) return earlier;
    const refusal = this.servers.refuseStart(seed, at);
    if (refusal) {
      // The portal cancels the request of an unregistered or offline server, and says so.
      if (refusal.code === 'not_registered' || refusal.code === 'offline') {
        this.record({ kind: 'server-cancelled', at, serverId, message: refusal.message });
      }
      throw refusal;
    }
    this.record({ kind: 'server-upgrade', at, serverId, requestId, request });
    return this.servers.jobFor(seed, requestId, at) as UpgradeJob;
  }
}
