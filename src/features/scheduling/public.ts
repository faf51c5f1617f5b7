// What the scheduling feature offers the others, on purpose.
export { SchedulingDialog } from './SchedulingDialog';
export { nextMaintenanceWindow } from './maintenance-window';
export { formatMaintenanceWindow, formatZonedInstant } from './format-window';
export { describeWindow } from './schedule-form';
export { schedulingQueries } from './scheduling-queries';
export { SummaryPending } from './SummaryPending';
