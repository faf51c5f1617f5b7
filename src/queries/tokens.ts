import { queryOptions, useMutation } from '@tanstack/react-query';
import { apiRequest } from '@/api/client';
import { tokenEndpoints, type CreateApiToken } from '@/api/tokens';
import { ACTIVITY_KEY } from './meta';

/** API tokens (Settings): administrators only. */
export const tokenQueries = {
  all: () => ['tokens'] as const,
  list: () =>
    queryOptions({
      queryKey: [...tokenQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => apiRequest(tokenEndpoints.list, {}, { signal }),
    }),
};

export function useCreateToken() {
  return useMutation({
    mutationFn: (body: CreateApiToken) => apiRequest(tokenEndpoints.create, { body }),
    meta: { invalidates: [tokenQueries.all(), ACTIVITY_KEY] },
  });
}

export function useRevokeToken() {
  return useMutation({
    mutationFn: (tokenId: string) => apiRequest(tokenEndpoints.revoke, { params: { tokenId } }),
    meta: { invalidates: [tokenQueries.all(), ACTIVITY_KEY], alsoOnError: true },
  });
}
