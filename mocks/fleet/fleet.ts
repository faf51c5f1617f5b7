import { z } from 'zod/mini';
import type {
  DeviceExportQuery,
  DeviceFacets,
  DeviceList,
  DeviceListQuery,
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
import { now as clockNow } from './clock';
import type { DeviceIndex } from './devices';
import { DeviceBook } from './device-book';
import { memoryStore, type FleetStore } from './persistence';
import { RefusedError } from './refusal';
import { ServerBook } from './servers';
import { SiteBook } from './sites';
import { buildScenario, type Scenario, type ScenarioName } from './scenarios';

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
  private deviceBook: DeviceBook;
  private sites: SiteBook;
  private servers: ServerBook;

  constructor(options: FleetOptions) {
    this.scenario = buildScenario(options.scenario);
    this.now = options.now ?? clockNow;
    this.store = options.store ?? memoryStore();
    this.changes = this.loadChanges();
    this.deviceBook = this.newDeviceBook();
    this.sites = new SiteBook(this.scenario, this.changes.epoch);
    this.servers = new ServerBook(this.scenario.servers);
    // Replays the stored changes over the scenario.
    for (const operation of this.changes.operations) this.apply(operation);
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

  /** When this scenario began in this browser (or server). */
  get epoch(): number {
    return this.changes.epoch;
  }

  private newDeviceBook(): DeviceBook {
    return new DeviceBook(this.scenario.devices, { epoch: this.changes.epoch }, this.now);
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
    if (operation.kind === 'schedule' || operation.kind === 'manual-update') {
      this.deviceBook.record(operation);
    }
  }

  private record(operation: Operation): void {
    this.changes.operations.push(operation);
    this.apply(operation);
    this.store.save(this.changes);
  }

  // Devices.

  listDevices(query: DeviceListQuery): DeviceList {
    return this.deviceBook.list(query);
  }

  /** Every device matching the filter, in the list's order, as CSV (see the contract). */
  exportDevices(query: DeviceExportQuery): string {
    return this.deviceBook.export(query);
  }

  deviceFacets(): DeviceFacets {
    return this.deviceBook.facets();
  }

  /** Derives up to `count` more devices of the index; true once it is complete (see DeviceBook). */
  warmDevices(count: number): boolean {
    return this.deviceBook.warm(count);
  }

  /** All devices as they are now, indexed for list queries (see DeviceBook). */
  devices(): DeviceIndex {
    return this.deviceBook.index();
  }

  summarize(selection: DeviceSelection): SelectionSummary {
    return this.deviceBook.summarize(selection);
  }

  setSchedule(selection: DeviceSelection, schedule: DeviceSchedule): ScheduleChangeResult {
    const { ids, result } = this.deviceBook.scheduleChange(selection);
    if (ids.length > 0) this.record({ kind: 'schedule', at: this.now(), ids, schedule });
    return result;
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

    const { ids, result } = this.deviceBook.manualUpdate(selection);
    this.record({
      kind: 'manual-update',
      at: this.now(),
      ids,
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
