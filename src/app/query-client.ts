import { MutationCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '@/api/errors';

/**
 * Retries only what may succeed on a second try (server trouble, network), twice at most.
 * A change refused with 409 (the state moved on underneath it) refreshes everything on
 * screen, so the operator sees what changed; the refusal itself stays in its dialog.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    mutationCache: new MutationCache({
      onError: (error) => {
        if (isApiError(error) && error.isConflict) void client.invalidateQueries();
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: (failureCount, error) => failureCount < 2 && (!isApiError(error) || error.retryable),
      },
      mutations: { retry: false },
    },
  });
  return client;
}
