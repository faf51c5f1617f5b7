import { useMemo } from 'react';
import { oneOf, usePreference } from './preferences';

/** The browser's IANA time zone: the operator's, unless they asked for UTC. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The browser's language, which sets how dates and times are written. */
export function browserLocale(): string {
  const language = globalThis.navigator?.language;
  try {
    return language ? (Intl.DateTimeFormat.supportedLocalesOf(language)[0] ?? 'en-US') : 'en-US';
  } catch {
    return 'en-US';
  }
}

export const timeModes = ['local', 'utc'] as const;
export type TimeMode = (typeof timeModes)[number];

/** How the console writes instants: in which zone, in which locale. */
export interface TimeDisplay {
  mode: TimeMode;
  /** `UTC`, or the operator's zone. */
  zone: string;
  /** The operator's zone, whatever the mode (maintenance windows add it). */
  localZone: string;
  locale: string;
}

export function timeDisplay(mode: TimeMode): TimeDisplay {
  const localZone = browserTimeZone();
  return { mode, zone: mode === 'utc' ? 'UTC' : localZone, localZone, locale: browserLocale() };
}

/** Instants in the operator's zone and locale, or in UTC when they chose it (remembered). */
export function useTimeDisplay(): [TimeDisplay, (mode: TimeMode | null) => void] {
  const [mode, setMode] = usePreference<TimeMode>('times', 'local', oneOf(timeModes));
  // One object per mode, so memoized rows re-render only when the mode changes.
  const display = useMemo(() => timeDisplay(mode), [mode]);
  return [display, setMode];
}
