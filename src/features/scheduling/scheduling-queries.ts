import { queryOptions, useMutation } from '@tanstack/react-query';
import { apiRequest } from '@/api/client';
import { deviceEndpoints, type DeviceSelection, type ScheduleChange } from '@/api/devices';

export const schedulingQueries = {
  /** Under the devices key: whatever changes devices refreshes it. */
  summary: (selection: DeviceSelection) =>
    queryOptions({
      queryKey: ['devices', 'selection-summary', selection] as const,
      queryFn: ({ signal }) =>
        apiRequest(deviceEndpoints.selectionSummary, { body: selection }, { signal }),
      staleTime: 0,
    }),
};

/**
 * Applies a schedule. `onApplied` refreshes what shows the devices (the caller owns those
 * queries); the mutation stays pending until it has.
 */
export function useSetSchedule(onApplied: () => Promise<unknown>) {
  return useMutation({
    mutationFn: (change: ScheduleChange) =>
      apiRequest(deviceEndpoints.setSchedule, { body: change }),
    onSuccess: () => onApplied(),
  });
}
