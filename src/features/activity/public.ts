// What the activity feature offers the others, on purpose.
import { lazy } from 'react';

/** Loaded when first opened, not with the screen that offers it. */
export const HistoryDialog = lazy(() => import('./HistoryDialog'));
