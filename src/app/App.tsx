import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { AppProviders } from './AppProviders';
import { createQueryClient } from './query-client';
import { createRouter } from './router';

export function App({ basePath }: { basePath: string }) {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createRouter(basePath));
  return (
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
