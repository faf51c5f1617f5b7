import type { TimeDisplay } from '@/lib/time-display';
import { formatZonedInstant } from '@/lib/zoned-format';
import { formatWindowForOperator } from './format-window';
import { nextWindowOutsideFreezes, type FreezeSpan } from './freezes';
import type { MaintenanceSchedule } from './maintenance-window';

/**
 * The next maintenance window outside the change freezes, for the operator: the window, and
 * where a freeze moved it, which one and until when ("… (moved after the change freeze
 * “Holiday freeze”, until January 7, 2027, 12:00 AM CET)").
 */
export function formatNextWindow(
  schedule: MaintenanceSchedule,
  now: Date,
  spans: readonly FreezeSpan[],
  display: TimeDisplay,
): string {
  const { window, movedBy } = nextWindowOutsideFreezes(schedule, now, spans);
  const words = formatWindowForOperator(window, schedule.timeZone, display);
  if (!movedBy) return words;
  return `${words} (moved after the change freeze “${movedBy.name}”, until ${frozenUntil(movedBy, display)})`;
}

/** When a freeze ends, in its zone: "January 7, 2027, 12:00 AM CET (Europe/Berlin)". */
export function frozenUntil(span: FreezeSpan, display: Pick<TimeDisplay, 'locale'>): string {
  return formatZonedInstant(new Date(span.end), span.timeZone, display.locale);
}

/** "Nord GSM is frozen until … by “Holiday freeze”, a freeze of the whole fleet". */
export function frozenWords(deviceType: string | null, span: FreezeSpan): string {
  const what = deviceType === null ? 'The devices are' : `${deviceType} is`;
  const whole = span.deviceType === null ? ', a freeze of the whole fleet' : '';
  return `${what} ${frozenUntilWords(span)}${whole}`;
}

/** "frozen until January 7, 2027, 12:00 AM CET (Europe/Berlin) by “Holiday freeze”" */
export function frozenUntilWords(span: FreezeSpan): string {
  return `frozen until ${formatZonedInstant(new Date(span.end), span.timeZone)} by “${span.name}”`;
}
