import type { QueryKey } from '@tanstack/react-query';

/**
 * What a change declares about the data it touches; the query client acts on it
 * (app/query-client.ts), so no screen passes refresh callbacks around.
 */
export interface ChangeMeta extends Record<string, unknown> {
  /** Refreshed once the change succeeded; the mutation stays pending until they are fresh. */
  invalidates: readonly QueryKey[];
  /** Refreshed after a refusal too: the resource moved on, show where it stands now. */
  alsoOnError?: boolean;
}

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: ChangeMeta;
  }
}

/** The activity's queries: every change, accepted or refused, adds to it (see activity.ts). */
export const ACTIVITY_KEY = ['activity'] as const;
