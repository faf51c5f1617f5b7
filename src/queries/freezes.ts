import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '@/api/client';
import { freezeEndpoints, type AddFreezeRequest } from '@/api/freezes';
import { deviceQueries } from './devices';
import { freezeQueries } from './freeze-spans';
import { siteQueries } from './sites';
import './meta';

export { freezeQueries, useFreezeSpans } from './freeze-spans';

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
