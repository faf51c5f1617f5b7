import { useState } from 'react';
import { AppProviders } from './AppProviders';
import { createQueryClient } from './query-client';
import { AppRouter } from './router';

export function App({ basePath }: { basePath: string }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <AppProviders queryClient={queryClient}>
      <AppRouter basePath={basePath} />
    </AppProviders>
  );
}
