import { render, type RenderResult } from '@testing-library/react';
import { useEffect, type ReactElement } from 'react';
import { MemoryRouter, Route, Routes, useLocation, type Location } from 'react-router';
import { AppProviders } from '@/app/AppProviders';
import { createQueryClient } from '@/app/query-client';

export interface TestRoute {
  path: string;
  element: ReactElement;
}

/** Keeps the router's current location where a test can read it. */
function LocationProbe({ onLocation }: { onLocation: (location: Location) => void }) {
  const location = useLocation();
  useEffect(() => onLocation(location), [location, onLocation]);
  return null;
}

/**
 * Renders routes at a URL inside the app's providers, with a fresh QueryClient that does
 * not retry, so an error path shows at once. `location()` is where the router is now.
 */
export function renderRoute(
  routes: TestRoute[],
  url: string,
): RenderResult & { location: () => Location } {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({
    queries: { ...queryClient.getDefaultOptions().queries, retry: false, staleTime: Infinity },
  });
  let current: Location | null = null;
  const onLocation = (location: Location) => {
    current = location;
  };
  const result = render(
    <AppProviders queryClient={queryClient}>
      <MemoryRouter initialEntries={[url]}>
        <LocationProbe onLocation={onLocation} />
        <Routes>
          {routes.map((route) => (
            <Route key={route.path} path={route.path} element={route.element} />
          ))}
        </Routes>
      </MemoryRouter>
    </AppProviders>,
  );
  return Object.assign(result, {
    location: () => {
      if (!current) throw new Error('The router has not rendered yet');
      return current;
    },
  });
}

export function renderAt(element: ReactElement, path: string, url: string = path) {
  return renderRoute([{ path, element }], url);
}
