import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/api/client';
import { freezeEndpoints, freezeSpans, type AddFreezeRequest } from '@/api/freezes';
import { freezesBinding, type FreezeSpan } from '@/domain/freezes';
import { deviceQueries } from './devices';
import { useServedAreas } from './session';
import { siteQueries } from './sites';
import './meta';

/** Query keys and options for change freezes (others add and end them: read every minute). */
export const freezeQueries = {
  all: () => ['freezes'] as const,
  list: () =>
    queryOptions({
      queryKey: [...freezeQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => apiRequest(freezeEndpoints.list, {}, { signal }),
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

// A freeze moves windows, waves and what may start: every list is read again.
const moved = [freezeQueries.all(), siteQueries.all(), deviceQueries.all()];

export function useAddFreeze() {
  return useMutation({
    mutationFn: (request: AddFreezeRequest) => apiRequest(freezeEndpoints.add, { body: request }),
    meta: { invalidates: moved },
  });
}

export function useEndFreeze() {
  return useMutation({
    mutationFn: ({ freezeId, requestId }: { freezeId: string; requestId: string }) =>
      apiRequest(freezeEndpoints.end, { params: { freezeId }, body: { requestId } }),
    meta: { invalidates: moved, alsoOnError: true },
  });
}
