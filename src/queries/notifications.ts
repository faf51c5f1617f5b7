import { queryOptions, useMutation } from '@tanstack/react-query';
import { apiRequest } from '@/api/client';
import { notificationEndpoints } from '@/api/notifications';
import './meta';

/** While the console is open, what needs the operator is read again this often. */
export const NOTIFICATION_POLL_MS = 30_000;

export const notificationQueries = {
  all: () => ['notifications'] as const,
  list: () =>
    queryOptions({
      queryKey: [...notificationQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => apiRequest(notificationEndpoints.list, {}, { signal }),
      refetchInterval: NOTIFICATION_POLL_MS,
    }),
};

/** Marks notifications read: those named, or every one (no ids). */
export function useMarkRead() {
  return useMutation({
    mutationFn: (ids?: string[]) =>
      apiRequest(notificationEndpoints.markRead, { body: ids ? { ids } : {} }),
    meta: { invalidates: [notificationQueries.all()] },
  });
}
