import { keepPreviousData, queryOptions, useMutation } from '@tanstack/react-query';
import { apiRequest } from '@/api/client';
import {
  rolloutEndpoints,
  type RolloutPlanRequest,
  type RolloutStartRequest,
  type RollbackRequest,
} from '@/api/rollouts';
import { SITE_POLL_MS, siteQueries } from './sites';
import './meta';

/**
 * Query keys and options for staged rollouts. They live under the sites' key: a rollout moves
 * sites, and a site change may move a rollout, so each refreshes the other.
 */
export const rolloutQueries = {
  all: (deviceType: string) => [...siteQueries.all(), 'rollouts', deviceType] as const,
  list: (deviceType: string) =>
    queryOptions({
      queryKey: [...rolloutQueries.all(deviceType), 'list'] as const,
      queryFn: ({ signal }) =>
        apiRequest(rolloutEndpoints.list, { params: { deviceType } }, { signal }),
      refetchInterval: (query) => (query.state.data?.active ? SITE_POLL_MS : false),
    }),
  detail: (deviceType: string, rolloutId: string) =>
    queryOptions({
      queryKey: [...rolloutQueries.all(deviceType), 'detail', rolloutId] as const,
      queryFn: ({ signal }) =>
        apiRequest(rolloutEndpoints.get, { params: { deviceType, rolloutId } }, { signal }),
      refetchInterval: (query) => (query.state.data?.moving ? SITE_POLL_MS : false),
    }),
  /** What the rollout being planned would do; null while the form is not complete. */
  preview: (deviceType: string, request: RolloutPlanRequest | null) =>
    queryOptions({
      queryKey: [...rolloutQueries.all(deviceType), 'preview', request] as const,
      queryFn: ({ signal }) =>
        apiRequest(
          rolloutEndpoints.preview,
          { params: { deviceType }, body: request as RolloutPlanRequest },
          { signal },
        ),
      enabled: request !== null,
      placeholderData: keepPreviousData,
      staleTime: 0,
      retry: false,
    }),
};

/** What rolling back a halted rollout would do now. */
export function rollbackQuery(deviceType: string, rolloutId: string) {
  return queryOptions({
    queryKey: [...rolloutQueries.all(deviceType), 'rollback', rolloutId] as const,
    queryFn: ({ signal }) =>
      apiRequest(
        rolloutEndpoints.rollbackPreview,
        { params: { deviceType, rolloutId } },
        { signal },
      ),
    staleTime: 0,
    retry: false,
  });
}

export function useRollback(deviceType: string, rolloutId: string) {
  return useMutation({
    mutationFn: (request: RollbackRequest) =>
      apiRequest(rolloutEndpoints.rollback, { params: { deviceType, rolloutId }, body: request }),
    meta: { invalidates: [siteQueries.all()] },
  });
}

export function useStartRollout(deviceType: string) {
  return useMutation({
    mutationFn: (request: RolloutStartRequest) =>
      apiRequest(rolloutEndpoints.start, { params: { deviceType }, body: request }),
    meta: { invalidates: [siteQueries.all()] },
  });
}

export type RolloutStep = 'pause' | 'resume' | 'halt';

export function useRolloutStep(deviceType: string, rolloutId: string) {
  return useMutation({
    mutationFn: (step: RolloutStep) =>
      apiRequest(rolloutEndpoints[step], { params: { deviceType, rolloutId } }),
    // Refused or not, the rollout has moved on: show where it stands now.
    meta: { invalidates: [siteQueries.all()], alsoOnError: true },
  });
}

export function useStartWave(deviceType: string, rolloutId: string) {
  return useMutation({
    mutationFn: (wave: number) =>
      apiRequest(rolloutEndpoints.startWave, { params: { deviceType, rolloutId, wave } }),
    meta: { invalidates: [siteQueries.all()], alsoOnError: true },
  });
}

export function useRetryWave(deviceType: string, rolloutId: string) {
  return useMutation({
    mutationFn: ({ wave, requestId }: { wave: number; requestId: string }) =>
      apiRequest(rolloutEndpoints.retry, {
        params: { deviceType, rolloutId, wave },
        body: { requestId },
      }),
    meta: { invalidates: [siteQueries.all()], alsoOnError: true },
  });
}
