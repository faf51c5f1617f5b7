import Alert from '@mui/material/Alert';
import { onlineManager } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  return onlineManager.subscribe(onChange);
}

/**
 * Says when the browser has lost the network. Queries pause meanwhile and refetch by
 * themselves when it returns (TanStack Query's online manager), so the banner goes away alone.
 */
export function OfflineBanner() {
  const online = useSyncExternalStore(subscribe, () => onlineManager.isOnline());
  if (online) return null;
  return (
    <Alert severity="warning" role="status" sx={{ mb: 2 }}>
      You are offline. The console shows the last data it received and refreshes by itself when the
      connection returns.
    </Alert>
  );
}
