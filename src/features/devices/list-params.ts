import { DeviceListQuery } from '@/api/devices';
import { parseQueryState, writeQueryState } from '@/api/query-state';

export const pageSizeOptions = [25, 50, 100] as const;

/**
 * The device list's state lives in the URL with the contract's own names (`q`, `status`,
 * `model`, `sort`, `order`, `page`, `pageSize`), so a view can be shared and survives a
 * reload. Values that do not fit are dropped, not fatal.
 */
export function parseListParams(search: URLSearchParams): DeviceListQuery {
  return parseQueryState(DeviceListQuery, search);
}

/** Writes the list state into a copy of the search parameters, keeping every other key. */
export function writeListParams(
  current: URLSearchParams,
  params: DeviceListQuery,
): URLSearchParams {
  return writeQueryState(DeviceListQuery, current, params);
}

export { nextSort } from '@/components/data-table/next-sort';
