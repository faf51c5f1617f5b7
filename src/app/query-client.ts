import { MutationCache, QueryClient, type Mutation } from '@tanstack/react-query';
import { isApiError } from '@/api/errors';
import { ACTIVITY_KEY } from '@/queries/meta';

/**
 * Retries only what may succeed on a second try (server trouble, network), twice at most.
 * A change refreshes what it declares in its `meta` (queries/meta.ts) before it settles, so a
 * dialog stays busy until the screen behind it is fresh. A change refused with 409 (the state
 * moved on underneath it) refreshes everything on screen, so the operator sees what changed;
 * the refusal itself stays in its dialog. Every change settles into the activity, which is
 * refreshed after each.
 */
export function createQueryClient(): QueryClient {
  const refresh = async (mutation: Mutation<unknown, unknown, unknown>) => {
    const keys = mutation.options.meta?.invalidates ?? [];
    await Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })));
  };
  const client: QueryClient = new QueryClient({
    mutationCache: new MutationCache({
      onSuccess: (_data, _variables, _context, mutation) => refresh(mutation),
      // Every change, accepted or refused, is in the activity now.
      onSettled: () => void client.invalidateQueries({ queryKey: ACTIVITY_KEY }),
      onError: async (error, _variables, _context, mutation) => {
        if (isApiError(error) && error.isConflict) void client.invalidateQueries();
        else if (mutation.options.meta?.alsoOnError) await refresh(mutation);
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
