import { queryOptions, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { apiRequest } from '@/api/client';
import type { Permission } from '@/api/permissions';
import { DEFAULT_AREAS, permits, sessionEndpoints, type Area, type Feature } from '@/api/session';

export const sessionQueries = {
  all: ['session'] as const,
  current: () =>
    queryOptions({
      queryKey: [...sessionQueries.all, 'current'] as const,
      queryFn: ({ signal }) => apiRequest(sessionEndpoints.get, {}, { signal }),
      // Who is signed in changes only with a new sign-in, which refetches it.
      staleTime: 5 * 60_000,
    }),
};

export function useSession() {
  return useQuery(sessionQueries.current());
}

/** Whether the operator may make a change of this kind, and if not, why (in words). */
export function usePermission(permission: Permission) {
  const session = useSession();
  // The role could not be read: the server still decides, and says so if it refuses.
  if (session.isError && !session.data) return { allowed: true } as const;
  return permits(session.data, permission);
}

/**
 * The areas the backend serves, by the session's capabilities: every area until the session
 * is known, and for a backend that says nothing of them.
 */
export function useServedAreas(): readonly Area[] {
  const session = useSession();
  return session.data?.capabilities?.areas ?? DEFAULT_AREAS;
}

/**
 * Whether the backend does this (holds, …): not until the session is known, then as its
 * capabilities say; a backend that says nothing of its features has every one.
 */
export function useFeature(feature: Feature): boolean {
  const session = useSession();
  if (!session.data) return false;
  return session.data.capabilities?.features?.includes(feature) ?? true;
}

/** The sort fields of a list the backend cannot order by: the table does not offer them. */
export function useUnsortable(list: 'devices' | 'sites'): ReadonlySet<string> {
  const fields = useSession().data?.capabilities?.unsortable?.[list];
  const key = fields?.join(',') ?? '';
  return useMemo(() => new Set(key === '' ? [] : key.split(',')), [key]);
}

/** The columns as the backend can sort them: one it cannot order by is not offered. */
export function sortableBy<C extends { id?: string; enableSorting?: boolean }>(
  columns: readonly C[],
  unsortable: ReadonlySet<string>,
): C[] {
  return columns.map((column) =>
    column.id !== undefined && unsortable.has(column.id)
      ? { ...column, enableSorting: false }
      : column,
  );
}
