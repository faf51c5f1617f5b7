import { weekdayNames } from '@/domain/format-window';
import { z } from 'zod/mini';
import { MaintenanceSchedule, type DeviceSchedule } from '@/api/schedules';

/**
 * The scheduling form: the frequency, and the window's fields (kept while "as soon as" is
 * chosen, so switching back does not lose them). Validated with the contract's own schema.
 */
export const ScheduleFormSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('asap'),
    window: z.object({
      repeat: z.enum(['daily', 'weekly']),
      weekday: z.number(),
      startTime: z.string(),
      timeZone: z.string(),
    }),
  }),
  z.object({
    mode: z.literal('window'),
    window: z.safeExtend(MaintenanceSchedule, {
      weekday: z.int().check(z.minimum(0), z.maximum(6)),
    }),
  }),
]);
export type ScheduleFormValues = z.input<typeof ScheduleFormSchema>;

/** The product's example window: every day at 08:00 UTC. */
export const defaultWindow = {
  repeat: 'daily' as const,
  weekday: 1,
  startTime: '08:00',
  timeZone: 'UTC',
};

/**
 * The form's first values: the devices' shared schedule, or for a new window the product's
 * 08:00 every day in the operator's own zone (`zone`, UTC if unknown).
 */
export function formDefaults(current: DeviceSchedule | null, zone = 'UTC'): ScheduleFormValues {
  const proposed = { ...defaultWindow, timeZone: zone };
  if (current?.mode === 'window') {
    return {
      mode: 'window',
      window: { ...proposed, ...current.window, weekday: current.window.weekday ?? 1 },
    };
  }
  return { mode: 'asap', window: proposed };
}

/** What the form means, in the contract's shape. */
export function toSchedule(values: ScheduleFormValues): DeviceSchedule {
  if (values.mode === 'asap') return { mode: 'asap' };
  const { repeat, weekday, startTime, timeZone } = values.window;
  return {
    mode: 'window',
    window:
      repeat === 'weekly'
        ? { repeat, weekday, startTime, timeZone }
        : { repeat, startTime, timeZone },
  };
}

/** The window the form describes, if it is complete and valid; null otherwise. */
export function windowOf(values: ScheduleFormValues): MaintenanceSchedule | null {
  if (values.mode !== 'window') return null;
  const schedule = toSchedule(values);
  const parsed = MaintenanceSchedule.safeParse(schedule.mode === 'window' ? schedule.window : null);
  return parsed.success ? parsed.data : null;
}

/** Monday first, as operators read a week. */
export const weekdayOptions = [1, 2, 3, 4, 5, 6, 0].map((value) => ({
  value,
  label: weekdayNames[value] ?? '',
}));

export { timeZoneOptions } from '@/lib/time-zone-options';
