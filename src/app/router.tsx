import { lazy, type ReactNode } from 'react';
import type { Area } from '@/api/session';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { Layout } from './Layout';
import { RouteErrorBoundary } from './RouteError';
import { Served } from './served-areas';

// Each screen is its own chunk, loaded when first shown. The declarative router is used
// rather than a data router: the console loads its data with TanStack Query, and the data
// router's extra code would cost the first page about 16 KB of gzipped JavaScript.
const DevicesPage = lazy(() =>
  import('@/features/devices/DevicesPage').then((m) => ({ default: m.DevicesPage })),
);
const StatisticsPage = lazy(() =>
  import('@/features/sites/StatisticsPage').then((m) => ({ default: m.StatisticsPage })),
);
const SiteTypePage = lazy(() =>
  import('@/features/sites/SiteTypePage').then((m) => ({ default: m.SiteTypePage })),
);
const RolloutPage = lazy(() =>
  import('@/features/rollouts/RolloutPage').then((m) => ({ default: m.RolloutPage })),
);
const ServersPage = lazy(() =>
  import('@/features/servers/ServersPage').then((m) => ({ default: m.ServersPage })),
);
const ServerPage = lazy(() =>
  import('@/features/servers/ServerPage').then((m) => ({ default: m.ServerPage })),
);
const ApprovalsPage = lazy(() =>
  import('@/features/approvals/ApprovalsPage').then((m) => ({ default: m.ApprovalsPage })),
);
const FreezesPage = lazy(() =>
  import('@/features/freezes/FreezesPage').then((m) => ({ default: m.FreezesPage })),
);
const ActivityPage = lazy(() =>
  import('@/features/activity/ActivityPage').then((m) => ({ default: m.ActivityPage })),
);

// A mistyped address is rare: its page is not worth the first page's bytes either.
const NotFoundPage = lazy(() =>
  import('./NotFoundPage').then((m) => ({ default: m.NotFoundPage })),
);

const SettingsPage = lazy(() =>
  import('@/features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })),
);

function served(area: Area, page: ReactNode) {
  return <Served area={area}>{page}</Served>;
}

/** The routes of the automation contract; each screen has its own error boundary. */
export function AppRoutes() {
  return (
    <RouteErrorBoundary>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<Navigate to="/devices" replace />} />
          <Route path="devices" element={served('devices', <DevicesPage />)} />
          <Route path="firmware" element={served('sites', <StatisticsPage />)} />
          <Route path="firmware/:deviceType" element={served('sites', <SiteTypePage />)} />
          <Route
            path="firmware/:deviceType/rollouts/:rolloutId"
            element={served('rollouts', <RolloutPage />)}
          />
          <Route path="servers" element={served('servers', <ServersPage />)} />
          <Route path="servers/:serverId" element={served('servers', <ServerPage />)} />
          <Route path="approvals" element={served('approvals', <ApprovalsPage />)} />
          <Route path="freezes" element={served('freezes', <FreezesPage />)} />
          <Route path="activity" element={served('activity', <ActivityPage />)} />
          <Route path="settings" element={served('settings', <SettingsPage />)} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </RouteErrorBoundary>
  );
}

export function AppRouter({ basePath }: { basePath: string }) {
  return (
    <BrowserRouter basename={basePath || '/'}>
      <AppRoutes />
    </BrowserRouter>
  );
}
