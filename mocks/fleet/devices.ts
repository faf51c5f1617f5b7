import type {
  Device,
  DeviceFilter,
  DeviceList,
  DeviceListQuery,
  DeviceSelection,
  DeviceSortField,
  DeviceUpdateState,
} from '../../src/api/devices';
import { versionSortKey } from '../../src/lib/version';

/**
 * What filtering and sorting need to know of a device: small, no formatted dates, so that
 * 100,000 of them are cheap to build. Full `Device` objects are made only for a page.
 */
export type DeviceFacts = Pick<
  Device,
  | 'id'
  | 'name'
  | 'model'
  | 'status'
  | 'ip'
  | 'serial'
  | 'onboarded'
  | 'supportsScheduling'
  | 'schedule'
  | 'apps'
> & {
  version: string;
  updateAvailable: boolean;
  updateState: DeviceUpdateState;
  warrantyExpiresOn: string | null;
  /** The customer's id. */
  customer: string;
};

type Predicate = (device: DeviceFacts, haystack: string | undefined) => boolean;

/**
 * Turns a filter into one predicate, its conditions checked cheapest first; null when the
 * filter holds every device (no loop needed).
 */
export function compileFilter(filter: DeviceFilter): Predicate | null {
  const checks: Predicate[] = [];
  const { status, updateAvailable, onboarded, schedule } = filter;
  if (status) checks.push((device) => device.status === status);
  if (updateAvailable !== undefined)
    checks.push((device) => device.updateAvailable === updateAvailable);
  if (onboarded !== undefined) checks.push((device) => device.onboarded === onboarded);
  if (filter.model && filter.model.length > 0) {
    const models = new Set(filter.model);
    checks.push((device) => models.has(device.model));
  }
  if (filter.customer) {
    // Unlike `model`, an empty list holds no device: a scope that meets no customer asked for.
    const customers = new Set(filter.customer);
    checks.push((device) => customers.has(device.customer));
  }
  if (filter.id) {
    const ids = new Set(filter.id);
    checks.push((device) => ids.has(device.id));
  }
  if (schedule) {
    checks.push(
      (device) => (device.supportsScheduling ? device.schedule.mode : 'unsupported') === schedule,
    );
  }
  const q = filter.q?.trim().toLowerCase();
  if (q) checks.push((device, haystack) => (haystack ?? searchText(device)).includes(q));
  if (checks.length === 0) return null;
  return (device, haystack) => checks.every((check) => check(device, haystack));
}

function searchText(device: DeviceFacts): string {
  return [device.name ?? '', device.model, device.ip, device.serial, device.version]
    .join('\u0000')
    .toLowerCase();
}

/** Ranks distinct strings in their sorted order, so a sort compares numbers, not text. */
function ranks(values: readonly string[]): Map<string, number> {
  const distinct = [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(distinct.map((value, rank) => [value, rank]));
}

function ipNumber(ip: string): number {
  let value = 0;
  for (const part of ip.split('.')) value = value * 256 + (Number.parseInt(part, 10) || 0);
  return value;
}

/** Sort fields fixed when the fleet is made: nothing an operator does or time brings moves them. */
export type StaticSortField = 'model' | 'ip' | 'serial';

export function isStaticSortField(field: DeviceSortField): field is StaticSortField {
  return field === 'model' || field === 'ip' || field === 'serial';
}

/** Puts text keys in `keys` as their rank among the distinct texts. */
function rankKeys<T>(devices: readonly T[], value: (device: T) => string, keys: Float64Array) {
  const texts = devices.map(value);
  const rank = ranks(texts);
  texts.forEach((text, index) => {
    keys[index] = rank.get(text) ?? 0;
  });
}

function staticSortKeys(
  devices: readonly Pick<DeviceFacts, StaticSortField>[],
  field: StaticSortField,
): Float64Array {
  const keys = new Float64Array(devices.length);
  switch (field) {
    case 'model':
      rankKeys(devices, (device) => device.model.toLowerCase(), keys);
      break;
    case 'serial':
      // 12 hex digits: an exact number, too large to pack (see sortOrder).
      devices.forEach((device, index) => {
        keys[index] = Number.parseInt(device.serial, 16) || 0;
      });
      break;
    case 'ip':
      devices.forEach((device, index) => {
        keys[index] = ipNumber(device.ip);
      });
      break;
  }
  return keys;
}

/** A numeric sort key per device for a field (ties keep the fleet's order). */
function sortKeys(devices: readonly DeviceFacts[], field: DeviceSortField): Float64Array {
  if (isStaticSortField(field)) return staticSortKeys(devices, field);
  const keys = new Float64Array(devices.length);
  const byRank = (value: (device: DeviceFacts) => string) => rankKeys(devices, value, keys);
  switch (field) {
    case 'name':
      // Unnamed devices last.
      byRank((device) => (device.name === null ? '\uffff' : device.name.toLowerCase()));
      break;
    case 'status':
      byRank((device) => device.status);
      break;
    case 'version': {
      const keyOf = new Map<string, string>();
      byRank((device) => {
        let key = keyOf.get(device.version);
        if (key === undefined) {
          key = versionSortKey(device.version);
          keyOf.set(device.version, key);
        }
        return key;
      });
      break;
    }
    case 'warranty':
      byRank((device) => device.warrantyExpiresOn ?? '0000');
      break;
    case 'apps':
      devices.forEach((device, index) => {
        keys[index] = device.apps.running * 1000 + device.apps.stopped;
      });
      break;
  }
  return keys;
}

/**
 * The order of the devices by a field: key and position packed into one number so that the
 * engine's native numeric sort does the work (100,000 devices in a few milliseconds).
 */
function sortOrder(devices: readonly DeviceFacts[], field: DeviceSortField): Uint32Array {
  return orderByKeys(sortKeys(devices, field));
}

/**
 * The order by a static field of anything that has it, such as the fleet's seeds: a first
 * list can be answered before the devices' states are derived and indexed.
 */
export function staticSortOrder(
  devices: readonly Pick<DeviceFacts, StaticSortField>[],
  field: StaticSortField,
): Uint32Array {
  return orderByKeys(staticSortKeys(devices, field));
}

/** Positions in ascending key order, ties in position order. */
function orderByKeys(keys: Float64Array): Uint32Array {
  const count = keys.length;
  const packable = count <= 1048576 && keys.every((key) => key < 2 ** 32);
  if (!packable) {
    const order = Uint32Array.from({ length: count }, (_, index) => index);
    return order.sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || a - b);
  }
  const packed = new Float64Array(count);
  // Keys are below 2^32 and positions below 2^20, so key * 2^20 + position stays exact.
  for (let index = 0; index < count; index += 1)
    packed[index] = (keys[index] ?? 0) * 1048576 + index;
  packed.sort();
  const order = new Uint32Array(count);
  for (let index = 0; index < count; index += 1) order[index] = (packed[index] ?? 0) % 1048576;
  return order;
}

/**
 * An indexed snapshot of the fleet's devices at one instant: list queries sort once per
 * field, then filter in order, so a page of 100,000 devices stays cheap. Search texts and
 * sort orders are built on first use.
 */
export class DeviceIndex {
  private readonly sorted = new Map<DeviceSortField, Uint32Array>();
  private haystacks: string[] | undefined;
  private readonly byId: Map<string, number>;

  constructor(
    readonly facts: readonly DeviceFacts[],
    private readonly materialize: (facts: DeviceFacts) => Device,
    byId?: Map<string, number>,
  ) {
    this.byId = byId ?? new Map(facts.map((device, index) => [device.id, index]));
  }

  /**
   * The same fleet a little later, where only the devices in `changed` (by position) moved on
   * in their update. Only an update's progress changes with time, so every sort order but the
   * version's still holds, and search texts are rebuilt for the changed devices alone.
   */
  advance(
    changed: ReadonlyMap<number, DeviceFacts>,
    materialize: (facts: DeviceFacts) => Device,
  ): DeviceIndex {
    const facts = this.facts.slice();
    for (const [index, device] of changed) facts[index] = device;
    const next = new DeviceIndex(facts, materialize, this.byId);
    for (const [field, order] of this.sorted) {
      if (field !== 'version' || changed.size === 0) next.sorted.set(field, order);
    }
    if (this.haystacks) {
      const haystacks = this.haystacks.slice();
      for (const [index, device] of changed) haystacks[index] = searchText(device);
      next.haystacks = haystacks;
    }
    return next;
  }

  get(id: string): Device | undefined {
    const index = this.byId.get(id);
    const facts = index === undefined ? undefined : this.facts[index];
    return facts ? this.materialize(facts) : undefined;
  }

  /** Every device as the API shows it (materializes all: for tests and small fleets). */
  all(): Device[] {
    return this.facts.map(this.materialize);
  }

  private order(field: DeviceSortField): Uint32Array {
    let order = this.sorted.get(field);
    if (!order) {
      order = sortOrder(this.facts, field);
      this.sorted.set(field, order);
    }
    return order;
  }

  /** Sorts by a field ahead of the first query that needs it. */
  prepare(field: DeviceSortField): void {
    this.order(field);
  }

  private searchTexts(): string[] {
    this.haystacks ??= this.facts.map(searchText);
    return this.haystacks;
  }

  /** Indices of matching devices in the requested order. */
  private matching(
    filter: DeviceFilter,
    field: DeviceSortField,
    descending: boolean,
  ): ArrayLike<number> {
    const order = this.order(field);
    const predicate = compileFilter(filter);
    const length = order.length;
    if (!predicate) return descending ? order.slice().reverse() : order;
    const haystacks = filter.q?.trim() ? this.searchTexts() : undefined;
    const result: number[] = [];
    for (let step = 0; step < length; step += 1) {
      const index = order[descending ? length - 1 - step : step] as number;
      if (predicate(this.facts[index] as DeviceFacts, haystacks?.[index])) result.push(index);
    }
    return result;
  }

  list(query: DeviceListQuery): DeviceList {
    const matching = this.matching(query, query.sort, query.order === 'desc');
    const start = (query.page - 1) * query.pageSize;
    const items: Device[] = [];
    for (let at = start; at < Math.min(matching.length, start + query.pageSize); at += 1) {
      items.push(this.materialize(this.facts[matching[at] as number] as DeviceFacts));
    }
    return {
      items,
      total: matching.length,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Every matching device in the requested order, one at a time (an export, not a page). */
  *each(filter: DeviceFilter, field: DeviceSortField, descending: boolean): Generator<Device> {
    const matching = this.matching(filter, field, descending);
    for (let at = 0; at < matching.length; at += 1) {
      yield this.materialize(this.facts[matching[at] as number] as DeviceFacts);
    }
  }

  /** The devices a bulk selection means, resolved on the server side. */
  select(selection: DeviceSelection): DeviceFacts[] {
    if (selection.mode === 'ids') {
      return selection.ids
        .map((id) => this.byId.get(id))
        .filter((index): index is number => index !== undefined)
        .map((index) => this.facts[index] as DeviceFacts);
    }
    const except = new Set(selection.except);
    const predicate = compileFilter(selection.filter);
    return this.facts.filter(
      (device) => !except.has(device.id) && (predicate?.(device, undefined) ?? true),
    );
  }
}
