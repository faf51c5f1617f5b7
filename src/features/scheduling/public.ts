// What the scheduling feature offers the others, on purpose.
import { lazy } from 'react';

/** Loaded when first opened: the form (react-hook-form, the zone list) stays out of the page. */
export const SchedulingDialog = lazy(() =>
  import('./SchedulingDialog').then((module) => ({ default: module.SchedulingDialog })),
);
export { SummaryPending } from './SummaryPending';
