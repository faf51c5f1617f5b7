import { queryOptions, useMutation } from '@tanstack/react-query';
import { apiRequest } from '@/api/client';
import { serverEndpoints, type ServerSettings, type TargetChange } from '@/api/servers';
import './meta';

/** While a job runs, its steps refresh this often. */
export const JOB_POLL_MS = 2_000;

export const serverQueries = {
  all: () => ['servers'] as const,
  list: () =>
    queryOptions({
      queryKey: [...serverQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => apiRequest(serverEndpoints.list, {}, { signal }),
      refetchInterval: (query) =>
        query.state.data?.items.some((server) =>
          ['downloading', 'staged', 'restarting'].includes(server.syncState),
        )
          ? JOB_POLL_MS
          : false,
    }),
  detail: (serverId: string) =>
    queryOptions({
      queryKey: [...serverQueries.all(), 'detail', serverId] as const,
      queryFn: ({ signal }) =>
        apiRequest(serverEndpoints.detail, { params: { serverId } }, { signal }),
      refetchInterval: (query) =>
        query.state.data?.job?.state === 'running' ? JOB_POLL_MS : false,
    }),
};

export function useSetTarget(serverId: string) {
  return useMutation({
    mutationFn: (change: TargetChange) =>
      apiRequest(serverEndpoints.setTarget, { params: { serverId }, body: change }),
    meta: { invalidates: [serverQueries.all()], alsoOnError: true },
  });
}

export function useSetSettings(serverId: string) {
  return useMutation({
    mutationFn: (settings: ServerSettings) =>
      apiRequest(serverEndpoints.setSettings, { params: { serverId }, body: settings }),
    meta: { invalidates: [serverQueries.all()] },
  });
}

export function useStartUpgrade(serverId: string) {
  return useMutation({
    mutationFn: (requestId: string) =>
      apiRequest(serverEndpoints.startUpgrade, { params: { serverId }, body: { requestId } }),
    // Started or refused (cancelled, busy, no space): the server's state says what happened.
    meta: { invalidates: [serverQueries.all()], alsoOnError: true },
  });
}
