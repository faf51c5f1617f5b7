// What the staged rollouts offer the other features, on purpose.
import { lazy } from 'react';

export { RolloutsPanel } from './RolloutsPanel';
export { RolloutPreview } from './RolloutPreview';

/** Loaded when first opened, not with the screen that offers it. */
export const PlanRolloutDialog = lazy(() =>
  import('./PlanRolloutDialog').then((m) => ({ default: m.PlanRolloutDialog })),
);
