import { lazy, type ReactNode } from 'react';
import { Area } from '@/api/session';
import { useSession } from '@/queries/session';

// Loaded only when a backend lacks an area someone opens.
const NotServedPage = lazy(() =>
  import('./session-screens').then((m) => ({ default: m.NotServedPage })),
);

/**
 * The areas the backend serves, by the session's capabilities: every area until the session
 * is known, and for a backend that says nothing of them.
 */
export function useServedAreas(): readonly Area[] {
  const session = useSession();
  return session.data?.capabilities?.areas ?? Area.options;
}

/** A route of an area the backend does not serve says so, instead of failing. */
export function Served({ area, children }: { area: Area; children: ReactNode }) {
  const served = useServedAreas();
  if (served.includes(area)) return children;
  return <NotServedPage area={area} others={served} />;
}
