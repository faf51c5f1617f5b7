/**
 * When a hawkBit maintenance window opens: its Quartz cron read in its fixed UTC offset, as
 * hawkBit's `MaintenanceScheduleHelper` does. The stand-in understands the crons that a
 * daily or weekly window needs — `s m h * * ?`, `s m h ? * DAY` (names or 1–7, Sunday = 1)
 * and `s m h d * ?` — and refuses the rest by name.
 */
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const DAY_MS = 86_400_000;

function number(field: string | undefined, min: number, max: number, what: string): number {
  const value = Number(field);
  if (!/^\d+$/.test(field ?? '') || value < min || value > max) {
    throw new RangeError(
      `The stand-in reads ${what} as a number from ${min} to ${max}, not "${field}"`,
    );
  }
  return value;
}

function weekday(field: string): number {
  const named = DAYS.indexOf(field.toUpperCase());
  if (named >= 0) return named;
  return number(field, 1, 7, 'a day of the week') - 1;
}

/** `+02:00` → milliseconds east of UTC. */
export function parseOffset(timezone: string): number {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(timezone);
  if (!match)
    throw new RangeError(
      `A hawkBit window's timezone is an offset such as +02:00, not "${timezone}"`,
    );
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return (match[1] === '-' ? -1 : 1) * minutes * 60_000;
}

/** `HH:mm:ss` → milliseconds. */
export function parseDuration(duration: string): number {
  const match = /^(\d{2}):([0-5]\d):([0-5]\d)$/.exec(duration);
  if (!match) throw new RangeError(`A hawkBit window's duration is HH:mm:ss, not "${duration}"`);
  return ((Number(match[1]) * 60 + Number(match[2])) * 60 + Number(match[3])) * 1000;
}

/** The first instant at or after `from` at which the cron fires, in the fixed `timezone`. */
export function nextFire(cron: string, timezone: string, from: number): number {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 6 && fields.length !== 7) {
    throw new RangeError(`A Quartz cron has 6 or 7 fields, not "${cron}"`);
  }
  const [secondField, minuteField, hourField, dayField = '*', monthField, dowField = '?'] = fields;
  if (monthField !== '*')
    throw new RangeError(`The stand-in reads only * as the month, not "${monthField}"`);
  const second = number(secondField, 0, 59, 'the second');
  const minute = number(minuteField, 0, 59, 'the minute');
  const hour = number(hourField, 0, 23, 'the hour');
  const dayOfMonth =
    dayField === '*' || dayField === '?'
      ? undefined
      : number(dayField, 1, 31, 'the day of the month');
  const dayOfWeek = dowField === '*' || dowField === '?' ? undefined : weekday(dowField);
  const offset = parseOffset(timezone);
  // Walk the days of the offset's wall clock from the day of `from`; 62 reach any day of a month.
  const firstDay = Math.floor((from + offset) / DAY_MS) * DAY_MS;
  for (let day = 0; day <= 62; day += 1) {
    const midnight = firstDay + day * DAY_MS;
    const date = new Date(midnight);
    if (dayOfWeek !== undefined && date.getUTCDay() !== dayOfWeek) continue;
    if (dayOfMonth !== undefined && date.getUTCDate() !== dayOfMonth) continue;
    const fire = midnight + ((hour * 60 + minute) * 60 + second) * 1000 - offset;
    if (fire >= from) return fire;
  }
  throw new RangeError(`The cron "${cron}" does not fire within two months`);
}

/** The window open at `now`, or the next one: `[start, end)`. */
export function windowAt(
  window: { schedule: string; duration: string; timezone: string },
  now: number,
): { start: number; end: number } {
  const duration = parseDuration(window.duration);
  const start = nextFire(window.schedule, window.timezone, now - duration + 1);
  return { start, end: start + duration };
}
