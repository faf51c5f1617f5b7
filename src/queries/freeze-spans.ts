import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/api/client';
import type { FreezeList } from '@/api/freezes';
import { freezeSpans, freezesBinding, type FreezeSpan } from '@/domain/freezes';
import { useServedAreas } from './session';

// Apart from the freezes' changes: the device list reads the spans on its first page.

/** Query keys and options for change freezes (others add and end them: read every minute). */
export const freezeQueries = {
  all: () => ['freezes'] as const,
  list: () =>
    queryOptions({
      queryKey: [...freezeQueries.all(), 'list'] as const,
      // The contract's freezes module loads with the first tooltip or dialog that needs it.
      queryFn: async ({ signal }): Promise<FreezeList> => {
        const { freezeEndpoints } = await import('@/api/freezes');
        return apiRequest(freezeEndpoints.list, {}, { signal });
      },
      refetchInterval: 60_000,
      staleTime: 30_000,
    }),
};

const NONE: readonly FreezeSpan[] = [];

/**
 * The freezes binding a device type (null: the devices, which only the fleet's bind), as the
 * window rule reads them; none where the backend has no freezes.
 */
export function useFreezeSpans(deviceType: string | null): readonly FreezeSpan[] {
  const served = useServedAreas().includes('freezes');
  const list = useQuery({ ...freezeQueries.list(), enabled: served });
  if (!list.data) return NONE;
  return freezesBinding(freezeSpans(list.data.items), deviceType);
}
