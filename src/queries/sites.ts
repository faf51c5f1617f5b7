import { keepPreviousData, queryOptions, useMutation } from '@tanstack/react-query';
import { apiRequest } from '@/api/client';
import { holdEndpoints, type HoldSitesRequest, type ReleaseSitesRequest } from '@/api/holds';
import { recallEndpoints, type RecallRequest } from '@/api/recalls';
import {
  siteEndpoints,
  type SiteUpdateRequest,
  type SiteListQuery,
  type UpdateAllRequest,
} from '@/api/sites';
import { notificationQueries } from './notifications';
import './meta';

/** While updates progress, counts and states refresh this often; when none moves, not at all. */
export const SITE_POLL_MS = 5_000;

/** Query keys and options for site software update, generic to specific. */
export const siteQueries = {
  all: () => ['sites'] as const,
  stats: () =>
    queryOptions({
      queryKey: [...siteQueries.all(), 'stats'] as const,
      queryFn: ({ signal }) => apiRequest(siteEndpoints.stats, {}, { signal }),
      refetchInterval: (query) => (query.state.data?.moving ? SITE_POLL_MS : false),
    }),
  list: (deviceType: string, params: SiteListQuery) =>
    queryOptions({
      queryKey: [...siteQueries.all(), 'list', deviceType, params] as const,
      queryFn: ({ signal }) =>
        apiRequest(siteEndpoints.list, { params: { deviceType }, query: params }, { signal }),
      placeholderData: keepPreviousData,
      refetchInterval: (query) => (query.state.data?.moving ? SITE_POLL_MS : false),
    }),
  plan: (deviceType: string) =>
    queryOptions({
      queryKey: [...siteQueries.all(), 'plan', deviceType] as const,
      queryFn: ({ signal }) =>
        apiRequest(siteEndpoints.updateAllPlan, { params: { deviceType } }, { signal }),
      staleTime: 0,
    }),
  recall: (deviceType: string) =>
    queryOptions({
      queryKey: [...siteQueries.all(), 'recall', deviceType] as const,
      queryFn: ({ signal }) =>
        apiRequest(recallEndpoints.plan, { params: { deviceType } }, { signal }),
      staleTime: 0,
    }),
};

export function useUpdateSite(deviceType: string) {
  return useMutation({
    mutationFn: (body: SiteUpdateRequest) =>
      apiRequest(siteEndpoints.updateSite, { params: { deviceType }, body }),
    // A refusal (already updating, already current) means the list may be behind: refresh it too.
    meta: { invalidates: [siteQueries.all()], alsoOnError: true },
  });
}

export function useUpdateAll(deviceType: string) {
  return useMutation({
    mutationFn: (request: UpdateAllRequest) =>
      apiRequest(siteEndpoints.updateAll, { params: { deviceType }, body: request }),
    meta: { invalidates: [siteQueries.all()] },
  });
}

export function useCancelSiteUpdate(deviceType: string) {
  return useMutation({
    mutationFn: (siteNumber: number) =>
      apiRequest(siteEndpoints.cancel, { params: { deviceType, siteNumber } }),
    // Refused or not, the site has moved on: show where it stands now.
    meta: { invalidates: [siteQueries.all()], alsoOnError: true },
  });
}

export function useHoldSites(deviceType: string) {
  return useMutation({
    mutationFn: (body: HoldSitesRequest) =>
      apiRequest(holdEndpoints.hold, { params: { deviceType }, body }),
    meta: { invalidates: [siteQueries.all()] },
  });
}

export function useReleaseSites(deviceType: string) {
  return useMutation({
    mutationFn: (body: ReleaseSitesRequest) =>
      apiRequest(holdEndpoints.release, { params: { deviceType }, body }),
    meta: { invalidates: [siteQueries.all()] },
  });
}

export function useRecallVersion(deviceType: string) {
  return useMutation({
    mutationFn: (body: RecallRequest) =>
      apiRequest(recallEndpoints.recall, { params: { deviceType }, body }),
    // Refused (the version moved on) or not, the preview may be behind: refresh it too.
    meta: { invalidates: [siteQueries.all(), notificationQueries.all()], alsoOnError: true },
  });
}
