import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../mocks/fleet/random';
import { zonedParts } from '@/lib/time-zone';
import { nextMaintenanceWindow, WINDOW_MS, type MaintenanceSchedule } from './maintenance-window';

const daily = (startTime: string, timeZone: string): MaintenanceSchedule => ({
  repeat: 'daily',
  startTime,
  timeZone,
});
const weekly = (weekday: number, startTime: string, timeZone: string): MaintenanceSchedule => ({
  repeat: 'weekly',
  weekday,
  startTime,
  timeZone,
});
const at = (iso: string) => new Date(iso);
const window = (schedule: MaintenanceSchedule, now: string) => {
  const { start, end } = nextMaintenanceWindow(schedule, at(now));
  return { start: start.toISOString(), end: end.toISOString() };
};

describe('nextMaintenanceWindow: the product’s examples', () => {
  it('every day at 08:00 UTC, before the window: that morning', () => {
    expect(window(daily('08:00', 'UTC'), '2024-11-09T06:00:00Z')).toEqual({
      start: '2024-11-09T08:00:00.000Z',
      end: '2024-11-09T12:00:00.000Z',
    });
  });

  it('every week on Sunday at 12:00 UTC, seen on a Saturday: November 10', () => {
    expect(window(weekly(0, '12:00', 'UTC'), '2024-11-09T15:00:00Z')).toEqual({
      start: '2024-11-10T12:00:00.000Z',
      end: '2024-11-10T16:00:00.000Z',
    });
  });
});

describe('nextMaintenanceWindow: which window is next', () => {
  it('returns a window in progress', () => {
    expect(window(daily('08:00', 'UTC'), '2024-11-09T11:59:59Z').start).toBe(
      '2024-11-09T08:00:00.000Z',
    );
  });

  it('moves on once the window has ended (its end is not after now)', () => {
    expect(window(daily('08:00', 'UTC'), '2024-11-09T12:00:00Z').start).toBe(
      '2024-11-10T08:00:00.000Z',
    );
  });

  it('returns a window that began yesterday and runs past midnight', () => {
    // 22:00 CET is 21:00 UTC; at 00:30 local the window (until 02:00 local) is running.
    expect(window(daily('22:00', 'Europe/Stockholm'), '2024-11-09T23:30:00Z')).toEqual({
      start: '2024-11-09T21:00:00.000Z',
      end: '2024-11-10T01:00:00.000Z',
    });
  });

  it('returns the window starting now', () => {
    expect(window(daily('08:00', 'UTC'), '2024-11-09T08:00:00Z').start).toBe(
      '2024-11-09T08:00:00.000Z',
    );
  });
});

describe('nextMaintenanceWindow: clocks springing forward (the gap moves the start forward)', () => {
  it('New York, 02:30 on 10 March 2024 becomes 03:30 EDT', () => {
    expect(window(daily('02:30', 'America/New_York'), '2024-03-10T05:00:00Z')).toEqual({
      start: '2024-03-10T07:30:00.000Z',
      end: '2024-03-10T11:30:00.000Z',
    });
  });

  it('Berlin, 02:30 on 31 March 2024 becomes 03:30 CEST', () => {
    expect(window(daily('02:30', 'Europe/Berlin'), '2024-03-30T23:00:00Z').start).toBe(
      '2024-03-31T01:30:00.000Z',
    );
  });

  it('Sydney, 02:30 on 6 October 2024 becomes 03:30 AEDT', () => {
    expect(window(daily('02:30', 'Australia/Sydney'), '2024-10-05T14:00:00Z').start).toBe(
      '2024-10-05T16:30:00.000Z',
    );
  });

  it('Lord Howe’s half-hour gap: 02:15 on 6 October 2024 becomes 02:45 (+11)', () => {
    expect(window(daily('02:15', 'Australia/Lord_Howe'), '2024-10-05T13:00:00Z').start).toBe(
      '2024-10-05T15:45:00.000Z',
    );
  });

  it('a time before the gap is untouched on the day of the change', () => {
    expect(window(daily('01:30', 'America/New_York'), '2024-03-10T05:00:00Z').start).toBe(
      '2024-03-10T06:30:00.000Z',
    );
  });
});

describe('nextMaintenanceWindow: clocks falling back (a repeated time takes the earlier instant)', () => {
  it('New York, 01:30 on 3 November 2024 is 01:30 EDT', () => {
    expect(window(daily('01:30', 'America/New_York'), '2024-11-03T04:00:00Z').start).toBe(
      '2024-11-03T05:30:00.000Z',
    );
  });

  it('Berlin, 02:30 on 27 October 2024 is 02:30 CEST', () => {
    expect(window(daily('02:30', 'Europe/Berlin'), '2024-10-26T22:00:00Z').start).toBe(
      '2024-10-27T00:30:00.000Z',
    );
  });

  it('Sydney, 02:30 on 7 April 2024 is 02:30 AEDT', () => {
    expect(window(daily('02:30', 'Australia/Sydney'), '2024-04-06T13:00:00Z').start).toBe(
      '2024-04-06T15:30:00.000Z',
    );
  });

  it('while the first 01:30 window runs, it is still the one returned', () => {
    expect(window(daily('01:30', 'America/New_York'), '2024-11-03T06:45:00Z').start).toBe(
      '2024-11-03T05:30:00.000Z',
    );
  });
});

describe('nextMaintenanceWindow: four hours of elapsed time', () => {
  it('ends 4 h after the start across a spring-forward change (wall clock shows 5 h)', () => {
    const result = window(daily('00:00', 'America/New_York'), '2024-03-10T04:00:00Z');
    expect(result).toEqual({ start: '2024-03-10T05:00:00.000Z', end: '2024-03-10T09:00:00.000Z' });
    expect(zonedParts(Date.parse(result.end), 'America/New_York').hour).toBe(5);
  });

  it('ends 4 h after the start across a fall-back change (wall clock shows 3 h)', () => {
    const result = window(daily('00:00', 'Europe/Berlin'), '2024-10-26T21:00:00Z');
    expect(result).toEqual({ start: '2024-10-26T22:00:00.000Z', end: '2024-10-27T02:00:00.000Z' });
    expect(zonedParts(Date.parse(result.end), 'Europe/Berlin').hour).toBe(3);
  });
});

describe('nextMaintenanceWindow: zones with 30- and 45-minute offsets', () => {
  it('Kolkata (+05:30)', () => {
    expect(window(daily('23:00', 'Asia/Kolkata'), '2024-11-09T12:00:00Z').start).toBe(
      '2024-11-09T17:30:00.000Z',
    );
  });

  it('Adelaide in summer (+10:30)', () => {
    expect(window(daily('03:30', 'Australia/Adelaide'), '2024-11-09T00:00:00Z').start).toBe(
      '2024-11-09T17:00:00.000Z',
    );
  });

  it('Kathmandu (+05:45), after today’s window has ended', () => {
    expect(window(daily('01:00', 'Asia/Kathmandu'), '2024-11-09T00:00:00Z').start).toBe(
      '2024-11-09T19:15:00.000Z',
    );
  });

  it('Chatham in summer (+13:45), a window in progress that began on the UTC day before', () => {
    expect(window(daily('12:00', 'Pacific/Chatham'), '2024-11-09T00:00:00Z')).toEqual({
      start: '2024-11-08T22:15:00.000Z',
      end: '2024-11-09T02:15:00.000Z',
    });
  });
});

describe('nextMaintenanceWindow: weekly windows', () => {
  // Wednesday 6 November 2024, 12:00 UTC: Wednesday's 10:00 window is running.
  const now = '2024-11-06T12:00:00Z';
  it.each([
    [0, 'Sunday', '2024-11-10T10:00:00.000Z'],
    [1, 'Monday', '2024-11-11T10:00:00.000Z'],
    [2, 'Tuesday', '2024-11-12T10:00:00.000Z'],
    [3, 'Wednesday', '2024-11-06T10:00:00.000Z'],
    [4, 'Thursday', '2024-11-07T10:00:00.000Z'],
    [5, 'Friday', '2024-11-08T10:00:00.000Z'],
    [6, 'Saturday', '2024-11-09T10:00:00.000Z'],
  ])('weekday %i (%s) at 10:00 UTC', (weekday, _name, start) => {
    expect(window(weekly(weekday, '10:00', 'UTC'), now).start).toBe(start);
  });

  it('takes the weekday in the schedule’s zone, not in UTC', () => {
    // Monday 01:00 in Auckland (+13) is still Sunday in UTC.
    expect(window(weekly(1, '01:00', 'Pacific/Auckland'), '2024-11-10T10:00:00Z').start).toBe(
      '2024-11-10T12:00:00.000Z',
    );
  });

  it('west of UTC, a Saturday 22:00 window falls on Sunday in UTC', () => {
    expect(window(weekly(6, '22:00', 'America/Los_Angeles'), '2024-11-06T12:00:00Z').start).toBe(
      '2024-11-10T06:00:00.000Z',
    );
  });
});

describe('nextMaintenanceWindow: the rule holds everywhere', () => {
  const zones = [
    'UTC',
    'America/New_York',
    'America/Santiago',
    'America/St_Johns',
    'Europe/London',
    'Europe/Berlin',
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'Australia/Adelaide',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'Pacific/Kiritimati',
    'Pacific/Pago_Pago',
  ];
  const random = seededRandom(2024);

  it('returns the first window, by walking the windows forward from a week before', () => {
    for (let trial = 0; trial < 400; trial += 1) {
      const timeZone = zones[trial % zones.length] ?? 'UTC';
      const hour = Math.floor(random() * 24);
      const minute = Math.floor(random() * 4) * 15;
      const startTime = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
      const schedule =
        random() < 0.5
          ? daily(startTime, timeZone)
          : weekly(Math.floor(random() * 7), startTime, timeZone);
      const now = new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 366 * 86_400_000));

      const result = nextMaintenanceWindow(schedule, now);
      expect(result.end.getTime() - result.start.getTime()).toBe(WINDOW_MS);
      expect(result.end.getTime()).toBeGreaterThan(now.getTime());

      // Walk window by window from a week earlier: the first to end after now is the answer.
      let walk = nextMaintenanceWindow(schedule, new Date(now.getTime() - 8 * 86_400_000));
      while (walk.end.getTime() <= now.getTime()) walk = nextMaintenanceWindow(schedule, walk.end);
      expect(walk).toEqual(result);

      const local = zonedParts(result.start.getTime(), timeZone);
      if (schedule.repeat === 'weekly') expect(local.weekday).toBe(schedule.weekday);
      // The start shows the chosen time, unless a DST gap pushed it forward (by at most 1 h).
      const shownMinutes = local.hour * 60 + local.minute;
      const chosenMinutes = hour * 60 + minute;
      expect([0, 30, 60]).toContain((shownMinutes - chosenMinutes + 1440) % 1440);
    }
  });

  it('refuses a malformed start time or a weekly window without a day', () => {
    expect(() => nextMaintenanceWindow(daily('8:00', 'UTC'), new Date())).toThrow(RangeError);
    expect(() =>
      nextMaintenanceWindow({ repeat: 'weekly', startTime: '08:00', timeZone: 'UTC' }, new Date()),
    ).toThrow(RangeError);
  });
});
