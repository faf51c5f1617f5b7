import { lazy, Suspense, useState } from 'react';

const NoticeSnackbar = lazy(() => import('./NoticeSnackbar'));

/** What an action did, announced (role `status`) and dismissed by itself after 8 s. */
export function Notice({ message, onClose }: { message: string | null; onClose: () => void }) {
  // Once shown, it stays mounted, so it can close with its transition.
  const [shown, setShown] = useState(false);
  if (message !== null && !shown) setShown(true);
  if (!shown) return null;
  return (
    <Suspense fallback={null}>
      <NoticeSnackbar message={message} onClose={onClose} />
    </Suspense>
  );
}
