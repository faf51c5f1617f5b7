import { lazy, type ReactNode } from 'react';
import type { Area } from '@/api/session';
import { useServedAreas } from '@/queries/session';

// Loaded only when a backend lacks an area someone opens.
const NotServedPage = lazy(() =>
  import('./session-screens').then((m) => ({ default: m.NotServedPage })),
);

export { useServedAreas };

/** A route of an area the backend does not serve says so, instead of failing. */
export function Served({ area, children }: { area: Area; children: ReactNode }) {
  const served = useServedAreas();
  if (served.includes(area)) return children;
  return <NotServedPage area={area} others={served} />;
}
