import type {
  Device,
  DeviceFacets,
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
export interface DeviceFacts {
  id: string;
  name: string | null;
  model: string;
  status: Device['status'];
  ip: string;
  serial: string;
  version: string;
  updateAvailable: boolean;
  updateState: DeviceUpdateState;
  onboarded: boolean;
  supportsScheduling: boolean;
  schedule: Device['schedule'];
  warrantyExpiresOn: string | null;
  apps: Device['apps'];
}

export function matchesFilter(
  device: DeviceFacts,
  filter: DeviceFilter,
  haystack?: string,
): boolean {
  if (filter.status && device.status !== filter.status) return false;
  if (filter.model && filter.model.length > 0 && !filter.model.includes(device.model)) return false;
  if (filter.updateAvailable !== undefined && device.updateAvailable !== filter.updateAvailable)
    return false;
  if (filter.onboarded !== undefined && device.onboarded !== filter.onboarded) return false;
  if (filter.schedule) {
    const kind = device.supportsScheduling ? device.schedule.mode : 'unsupported';
    if (kind !== filter.schedule) return false;
  }
  const q = filter.q?.trim().toLowerCase();
  if (q) return (haystack ?? searchText(device)).includes(q);
  return true;
}

function searchText(device: DeviceFacts): string {
  return [device.name ?? '', device.model, device.ip, device.serial, device.version]
    .join('\u0000')
    .toLowerCase();
}

type SortKey = string | number;

function sortKey(device: DeviceFacts, field: DeviceSortField): SortKey {
  switch (field) {
    case 'name':
      return (device.name ?? '\uffff').toLowerCase();
    case 'model':
      return device.model.toLowerCase();
    case 'status':
      return device.status;
    case 'ip':
      return device.ip
        .split('.')
        .map((part) => part.padStart(3, '0'))
        .join('.');
    case 'serial':
      return device.serial;
    case 'version':
      return versionSortKey(device.version);
    case 'warranty':
      return device.warrantyExpiresOn ?? '0000';
    case 'apps':
      return device.apps.running * 1000 + device.apps.stopped;
  }
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
  ) {
    this.byId = new Map(facts.map((device, index) => [device.id, index]));
  }

  get size(): number {
    return this.facts.length;
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
      const keys = this.facts.map((device) => sortKey(device, field));
      const indices = keys.map((_, index) => index);
      // Ties keep the fleet's order (by id), so pages never overlap or skip a device.
      indices.sort((a, b) => {
        const x = keys[a] as SortKey;
        const y = keys[b] as SortKey;
        return x < y ? -1 : x > y ? 1 : a - b;
      });
      order = Uint32Array.from(indices);
      this.sorted.set(field, order);
    }
    return order;
  }

  private searchTexts(): string[] {
    this.haystacks ??= this.facts.map(searchText);
    return this.haystacks;
  }

  /** Indices of matching devices in the requested order. */
  private matching(filter: DeviceFilter, field: DeviceSortField, descending: boolean): number[] {
    const order = this.order(field);
    const haystacks = filter.q?.trim() ? this.searchTexts() : undefined;
    const result: number[] = [];
    const length = order.length;
    for (let step = 0; step < length; step += 1) {
      const index = order[descending ? length - 1 - step : step] as number;
      const device = this.facts[index] as DeviceFacts;
      if (matchesFilter(device, filter, haystacks?.[index])) result.push(index);
    }
    return result;
  }

  list(query: DeviceListQuery): DeviceList {
    const matching = this.matching(query, query.sort, query.order === 'desc');
    const start = (query.page - 1) * query.pageSize;
    return {
      items: matching
        .slice(start, start + query.pageSize)
        .map((index) => this.materialize(this.facts[index] as DeviceFacts)),
      total: matching.length,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  facets(): DeviceFacets {
    const counts = new Map<string, number>();
    for (const device of this.facts) counts.set(device.model, (counts.get(device.model) ?? 0) + 1);
    return {
      total: this.facts.length,
      models: [...counts.entries()]
        .map(([model, count]) => ({ model, count }))
        .sort((a, b) => a.model.localeCompare(b.model)),
    };
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
    const result: DeviceFacts[] = [];
    for (const device of this.facts) {
      if (!except.has(device.id) && matchesFilter(device, selection.filter)) result.push(device);
    }
    return result;
  }

  /** The API's view of some selected devices. */
  view(devices: readonly DeviceFacts[]): Device[] {
    return devices.map(this.materialize);
  }
}
