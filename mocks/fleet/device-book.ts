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
import type { CsvRows } from './csv';
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
} from './devices';
import { latestVersion, type DeviceSeed } from './device-seeds';
import { inScope, type Scope } from './customers';

/** What operators did to devices, from the fleet's operation log. */
export type DeviceOperation =
  | { kind: 'schedule'; at: number; ids: string[]; schedule: DeviceSchedule }
  | { kind: 'manual-update'; at: number; ids: string[] };

/** An index of the devices, when it was derived and until when it holds. */
interface BuiltIndex {
  revision: number;
  builtAt: number;
  validUntil: number;
  index: DeviceIndex;
}

/** A device that never starts installing (see `DeviceBook.start`). */
const NEVER = Number.NEGATIVE_INFINITY;

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
  /**
   * Each device's position among the seeds (and in every index's facts), filled as the index
   * is derived, or at once when a device is looked up by id before that (see `position`).
   */
  private readonly positions = new Map<string, number>();
  private patches = new Map<string, DevicePatch>();
  /** When each device starts installing, by position: NaN not yet worked out, NEVER for null. */
  private readonly starts: Float64Array;
  private revision = 0;
  private cached: BuiltIndex | undefined;
  /** An index being derived a slice at a time (see `warm`). */
  private building:
    { revision: number; builtAt: number; facts: DeviceFacts[]; next: number } | undefined;
  /**
   * Orders of the seeds by the fields no change or time can move (see `list`): by sort field,
   * and by field and customers for a role limited to some.
   */
  private readonly staticOrders = new Map<string, Uint32Array>();

  constructor(
    private readonly seeds: readonly DeviceSeed[],
    private readonly context: LifecycleContext,
    private readonly now: () => number,
  ) {
    this.starts = new Float64Array(seeds.length).fill(Number.NaN);
  }

  private start(position: number): number | null {
    let start = this.starts[position] ?? NEVER;
    if (Number.isNaN(start)) {
      const seed = this.seeds[position] as DeviceSeed;
      start = installStart(seed, this.patches.get(seed.id), this.context) ?? NEVER;
      this.starts[position] = start;
    }
    return start === NEVER ? null : start;
  }

  private position(id: string): number | undefined {
    for (let position = this.positions.size; position < this.seeds.length; position += 1) {
      this.positions.set((this.seeds[position] as DeviceSeed).id, position);
    }
    return this.positions.get(id);
  }

  private startOf(id: string): number | null {
    const position = this.position(id);
    return position === undefined ? null : this.start(position);
  }

  /**
   * Before a device changes at `at`, an update it had finished by then becomes part of its
   * history, so a new schedule cannot undo it.
   */
  private settle(id: string, at: number): DevicePatch {
    const patch = { ...this.patches.get(id) };
    const position = this.position(id);
    const seed = position === undefined ? undefined : this.seeds[position];
    if (seed && finishedBy(this.startOf(id), at)) {
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
      const position = this.position(id);
      if (position !== undefined) this.starts[position] = Number.NaN;
    }
    this.revision += 1;
  }

  /** The fleet's change freezes changed: every device's install is worked out anew. */
  freezesChanged(): void {
    this.starts.fill(Number.NaN);
    this.revision += 1;
  }

  /** The next instant after `now` at which some device's update state moves on. */
  private nextTransition(now: number): number {
    let next = Number.POSITIVE_INFINITY;
    for (let position = 0; position < this.seeds.length; position += 1) {
      const start = this.start(position);
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
  private readonly materialize = (device: DeviceFacts): Device =>
    this.view(this.position(device.id) as number);

  private view(position: number): Device {
    const minuteStart = Math.floor(this.now() / MINUTE) * MINUTE;
    const seed = this.seeds[position] as DeviceSeed;
    return deviceView(
      seed,
      this.patches.get(seed.id),
      this.context,
      minuteStart,
      this.start(position),
    );
  }

  /**
   * A page of devices. Before the index exists, an unfiltered list sorted by a field that
   * never moves (model — the console's first view —, IP, MAC/serial) is answered from the
   * seeds, deriving only the page's devices: the first rows of 100,000 devices do not wait
   * for the whole fleet's states to be derived and indexed.
   */
  list(query: DeviceListQuery) {
    const sort = query.sort;
    // A role limited to a customer lists with only `customer` as its filter: still the fast path.
    const { customer, ...rest } = query;
    if (this.cached !== undefined || !isStaticSortField(sort) || compileFilter(rest) !== null) {
      return this.index().list(query);
    }
    const key = customer ? `${sort}\n${[...customer].sort().join(',')}` : sort;
    let order = this.staticOrders.get(key);
    if (!order) {
      order = staticSortOrder(this.seeds, sort);
      if (customer) {
        const customers = new Set(customer);
        order = order.filter((position) =>
          customers.has((this.seeds[position] as DeviceSeed).customer),
        );
      }
      this.staticOrders.set(key, order);
    }
    const total = order.length;
    const items: Device[] = [];
    const from = (query.page - 1) * query.pageSize;
    for (let at = from; at < Math.min(total, from + query.pageSize); at += 1) {
      const position = order[query.order === 'desc' ? total - 1 - at : at] as number;
      items.push(this.view(position));
    }
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** Every device matching the filter, in the list's order, as CSV (see the contract). */
  export(query: DeviceExportQuery): CsvRows {
    return devicesCsv(() => this.index().each(query, query.sort, query.order === 'desc'));
  }

  /** The fleet's models and their counts (the scope's devices only): fixed when the fleet is made. */
  facets(scope?: Scope): DeviceFacets {
    const counts = new Map<string, number>();
    let total = 0;
    for (const seed of this.seeds) {
      if (!inScope(scope, seed.customer)) continue;
      total += 1;
      counts.set(seed.model, (counts.get(seed.model) ?? 0) + 1);
    }
    return {
      total,
      models: [...counts.entries()]
        .map(([model, count]) => ({ model, count }))
        .sort((a, b) => a.model.localeCompare(b.model)),
    };
  }

  /**
   * All devices as they are now, indexed for list queries. States are read at minute
   * resolution; the index (and its sort orders) holds until the data changes or the first
   * minute in which some device's update moves on. Then only the devices whose update moved
   * are derived again. An index that `warm` began is finished here.
   */
  index(): DeviceIndex {
    const minuteStart = Math.floor(this.now() / MINUTE) * MINUTE;
    const cached = this.cached;
    if (cached?.revision === this.revision && minuteStart >= cached.builtAt) {
      if (minuteStart < cached.validUntil) return cached.index;
      const index = cached.index.advance(
        this.movedSince(cached.builtAt, minuteStart),
        this.materialize,
      );
      return this.keep(index, minuteStart);
    }
    this.derive(minuteStart, Number.POSITIVE_INFINITY);
    return (this.cached as BuiltIndex).index;
  }

  /**
   * Derives up to `count` more devices of the index ahead of the first query that needs it
   * (the fleet's worker calls this a slice per task while the console boots, so a request is
   * never held up for long). Returns whether the index is complete.
   */
  warm(count: number): boolean {
    const minuteStart = Math.floor(this.now() / MINUTE) * MINUTE;
    if (this.cached?.revision === this.revision && minuteStart < this.cached.validUntil) {
      return true;
    }
    if (this.cached?.revision === this.revision) {
      this.index();
      return true;
    }
    return this.derive(minuteStart, count);
  }

  /** Derives up to `count` devices of the index at `minuteStart`; keeps it once complete. */
  private derive(minuteStart: number, count: number): boolean {
    const current = this.building;
    const building =
      current?.revision === this.revision && current.builtAt === minuteStart
        ? current
        : { revision: this.revision, builtAt: minuteStart, facts: [], next: 0 };
    this.building = building;
    const end = Math.min(this.seeds.length, building.next + count);
    for (let position = building.next; position < end; position += 1) {
      const seed = this.seeds[position] as DeviceSeed;
      if (position === this.positions.size) this.positions.set(seed.id, position);
      building.facts.push(
        deviceFacts(seed, this.patches.get(seed.id), minuteStart, this.start(position)),
      );
    }
    building.next = end;
    if (end < this.seeds.length) return false;
    this.building = undefined;
    this.keep(new DeviceIndex(building.facts, this.materialize, this.positions), minuteStart);
    return true;
  }

  private keep(index: DeviceIndex, builtAt: number): DeviceIndex {
    const validUntil = Math.ceil(this.nextTransition(builtAt) / MINUTE) * MINUTE;
    this.cached = { revision: this.revision, builtAt, validUntil, index };
    return index;
  }

  /** The devices (by position) whose update started, rebooted or finished in (from, to]. */
  private movedSince(from: number, to: number): Map<number, DeviceFacts> {
    const moved = new Map<number, DeviceFacts>();
    this.seeds.forEach((seed, position) => {
      const start = this.start(position);
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
