import { addDays, wallTimeToInstant, zonedParts } from '@/lib/time-zone';
import type { MaintenanceSchedule } from '@/api/schedules';

/** `{ repeat: 'daily' | 'weekly'; weekday?: 0–6 (Sunday = 0); startTime: 'HH:mm'; timeZone: IANA }`, from the contract. */
export type { MaintenanceSchedule };

export interface MaintenanceWindow {
  start: Date;
  end: Date;
}

/** Every window lasts four hours of elapsed time. */
export const WINDOW_MS = 4 * 60 * 60 * 1000;

function parseStartTime(startTime: string): { hour: number; minute: number } {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(startTime);
  if (!match) throw new RangeError(`Start time must be HH:mm, got "${startTime}"`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/**
 * The maintenance-window rule, the single source of truth for the scheduling dialog, the
 * device tooltips and the built-in fleet.
 *
 * The next window is the earliest window whose end is after `now` (a window in progress is
 * returned). It starts at the chosen wall-clock time on the chosen day in the schedule's
 * zone (a time skipped by a DST change moves forward by the gap; a repeated one takes the
 * earlier instant) and ends 4 hours of elapsed time later.
 */
export function nextMaintenanceWindow(schedule: MaintenanceSchedule, now: Date): MaintenanceWindow {
  const { hour, minute } = parseStartTime(schedule.startTime);
  if (schedule.repeat === 'weekly') {
    const weekday = schedule.weekday;
    if (weekday === undefined || !Number.isInteger(weekday) || weekday < 0 || weekday > 6) {
      throw new RangeError('A weekly window needs a weekday from 0 (Sunday) to 6 (Saturday)');
    }
  }
  const nowMs = now.getTime();
  const today = zonedParts(nowMs, schedule.timeZone);
  // Yesterday's window may still be running; a weekly one recurs within 8 days.
  for (let offset = -1; offset <= 8; offset += 1) {
    const date = addDays(today, offset);
    if (schedule.repeat === 'weekly' && date.weekday !== schedule.weekday) continue;
    const start = wallTimeToInstant({ ...date, hour, minute }, schedule.timeZone);
    const end = start + WINDOW_MS;
    if (end > nowMs) return { start: new Date(start), end: new Date(end) };
  }
  // Unreachable: some day in any 8 has the weekday, and its window ends after now.
  throw new Error('No maintenance window found');
}
