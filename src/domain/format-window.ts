import type { TimeDisplay } from '@/lib/time-display';
import { formatZonedDate, formatZonedTime, zoneAbbreviation, zoneLabel } from '@/lib/zoned-format';
import type { MaintenanceSchedule, MaintenanceWindow } from './maintenance-window';

/**
 * A window in the schedule's zone, as the product writes it:
 * "November 9, 2024, 8:00 AM – 12:00 PM UTC". A window that crosses midnight names both
 * dates; one that crosses a DST change names the zone's name at each end.
 */
export function formatMaintenanceWindow(
  window: MaintenanceWindow,
  timeZone: string,
  locale = 'en-US',
): string {
  const startDate = formatZonedDate(window.start, timeZone, locale);
  const endDate = formatZonedDate(window.end, timeZone, locale);
  const startZone = zoneAbbreviation(window.start, timeZone, locale);
  const endZone = zoneAbbreviation(window.end, timeZone, locale);
  const start = `${startDate}, ${formatZonedTime(window.start, timeZone, locale)}`;
  const endTime = formatZonedTime(window.end, timeZone, locale);
  const end = startDate === endDate ? endTime : `${endDate}, ${endTime}`;
  if (startZone === endZone) return `${start} – ${end} ${zoneLabel(startZone, timeZone)}`;
  return `${start} ${startZone} – ${end} ${endZone}${timeZone === 'UTC' ? '' : ` (${timeZone})`}`;
}

/**
 * The window in its schedule's own zone, and, where it reads differently, in the operator's
 * (or in UTC when they chose UTC): "November 9, 2024, 8:00 AM – 12:00 PM UTC — 9:00 AM –
 * 1:00 PM in your time zone". The other zone's date is named only when it differs.
 */
export function formatWindowForOperator(
  window: MaintenanceWindow,
  timeZone: string,
  display: TimeDisplay,
): string {
  const own = formatMaintenanceWindow(window, timeZone, display.locale);
  const other = display.zone;
  const at = (instant: Date, zone: string) =>
    `${formatZonedDate(instant, zone, display.locale)} ${formatZonedTime(instant, zone, display.locale)}`;
  if (other === timeZone || at(window.start, other) === at(window.start, timeZone)) return own;
  const startDate = formatZonedDate(window.start, other, display.locale);
  const endDate = formatZonedDate(window.end, other, display.locale);
  const start = formatZonedTime(window.start, other, display.locale);
  const end = formatZonedTime(window.end, other, display.locale);
  const sameDay = startDate === formatZonedDate(window.start, timeZone, display.locale);
  const range =
    startDate === endDate
      ? `${sameDay ? '' : `${startDate}, `}${start} – ${end}`
      : `${startDate}, ${start} – ${endDate}, ${end}`;
  return `${own} — ${range} ${display.mode === 'utc' ? 'UTC' : 'in your time zone'}`;
}

export const weekdayNames = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

/** "Every day at 08:00 (UTC)", "Every Sunday at 12:00 (Europe/Stockholm)". */
export function describeWindow(window: MaintenanceSchedule): string {
  const day =
    window.repeat === 'weekly' ? `Every ${weekdayNames[window.weekday ?? 0]}` : 'Every day';
  return `${day} at ${window.startTime} (${window.timeZone})`;
}
