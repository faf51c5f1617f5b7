import { z } from 'zod/mini';
import { named } from './registry';

function isIanaTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const Weekday = z
  .int()
  .check(
    z.minimum(0),
    z.maximum(6),
    z.core.describe('0 = Sunday … 6 = Saturday (as `Date.getDay()`).'),
  );

/** A recurring four-hour maintenance window, in the schedule's own time zone. */
export const MaintenanceSchedule = named(
  'MaintenanceSchedule',
  'A recurring four-hour window in which interruptive updates may install.',
  z
    .object({
      repeat: z.enum(['daily', 'weekly']),
      weekday: z.optional(Weekday).check(z.core.describe('Required when `repeat` is `weekly`.')),
      startTime: z
        .string()
        .check(
          z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use 24-hour HH:mm, e.g. 08:00'),
          z.core.describe('Wall-clock start, HH:mm, in `timeZone`.'),
        ),
      timeZone: z
        .string()
        .check(
          z.minLength(1),
          z.refine(isIanaTimeZone, 'Not a known IANA time zone'),
          z.core.describe('IANA time zone, e.g. `UTC`, `Europe/Stockholm`.'),
        ),
    })
    .check(
      z.refine((s) => s.repeat === 'daily' || s.weekday !== undefined, {
        message: 'Choose a day for a weekly window',
        path: ['weekday'],
      }),
    ),
);
export type MaintenanceSchedule = z.infer<typeof MaintenanceSchedule>;

/** When a device may install interruptive updates. */
export const DeviceSchedule = named(
  'DeviceSchedule',
  '`asap`: install as soon as a new software is found (checked every two hours). `window`: only inside the maintenance window.',
  z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('asap') }),
    z.object({ mode: z.literal('window'), window: MaintenanceSchedule }),
  ]),
);
export type DeviceSchedule = z.infer<typeof DeviceSchedule>;
