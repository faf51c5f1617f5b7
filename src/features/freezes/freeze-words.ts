import type { Freeze } from '@/api/freezes';
import { parseDay } from '@/domain/freezes';

/** "December 20, 2026" from "2026-12-20" (a calendar day: no zone moves it). */
export function dayWords(text: string): string {
  const day = parseDay(text);
  if (!day) return text;
  return new Date(Date.UTC(day.year, day.month - 1, day.day)).toLocaleDateString('en-US', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  });
}

/** "December 20, 2026 – January 6, 2027 (Europe/Berlin), both days included" */
export function freezeDays(freeze: Pick<Freeze, 'firstDay' | 'lastDay' | 'timeZone'>): string {
  const days =
    freeze.firstDay === freeze.lastDay
      ? dayWords(freeze.firstDay)
      : `${dayWords(freeze.firstDay)} – ${dayWords(freeze.lastDay)}`;
  return `${days} (${freeze.timeZone})`;
}
