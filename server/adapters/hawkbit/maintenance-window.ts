/**
 * A console maintenance window as hawkBit takes it with an assignment. hawkBit's window is a
 * Quartz cron, a duration (`HH:mm:ss`) and a fixed UTC offset (`+02:00`; it refuses IANA zone
 * names), so on its own it would move by an hour at every daylight-saving change. The
 * console's server therefore hands hawkBit the next window of the console's rule
 * (`nextMaintenanceWindow`, in the schedule's IANA zone) written in the offset in force at
 * that window's start, and issues it again whenever the next window's cron or offset
 * differs from what hawkBit holds (`needsReissue`): what hawkBit is told always opens at the
 * instant the console shows.
 */
import type { MaintenanceSchedule } from '../../../src/api/schedules';
import { nextMaintenanceWindow, WINDOW_MS } from '../../../src/domain/maintenance-window';
import { offsetAt } from '../../../src/lib/time-zone';

/** hawkBit's `MgmtMaintenanceWindowRequestBody`. */
export interface HawkbitMaintenanceWindow {
  /** Quartz: `sec min hour day-of-month month day-of-week`. */
  schedule: string;
  /** `HH:mm:ss`, at most 23:59:59. */
  duration: string;
  /** A fixed offset, `+HH:mm` or `-HH:mm`. */
  timezone: string;
}

/** Quartz's day-of-week names, Sunday first (as `Date.getUTCDay()`). */
export const QUARTZ_DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

const two = (value: number) => String(value).padStart(2, '0');

/** `+05:45`, `-03:30`, `+00:00`: an offset in milliseconds as hawkBit writes it. */
export function offsetText(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  return `${offsetMs < 0 ? '-' : '+'}${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
}

/** `04:00:00` for the console's four hours. */
export function durationText(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
}

/**
 * The window hawkBit is given at `now`: the console's next window (or the one in progress),
 * in the offset in force at its start.
 */
export function hawkbitWindow(schedule: MaintenanceSchedule, now: Date): HawkbitMaintenanceWindow {
  const start = nextMaintenanceWindow(schedule, now).start.getTime();
  const offset = offsetAt(start, schedule.timeZone);
  // The start's wall time in that fixed offset, read with the UTC getters.
  const wall = new Date(start + offset);
  const at = `0 ${wall.getUTCMinutes()} ${wall.getUTCHours()}`;
  return {
    schedule:
      schedule.repeat === 'weekly'
        ? `${at} ? * ${QUARTZ_DAYS[wall.getUTCDay()] ?? 'SUN'}`
        : `${at} * * ?`,
    duration: durationText(WINDOW_MS),
    timezone: offsetText(offset),
  };
}

/** Whether hawkBit must be given the window again: the next one differs from what it holds. */
export function needsReissue(
  held: HawkbitMaintenanceWindow,
  schedule: MaintenanceSchedule,
  now: Date,
): boolean {
  const next = hawkbitWindow(schedule, now);
  return (
    next.schedule !== held.schedule ||
    next.timezone !== held.timezone ||
    next.duration !== held.duration
  );
}
