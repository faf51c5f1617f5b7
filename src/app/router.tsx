import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { Layout, PageLoading } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { RouteError } from './RouteError';

/** The routes of the automation contract; each screen is its own chunk with its own boundary. */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <PageLoading />,
    children: [
      { index: true, element: <Navigate to="/devices" replace /> },
      {
        path: 'devices',
        errorElement: <RouteError />,
        lazy: async () => {
          const { DevicesPage } = await import('@/features/devices/DevicesPage');
          return { Component: DevicesPage };
        },
      },
      {
        path: 'firmware',
        errorElement: <RouteError />,
        lazy: async () => {
          const { StatisticsPage } = await import('@/features/firmware/StatisticsPage');
          return { Component: StatisticsPage };
        },
      },
      {
        path: 'firmware/:deviceType',
        errorElement: <RouteError />,
        lazy: async () => {
          const { SiteTypePage } = await import('@/features/firmware/SiteTypePage');
          return { Component: SiteTypePage };
        },
      },
      {
        path: 'servers',
        errorElement: <RouteError />,
        lazy: async () => {
          const { ServersPage } = await import('@/features/servers/ServersPage');
          return { Component: ServersPage };
        },
      },
      {
        path: 'servers/:serverId',
        errorElement: <RouteError />,
        lazy: async () => {
          const { ServerPage } = await import('@/features/servers/ServerPage');
          return { Component: ServerPage };
        },
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createRouter(basePath: string) {
  return createBrowserRouter(routes, { basename: basePath || '/' });
}
