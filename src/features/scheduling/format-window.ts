import type { MaintenanceWindow } from './maintenance-window';

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();
const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function cached(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  let format = cache.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { ...options, timeZone });
    cache.set(timeZone, format);
  }
  return format;
}

/** ICU puts narrow no-break spaces before AM/PM; operators and test suites expect spaces. */
const plainSpaces = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

/** "November 9, 2024" in the zone. */
export function formatZonedDate(instant: Date, timeZone: string): string {
  return plainSpaces(
    cached(dateFormats, timeZone, { year: 'numeric', month: 'long', day: 'numeric' }).format(
      instant,
    ),
  );
}

/** "8:00 AM" in the zone. */
export function formatZonedTime(instant: Date, timeZone: string): string {
  return plainSpaces(
    cached(timeFormats, timeZone, { hour: 'numeric', minute: '2-digit' }).format(instant),
  );
}

/** "UTC", "EST", "GMT+5:45": the zone's short name at that instant. */
export function zoneAbbreviation(instant: Date, timeZone: string): string {
  const parts = cached(zoneFormats, timeZone, { timeZoneName: 'short' }).formatToParts(instant);
  return plainSpaces(parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone);
}

/** "November 9, 2024, 8:00 AM UTC" (with the IANA name where the short name is not UTC). */
export function formatZonedInstant(instant: Date, timeZone: string): string {
  return `${formatZonedDate(instant, timeZone)}, ${formatZonedTime(instant, timeZone)} ${zoneLabel(
    zoneAbbreviation(instant, timeZone),
    timeZone,
  )}`;
}

function zoneLabel(abbreviation: string, timeZone: string): string {
  return abbreviation === 'UTC' || abbreviation === timeZone
    ? abbreviation
    : `${abbreviation} (${timeZone})`;
}

/**
 * A window in the schedule's zone, as the seed writes it:
 * "November 9, 2024, 8:00 AM – 12:00 PM UTC". A window that crosses midnight names both
 * dates; one that crosses a DST change names the zone's name at each end.
 */
export function formatMaintenanceWindow(window: MaintenanceWindow, timeZone: string): string {
  const startDate = formatZonedDate(window.start, timeZone);
  const endDate = formatZonedDate(window.end, timeZone);
  const startZone = zoneAbbreviation(window.start, timeZone);
  const endZone = zoneAbbreviation(window.end, timeZone);
  const start = `${startDate}, ${formatZonedTime(window.start, timeZone)}`;
  const endTime = formatZonedTime(window.end, timeZone);
  const end = startDate === endDate ? endTime : `${endDate}, ${endTime}`;
  if (startZone === endZone) return `${start} – ${end} ${zoneLabel(startZone, timeZone)}`;
  return `${start} ${startZone} – ${end} ${endZone}${timeZone === 'UTC' ? '' : ` (${timeZone})`}`;
}
