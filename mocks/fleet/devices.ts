import type {
  Device,
  DeviceFacets,
  DeviceFilter,
  DeviceList,
  DeviceListQuery,
  DeviceSelection,
  DeviceSortField,
} from '../../src/api/devices';
import { versionSortKey } from '../../src/lib/version';

export function matchesFilter(device: Device, filter: DeviceFilter, haystack?: string): boolean {
  if (filter.status && device.status !== filter.status) return false;
  if (filter.model && filter.model.length > 0 && !filter.model.includes(device.model)) return false;
  if (
    filter.updateAvailable !== undefined &&
    device.software.updateAvailable !== filter.updateAvailable
  )
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

function searchText(device: Device): string {
  return [device.name ?? '', device.model, device.ip, device.serial, device.software.version]
    .join('\u0000')
    .toLowerCase();
}

type SortKey = string | number;

function sortKey(device: Device, field: DeviceSortField): SortKey {
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
      return versionSortKey(device.software.version);
    case 'warranty':
      return device.warranty.expiresOn ?? '0000';
    case 'apps':
      return device.apps.running * 1000 + device.apps.stopped;
  }
}

/**
 * An indexed snapshot of the fleet's devices at one instant: list queries sort once per
 * field and direction, then filter in order, so a page of 100,000 devices stays cheap.
 */
export class DeviceIndex {
  private readonly sorted = new Map<DeviceSortField, number[]>();
  private readonly haystacks: string[];
  private readonly byId: Map<string, number>;

  constructor(readonly devices: readonly Device[]) {
    this.haystacks = devices.map(searchText);
    this.byId = new Map(devices.map((device, index) => [device.id, index]));
  }

  get(id: string): Device | undefined {
    const index = this.byId.get(id);
    return index === undefined ? undefined : this.devices[index];
  }

  private order(field: DeviceSortField): number[] {
    let order = this.sorted.get(field);
    if (!order) {
      const keys = this.devices.map((device) => sortKey(device, field));
      const ids = this.devices.map((device) => device.id);
      order = keys.map((_, index) => index);
      // Ties fall back to the id, so pages never overlap or skip a device.
      order.sort((a, b) => {
        const x = keys[a] as SortKey;
        const y = keys[b] as SortKey;
        if (x < y) return -1;
        if (x > y) return 1;
        const i = ids[a] as string;
        const j = ids[b] as string;
        return i < j ? -1 : i > j ? 1 : 0;
      });
      this.sorted.set(field, order);
    }
    return order;
  }

  /** Indices of matching devices in the requested order. */
  private matching(filter: DeviceFilter, field: DeviceSortField, descending: boolean): number[] {
    const order = this.order(field);
    const result: number[] = [];
    const length = order.length;
    for (let step = 0; step < length; step += 1) {
      const index = order[descending ? length - 1 - step : step] as number;
      const device = this.devices[index] as Device;
      if (matchesFilter(device, filter, this.haystacks[index])) result.push(index);
    }
    return result;
  }

  list(query: DeviceListQuery): DeviceList {
    const matching = this.matching(query, query.sort, query.order === 'desc');
    const start = (query.page - 1) * query.pageSize;
    return {
      items: matching
        .slice(start, start + query.pageSize)
        .map((index) => this.devices[index] as Device),
      total: matching.length,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  facets(): DeviceFacets {
    const counts = new Map<string, number>();
    for (const device of this.devices)
      counts.set(device.model, (counts.get(device.model) ?? 0) + 1);
    return {
      total: this.devices.length,
      models: [...counts.entries()]
        .map(([model, count]) => ({ model, count }))
        .sort((a, b) => a.model.localeCompare(b.model)),
    };
  }

  /** The devices a bulk selection means, resolved on the server side. */
  select(selection: DeviceSelection): Device[] {
    if (selection.mode === 'ids') {
      return selection.ids.map((id) => this.get(id)).filter((d): d is Device => d !== undefined);
    }
    const except = new Set(selection.except);
    return this.matching(selection.filter, 'model', false)
      .map((index) => this.devices[index] as Device)
      .filter((device) => !except.has(device.id));
  }
}
