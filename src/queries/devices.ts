import { keepPreviousData, queryOptions, useMutation } from '@tanstack/react-query';
import { apiRequest } from '@/api/client';
import {
  deviceEndpoints,
  type DeviceListQuery,
  type DeviceSelection,
  type ManualUpdateRequest,
  type ScheduleChange,
} from '@/api/devices';
import './meta';

/**
 * Every query about devices, keyed under `['devices']` from generic to specific, so a change
 * to devices refreshes all of them at once: lists, facets, details and selection summaries.
 */
export const deviceQueries = {
  all: () => ['devices'] as const,
  lists: () => [...deviceQueries.all(), 'list'] as const,
  list: (params: DeviceListQuery) =>
    queryOptions({
      queryKey: [...deviceQueries.lists(), params] as const,
      queryFn: ({ signal }) => apiRequest(deviceEndpoints.list, { query: params }, { signal }),
      // The previous page stays on screen while the next one loads: no flash, no layout shift.
      placeholderData: keepPreviousData,
      // Devices update by themselves (checks, windows): poll, faster while one is installing.
      refetchInterval: (query) =>
        query.state.data?.items.some(
          (device) => device.update.state === 'installing' || device.update.state === 'rebooting',
        )
          ? 5_000
          : 30_000,
    }),
  facets: () =>
    queryOptions({
      queryKey: [...deviceQueries.all(), 'facets'] as const,
      queryFn: ({ signal }) => apiRequest(deviceEndpoints.facets, {}, { signal }),
      staleTime: 60_000,
    }),
  detail: (deviceId: string) =>
    queryOptions({
      queryKey: [...deviceQueries.all(), 'detail', deviceId] as const,
      queryFn: ({ signal }) =>
        apiRequest(deviceEndpoints.detail, { params: { deviceId } }, { signal }),
    }),
  /** What a selection holds (counts, shared schedule, who ignores a schedule), read fresh. */
  summary: (selection: DeviceSelection) =>
    queryOptions({
      queryKey: [...deviceQueries.all(), 'selection-summary', selection] as const,
      queryFn: ({ signal }) =>
        apiRequest(deviceEndpoints.selectionSummary, { body: selection }, { signal }),
      staleTime: 0,
    }),
};

/** Manual update ("update now"): idempotent by the request id the caller keeps. */
export function useStartUpdates() {
  return useMutation({
    mutationFn: (request: ManualUpdateRequest) =>
      apiRequest(deviceEndpoints.startUpdates, { body: request }),
    meta: { invalidates: [deviceQueries.all()] },
  });
}

/** Applies a schedule; pending until everything that shows devices is fresh. */
export function useSetSchedule() {
  return useMutation({
    mutationFn: (change: ScheduleChange) =>
      apiRequest(deviceEndpoints.setSchedule, { body: change }),
    meta: { invalidates: [deviceQueries.all()] },
  });
}
