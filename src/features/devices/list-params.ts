import { DeviceListQuery, type DeviceSortField, type SortOrder } from '@/api/devices';
import { readQuery, serializeQuery } from '@/api/endpoint';

export const pageSizeOptions = [25, 50, 100] as const;

const defaults = DeviceListQuery.parse({});

/**
 * The device list's state lives in the URL with the contract's own names (`q`, `status`,
 * `model`, `sort`, `order`, `page`, `pageSize`), so a view can be shared and survives a
 * reload. Values that do not fit are dropped, not fatal.
 */
export function parseListParams(search: URLSearchParams): DeviceListQuery {
  const raw = readQuery(DeviceListQuery, search);
  const first = DeviceListQuery.safeParse(raw);
  if (first.success) return first.data;
  const cleaned = { ...raw };
  for (const issue of first.error.issues) {
    const key = issue.path[0];
    if (typeof key === 'string') delete cleaned[key];
  }
  const second = DeviceListQuery.safeParse(cleaned);
  return second.success ? second.data : defaults;
}

const listKeys = Object.keys(DeviceListQuery.shape);

/**
 * Writes list state into a copy of the current search parameters: contract keys are
 * replaced (defaults left out, to keep links short), every other key is kept.
 */
export function writeListParams(
  current: URLSearchParams,
  params: DeviceListQuery,
): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const key of listKeys) next.delete(key);
  const changed: Record<string, unknown> = {};
  for (const key of listKeys) {
    const value = params[key as keyof DeviceListQuery];
    const fallback = defaults[key as keyof DeviceListQuery];
    if (JSON.stringify(value) !== JSON.stringify(fallback)) changed[key] = value;
  }
  for (const [key, value] of serializeQuery(changed)) next.append(key, value);
  return next;
}

/** Clicking a column: the same column flips its order, another starts ascending. */
export function nextSort(
  params: DeviceListQuery,
  field: DeviceSortField,
): { sort: DeviceSortField; order: SortOrder } {
  if (params.sort === field) return { sort: field, order: params.order === 'asc' ? 'desc' : 'asc' };
  return { sort: field, order: 'asc' };
}
