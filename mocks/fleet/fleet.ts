import { z } from 'zod';
import type {
  Device,
  DeviceRef,
  DeviceSelection,
  ManualUpdateResult,
  ScheduleChangeResult,
  SelectionSummary,
} from '../../src/api/devices';
import { DeviceSchedule } from '../../src/api/schedules';
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
import { DeviceIndex, type DeviceFacts } from './devices';
import { memoryStore, type FleetStore } from './persistence';
import {
  buildScenario,
  latestVersion,
  type DeviceSeed,
  type Scenario,
  type ScenarioName,
} from './scenarios';

const STORED_VERSION = 2;

/**
 * The fleet stores what operators did, as an append-only log of operations, never the fleet
 * itself: the scenario rebuilds the fleet, the log replays the changes, the clock does the rest.
 */
const Operation = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('schedule'),
    at: z.number(),
    ids: z.array(z.string()),
    schedule: DeviceSchedule,
  }),
  z.object({
    kind: z.literal('manual-update'),
    at: z.number(),
    ids: z.array(z.string()),
    requestId: z.string(),
    result: z.custom<ManualUpdateResult>(),
  }),
]);
type Operation = z.infer<typeof Operation>;

const StoredChanges = z.object({
  version: z.literal(STORED_VERSION),
  scenario: z.string(),
  epoch: z.number(),
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
  private revision = 0;
  private cached:
    { revision: number; builtAt: number; validUntil: number; index: DeviceIndex } | undefined;

  constructor(options: FleetOptions) {
    this.scenario = buildScenario(options.scenario);
    this.seeds = new Map(this.scenario.devices.map((seed) => [seed.id, seed]));
    this.now = options.now ?? clockNow;
    this.store = options.store ?? memoryStore();
    this.changes = this.loadChanges();
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
    for (const operation of this.changes.operations) this.apply(operation);
  }

  private record(operation: Operation): void {
    this.changes.operations.push(operation);
    this.apply(operation);
    this.revision += 1;
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

  private materializer(minuteStart: number): (facts: DeviceFacts) => Device {
    return (device) => {
      const seed = this.seeds.get(device.id) as DeviceSeed;
      const start = this.start(device.id);
      return deviceView(seed, this.patches.get(device.id), this.context, minuteStart, start);
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
      index = cached.index.advance(
        this.movedSince(cached.builtAt, minuteStart),
        this.materializer(minuteStart),
      );
    } else {
      const facts = this.scenario.devices.map((seed) =>
        deviceFacts(seed, this.patches.get(seed.id), minuteStart, this.start(seed.id)),
      );
      index = new DeviceIndex(facts, this.materializer(minuteStart));
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

  /** A manual update, once per `requestId`: a repeated request gets the first answer. */
  startUpdates(selection: DeviceSelection, requestId: string): ManualUpdateResult {
    const earlier = this.changes.operations.find(
      (operation) => operation.kind === 'manual-update' && operation.requestId === requestId,
    );
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
    this.record({ kind: 'manual-update', at: this.now(), ids: started, requestId, result });
    return result;
  }
}
