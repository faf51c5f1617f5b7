import { addDays, wallTimeToInstant } from '@/lib/time-zone';
import {
  nextMaintenanceWindow,
  type MaintenanceSchedule,
  type MaintenanceWindow,
} from './maintenance-window';

/**
 * Change freezes as the rules see them: spans of time in which no maintenance window, update
 * or wave starts. The console (tooltips, the scheduling dialog, the forecast) and the built-in
 * fleet (which runs the windows and the waves) decide with these functions alone.
 */
export interface FreezeSpan {
  id: string;
  name: string;
  /** Null: the whole fleet (every device and every device type). */
  deviceType: string | null;
  /** When it holds from (ms): its first day's 00:00, or its creation if that was later. */
  start: number;
  /** When it stops holding (ms): the day after its last day at 00:00, or when it was ended. */
  end: number;
  /** When it was created: a window that had begun by then is not moved by it. */
  since: number;
  timeZone: string;
}

export interface Day {
  year: number;
  month: number;
  day: number;
}

const pad = (value: number) => String(value).padStart(2, '0');
/** A day as a date field writes it: 2026-12-21. */
export const dayText = (day: Day) => `${day.year}-${pad(day.month)}-${pad(day.day)}`;

/** 2026-12-20 as a day, or null when it is not a calendar day. */
export function parseDay(text: string): Day | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = addDays({ year, month, day }, 0);
  return check.year === year && check.month === month && check.day === day
    ? { year, month, day }
    : null;
}

/** A freeze's first day to its last, inclusive, in its zone, as instants (ms). */
export function freezeInstants(
  firstDay: string,
  lastDay: string,
  timeZone: string,
): { start: number; end: number } | null {
  const first = parseDay(firstDay);
  const last = parseDay(lastDay);
  if (!first || !last) return null;
  const start = wallTimeToInstant({ ...first, hour: 0, minute: 0 }, timeZone);
  const end = wallTimeToInstant({ ...addDays(last, 1), hour: 0, minute: 0 }, timeZone);
  return end > start ? { start, end } : null;
}

/** The freezes that bind a device type (`null`: the devices, which only the fleet's bind). */
export function freezesBinding(
  spans: readonly FreezeSpan[],
  deviceType: string | null,
): FreezeSpan[] {
  return spans.filter(
    (span) => span.end > span.start && (span.deviceType === null || span.deviceType === deviceType),
  );
}

/**
 * The freeze in force at `at`, if any. Where freezes touch or overlap, the one returned is
 * the last of the chain, so its end is the first instant from `at` outside every freeze.
 */
export function freezeAt(spans: readonly FreezeSpan[], at: number): FreezeSpan | null {
  let found: FreezeSpan | null = null;
  let t = at;
  for (;;) {
    const next = spans
      .filter((span) => span.start <= t && span.end > t)
      .sort((a, b) => b.end - a.end)[0];
    if (!next) return found;
    found = next;
    t = next.end;
  }
}

/** The first instant from `at` outside every freeze. */
export function thawed(spans: readonly FreezeSpan[], at: number): number {
  return freezeAt(spans, at)?.end ?? at;
}

/** The freeze a window would run into (one begun before the freeze was created runs on). */
export function freezeOverlapping(
  spans: readonly FreezeSpan[],
  window: { start: number; end: number },
): FreezeSpan | null {
  return (
    spans.find(
      (span) => window.start < span.end && window.end > span.start && window.start >= span.since,
    ) ?? null
  );
}

/** At most this many windows are passed over (a freeze is at most 92 days; a window daily). */
const MAX_SKIPPED = 400;

export interface WindowOutsideFreezes {
  window: MaintenanceWindow;
  /** The first freeze that moved it (null: the rule's own next window). */
  movedBy: FreezeSpan | null;
}

/**
 * The maintenance-window rule with freezes: the next window (see `nextMaintenanceWindow`)
 * that does not start inside a freeze nor run into one. A window that had begun before the
 * freeze was created runs on.
 */
export function nextWindowOutsideFreezes(
  schedule: MaintenanceSchedule,
  now: Date,
  spans: readonly FreezeSpan[],
): WindowOutsideFreezes {
  let movedBy: FreezeSpan | null = null;
  let cursor = now;
  for (let skipped = 0; skipped < MAX_SKIPPED; skipped += 1) {
    const window = nextMaintenanceWindow(schedule, cursor);
    const frozen = freezeOverlapping(spans, {
      start: window.start.getTime(),
      end: window.end.getTime(),
    });
    if (!frozen) return { window, movedBy };
    movedBy ??= frozen;
    // The next window ends after this one's end.
    cursor = window.end;
  }
  throw new Error('No maintenance window outside the freezes');
}

/** A freeze as the contract answers it (`Freeze` in src/api/freezes.ts). */
export interface FreezeFacts {
  id: string;
  name: string;
  deviceType: string | null;
  startsAt: string;
  endsAt: string;
  createdAt: string;
  timeZone: string;
}

/** The freezes as the window rule reads them: from their start or creation, to their end. */
export function freezeSpans(items: readonly FreezeFacts[]): FreezeSpan[] {
  return items.map((freeze) => {
    const created = Date.parse(freeze.createdAt);
    const end = Date.parse(freeze.endsAt);
    return {
      id: freeze.id,
      name: freeze.name,
      deviceType: freeze.deviceType,
      start: Math.min(Math.max(Date.parse(freeze.startsAt), created), end),
      end,
      since: created,
      timeZone: freeze.timeZone,
    };
  });
}
