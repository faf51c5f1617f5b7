import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { activityEndpoints, type ActivityListQuery } from '@/api/activity';
import { apiRequest } from '@/api/client';
import { ACTIVITY_KEY } from './meta';

/** Query keys and options for the activity, generic to specific. Every change refreshes them. */
export const activityQueries = {
  all: () => ACTIVITY_KEY,
  list: (params: ActivityListQuery) =>
    queryOptions({
      queryKey: [...activityQueries.all(), 'list', params] as const,
      queryFn: ({ signal }) => apiRequest(activityEndpoints.list, { query: params }, { signal }),
      placeholderData: keepPreviousData,
    }),
  operators: () =>
    queryOptions({
      queryKey: [...activityQueries.all(), 'operators'] as const,
      queryFn: ({ signal }) => apiRequest(activityEndpoints.operators, {}, { signal }),
    }),
};
