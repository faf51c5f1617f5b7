import { queryOptions, useMutation } from '@tanstack/react-query';
import { apiRequest } from '@/api/client';
import { webhookEndpoints, type CreateWebhook } from '@/api/webhooks';
import { ACTIVITY_KEY } from './meta';

/** Webhooks (Settings): administrators only. */
export const webhookQueries = {
  all: () => ['webhooks'] as const,
  list: () =>
    queryOptions({
      queryKey: [...webhookQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => apiRequest(webhookEndpoints.list, {}, { signal }),
    }),
  deliveries: (webhookId: string) =>
    queryOptions({
      queryKey: [...webhookQueries.all(), 'deliveries', webhookId] as const,
      queryFn: ({ signal }) =>
        apiRequest(webhookEndpoints.deliveries, { params: { webhookId } }, { signal }),
    }),
};

export function useAddWebhook() {
  return useMutation({
    mutationFn: (body: CreateWebhook) => apiRequest(webhookEndpoints.create, { body }),
    meta: { invalidates: [webhookQueries.all(), ACTIVITY_KEY] },
  });
}

export function useRemoveWebhook() {
  return useMutation({
    mutationFn: (webhookId: string) =>
      apiRequest(webhookEndpoints.remove, { params: { webhookId } }),
    meta: { invalidates: [webhookQueries.all(), ACTIVITY_KEY], alsoOnError: true },
  });
}

export function useTestWebhook() {
  return useMutation({
    mutationFn: (webhookId: string) => apiRequest(webhookEndpoints.test, { params: { webhookId } }),
    meta: { invalidates: [webhookQueries.all()], alsoOnError: true },
  });
}
