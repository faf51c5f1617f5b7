import { describe, expect, it } from 'vitest';
import {
  addDays,
  isValidTimeZone,
  offsetAt,
  timeZoneNames,
  wallTimeToInstant,
  zonedParts,
} from './time-zone';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

describe('time zones', () => {
  it('knows the IANA zones of the platform and refuses others', () => {
    expect(isValidTimeZone('Europe/Stockholm')).toBe(true);
    expect(isValidTimeZone('Asia/Kathmandu')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(timeZoneNames()[0]).toBe('UTC');
    expect(timeZoneNames()).toContain('America/New_York');
  });

  it('reads an instant on a zone’s wall clock, weekday included', () => {
    expect(zonedParts(at('2024-11-09T23:30:00Z'), 'Asia/Kathmandu')).toEqual({
      year: 2024,
      month: 11,
      day: 10,
      hour: 5,
      minute: 15,
      second: 0,
      weekday: 0,
    });
  });

  it('gives the offset east of UTC, summer and winter', () => {
    expect(offsetAt(at('2024-07-01T12:00:00Z'), 'Europe/Stockholm')).toBe(2 * HOUR);
    expect(offsetAt(at('2024-12-01T12:00:00Z'), 'Europe/Stockholm')).toBe(1 * HOUR);
    expect(offsetAt(at('2024-12-01T12:00:00Z'), 'America/New_York')).toBe(-5 * HOUR);
    expect(offsetAt(at('2024-12-01T12:00:00Z'), 'Asia/Kathmandu')).toBe(5.75 * HOUR);
  });

  it('reads a wall time that exists once as that instant', () => {
    const wall = { year: 2024, month: 11, day: 9, hour: 8, minute: 0 };
    expect(wallTimeToInstant(wall, 'UTC')).toBe(at('2024-11-09T08:00:00Z'));
    expect(wallTimeToInstant(wall, 'Europe/Stockholm')).toBe(at('2024-11-09T07:00:00Z'));
  });

  it('moves a wall time in a spring-forward gap forward by the gap', () => {
    // New York skipped 02:00–03:00 on 10 March 2024: 02:30 is read as 03:30 EDT.
    const wall = { year: 2024, month: 3, day: 10, hour: 2, minute: 30 };
    expect(wallTimeToInstant(wall, 'America/New_York')).toBe(at('2024-03-10T07:30:00Z'));
  });

  it('reads a wall time repeated when clocks fall back as the earlier instant', () => {
    // New York repeated 01:00–02:00 on 3 November 2024: 01:30 EDT comes first.
    const wall = { year: 2024, month: 11, day: 3, hour: 1, minute: 30 };
    expect(wallTimeToInstant(wall, 'America/New_York')).toBe(at('2024-11-03T05:30:00Z'));
  });

  it('adds calendar days across months and years, with the weekday', () => {
    expect(addDays({ year: 2024, month: 12, day: 30 }, 3)).toEqual({
      year: 2025,
      month: 1,
      day: 2,
      weekday: 4,
    });
    expect(addDays({ year: 2024, month: 3, day: 1 }, -1)).toEqual({
      year: 2024,
      month: 2,
      day: 29,
      weekday: 4,
    });
  });
});
