import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/api/client';
import { deviceEndpoints, type DeviceListQuery, type ManualUpdateRequest } from '@/api/devices';

/** Query keys and options for devices, generic to specific (TkDodo's query options). */
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
};

/** Everything that shows devices, refreshed after a change; returns when fresh. */
export function useRefreshDevices(): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: deviceQueries.all() });
}

/** Manual update ("update now"): idempotent by the request id the caller keeps. */
export function useStartUpdates() {
  const refresh = useRefreshDevices();
  return useMutation({
    mutationFn: (request: ManualUpdateRequest) =>
      apiRequest(deviceEndpoints.startUpdates, { body: request }),
    onSuccess: () => refresh(),
  });
}
