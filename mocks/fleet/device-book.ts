import type {
  Device,
  DeviceExportQuery,
  DeviceFacets,
  DeviceListQuery,
  DeviceRef,
  DeviceSelection,
  ManualUpdateResult,
  ScheduleChangeResult,
  SelectionSummary,
} from '../../src/api/devices';
import type { DeviceSchedule } from '../../src/api/schedules';
import { MINUTE } from './clock';
import { devicesCsv } from './device-csv';
import {
  deviceFacts,
  deviceView,
  finishedBy,
  installStart,
  INSTALL_MS,
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
import { latestVersion, type DeviceSeed } from './device-seeds';

/** What operators did to devices, from the fleet's operation log. */
export type DeviceOperation =
  | { kind: 'schedule'; at: number; ids: string[]; schedule: DeviceSchedule }
  | { kind: 'manual-update'; at: number; ids: string[] };

/** How many devices a refusal or a summary names, at most (the contract's limit). */
const MAX_NAMED = 50;

function ref(device: DeviceFacts): DeviceRef {
  return { id: device.id, model: device.model, name: device.name, ip: device.ip };
}

function leftOut(devices: DeviceFacts[]): { count: number; devices: DeviceRef[] } {
  return { count: devices.length, devices: devices.slice(0, MAX_NAMED).map(ref) };
}

/**
 * The devices of a scenario: their seeds, what operators changed (patches), and an index of
 * their states for list queries, derived at minute resolution. The fleet owns the operation
 * log and calls `record` for each device operation, in order.
 */
export class DeviceBook {
  private readonly byId: Map<string, DeviceSeed>;
  private patches = new Map<string, DevicePatch>();
  private starts = new Map<string, number | null>();
  private revision = 0;
  private cached:
    { revision: number; builtAt: number; validUntil: number; index: DeviceIndex } | undefined;
  /** Orders of the seeds by the fields no change or time can move (see `list`). */
  private readonly staticOrders = new Map<StaticSortField, Uint32Array>();

  constructor(
    private readonly seeds: readonly DeviceSeed[],
    private readonly context: LifecycleContext,
    private readonly now: () => number,
  ) {
    this.byId = new Map(seeds.map((seed) => [seed.id, seed]));
  }

  private start(id: string): number | null {
    let start = this.starts.get(id);
    if (start === undefined) {
      const seed = this.byId.get(id);
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
    const seed = this.byId.get(id);
    if (seed && finishedBy(this.start(id), at)) {
      patch.version = latestVersion(seed.model);
      delete patch.manualRequestedAt;
    }
    return patch;
  }

  /** Applies one operation of the log; the index is derived again where it moved. */
  record(operation: DeviceOperation): void {
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
    this.revision += 1;
  }

  /** The next instant after `now` at which some device's update state moves on. */
  private nextTransition(now: number): number {
    let next = Number.POSITIVE_INFINITY;
    for (const seed of this.seeds) {
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
    const seed = this.byId.get(id) as DeviceSeed;
    return deviceView(seed, this.patches.get(id), this.context, minuteStart, this.start(id));
  }

  /**
   * A page of devices. Before the index exists, an unfiltered list sorted by a field that
   * never moves (model — the console's first view —, IP, MAC/serial) is answered from the
   * seeds, deriving only the page's devices: the first rows of 100,000 devices do not wait
   * for the whole fleet's states to be derived and indexed.
   */
  list(query: DeviceListQuery) {
    const sort = query.sort;
    if (this.cached !== undefined || !isStaticSortField(sort) || compileFilter(query) !== null) {
      return this.index().list(query);
    }
    let order = this.staticOrders.get(sort);
    if (!order) {
      order = staticSortOrder(this.seeds, sort);
      this.staticOrders.set(sort, order);
    }
    const total = order.length;
    const items: Device[] = [];
    const from = (query.page - 1) * query.pageSize;
    for (let at = from; at < Math.min(total, from + query.pageSize); at += 1) {
      const position = order[query.order === 'desc' ? total - 1 - at : at] as number;
      items.push(this.view((this.seeds[position] as DeviceSeed).id));
    }
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** Every device matching the filter, in the list's order, as CSV (see the contract). */
  export(query: DeviceExportQuery): string {
    return devicesCsv(this.index().each(query, query.sort, query.order === 'desc'));
  }

  /** The fleet's models and their counts: fixed when the fleet is made. */
  facets(): DeviceFacets {
    const counts = new Map<string, number>();
    for (const seed of this.seeds) {
      counts.set(seed.model, (counts.get(seed.model) ?? 0) + 1);
    }
    return {
      total: this.seeds.length,
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
  index(): DeviceIndex {
    const minuteStart = Math.floor(this.now() / MINUTE) * MINUTE;
    const cached = this.cached;
    let index: DeviceIndex;
    if (cached?.revision === this.revision && minuteStart >= cached.builtAt) {
      if (minuteStart < cached.validUntil) return cached.index;
      index = cached.index.advance(this.movedSince(cached.builtAt, minuteStart), this.materialize);
    } else {
      const facts = this.seeds.map((seed) =>
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
    this.seeds.forEach((seed, position) => {
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
    const devices = this.index().select(selection);
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

  /** Which devices of a selection take a schedule, and the answer that says so. */
  scheduleChange(selection: DeviceSelection): { ids: string[]; result: ScheduleChangeResult } {
    const devices = this.index().select(selection);
    const schedulable = devices.filter((device) => device.supportsScheduling && device.onboarded);
    return {
      ids: schedulable.map((device) => device.id),
      result: {
        updated: schedulable.length,
        notSupported: leftOut(devices.filter((device) => !device.supportsScheduling)),
        notOnboarded: leftOut(
          devices.filter((device) => device.supportsScheduling && !device.onboarded),
        ),
      },
    };
  }

  /** Which devices of a selection start a manual update now, and why the others do not. */
  manualUpdate(selection: DeviceSelection): { ids: string[]; result: ManualUpdateResult } {
    const counts = { 'up-to-date': 0, unreachable: 0, 'already-updating': 0 };
    const started: string[] = [];
    for (const device of this.index().select(selection)) {
      if (device.updateState === 'up-to-date') counts['up-to-date'] += 1;
      else if (device.status === 'unreachable') counts.unreachable += 1;
      else if (device.updateState !== 'available') counts['already-updating'] += 1;
      else started.push(device.id);
    }
    return {
      ids: started,
      result: {
        started: started.length,
        skipped: Object.entries(counts)
          .filter(([, count]) => count > 0)
          .map(([reason, count]) => ({ reason: reason as keyof typeof counts, count })),
      },
    };
  }
}
