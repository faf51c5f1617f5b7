import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/api/client';
import { serverEndpoints, type ServerSettings, type TargetChange } from '@/api/servers';

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

function useRefreshServers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: serverQueries.all() });
}

export function useSetTarget(serverId: string) {
  const refresh = useRefreshServers();
  return useMutation({
    mutationFn: (change: TargetChange) =>
      apiRequest(serverEndpoints.setTarget, { params: { serverId }, body: change }),
    onSettled: () => refresh(),
  });
}

export function useSetSettings(serverId: string) {
  const refresh = useRefreshServers();
  return useMutation({
    mutationFn: (settings: ServerSettings) =>
      apiRequest(serverEndpoints.setSettings, { params: { serverId }, body: settings }),
    onSuccess: () => refresh(),
  });
}

export function useStartUpgrade(serverId: string) {
  const refresh = useRefreshServers();
  return useMutation({
    mutationFn: (requestId: string) =>
      apiRequest(serverEndpoints.startUpgrade, { params: { serverId }, body: { requestId } }),
    // Started or refused (cancelled, busy, no space): the server's state says what happened.
    onSettled: () => refresh(),
  });
}
