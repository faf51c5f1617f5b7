/**
 * All time-zone arithmetic of the console and the built-in fleet goes through this module.
 * It uses the platform's IANA data (Intl) and decides gaps and overlaps itself, by the rule
 * of Temporal's "compatible" disambiguation, instead of trusting a library's choice.
 */

export interface WallTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export interface ZonedParts extends WallTime {
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** True for any zone the platform knows (`UTC`, `Europe/Stockholm`, `Asia/Kathmandu`, …). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading of an instant in a zone. */
export function zonedParts(instant: number, timeZone: string): ZonedParts {
  const values: Record<string, string> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(instant))) {
    values[part.type] = part.value;
  }
  const number = (type: string) => Number.parseInt(values[type] ?? 'NaN', 10);
  return {
    year: number('year'),
    month: number('month'),
    day: number('day'),
    hour: number('hour'),
    minute: number('minute'),
    second: number('second'),
    weekday: weekdays.indexOf(values.weekday ?? ''),
  };
}

/** A wall time read as if it were UTC, in milliseconds: a plain number to compare and add. */
function wallAsUtc(wall: WallTime, second = 0): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, second);
}

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
export function offsetAt(instant: number, timeZone: string): number {
  const parts = zonedParts(instant, timeZone);
  return wallAsUtc(parts, parts.second) - Math.floor(instant / 1000) * 1000;
}

const DAY_MS = 86_400_000;

/**
 * The instant a wall time names in a zone, "compatible" with Temporal:
 * - a wall time that exists once is that instant;
 * - one that exists twice (the hour repeated when clocks fall back) is the earlier instant;
 * - one that does not exist (skipped when clocks spring forward) moves forward by the gap,
 *   e.g. 02:30 on the day New York skips 02:00–03:00 becomes 03:30 EDT.
 */
export function wallTimeToInstant(wall: WallTime, timeZone: string): number {
  const local = wallAsUtc(wall);
  // The offsets in force a day before and a day after bound every transition nearby.
  const before = offsetAt(local - DAY_MS, timeZone);
  const after = offsetAt(local + DAY_MS, timeZone);
  const candidates = [...new Set([local - before, local - after])].sort((a, b) => a - b);
  const exact = candidates.filter((instant) => {
    const parts = zonedParts(instant, timeZone);
    return wallAsUtc(parts) === local;
  });
  const earliest = exact[0];
  if (earliest !== undefined) return earliest;
  // In the gap: read the wall time with the offset from before the transition.
  return local - before;
}

/** The calendar date `days` after a date (plain calendar arithmetic, no zone involved). */
export function addDays(
  date: Pick<WallTime, 'year' | 'month' | 'day'>,
  days: number,
): { year: number; month: number; day: number; weekday: number } {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: moved.getUTCFullYear(),
    month: moved.getUTCMonth() + 1,
    day: moved.getUTCDate(),
    weekday: moved.getUTCDay(),
  };
}

/** Every IANA zone the platform knows, UTC first. */
export function timeZoneNames(): string[] {
  const zones =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...zones.filter((zone) => zone !== 'UTC')];
}
