// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../mocks/fleet/random';
import { windowAt } from '../../../mocks/hawkbit/quartz';
import type { MaintenanceSchedule } from '../../../src/api/schedules';
import { nextMaintenanceWindow } from '../../../src/domain/maintenance-window';
import { hawkbitWindow, needsReissue, offsetText } from './maintenance-window';

const weekly = (weekday: number, startTime: string, timeZone: string): MaintenanceSchedule => ({
  repeat: 'weekly',
  weekday,
  startTime,
  timeZone,
});

describe('a maintenance window as hawkBit takes it', () => {
  it('writes a weekly New York window in the offset of its next start, and again after DST ends', () => {
    const sunday8 = weekly(0, '08:00', 'America/New_York');
    // Before the change on November 3, 2024: EDT.
    expect(hawkbitWindow(sunday8, new Date('2024-10-21T12:00:00Z'))).toEqual({
      schedule: '0 0 8 ? * SUN',
      duration: '04:00:00',
      timezone: '-04:00',
    });
    // The window after the change is in EST: hawkBit is told again, so 08:00 stays 08:00.
    const held = hawkbitWindow(sunday8, new Date('2024-10-21T12:00:00Z'));
    const after = new Date('2024-10-27T16:00:00Z');
    expect(needsReissue(held, sunday8, after)).toBe(true);
    expect(hawkbitWindow(sunday8, after).timezone).toBe('-05:00');
  });

  it('writes a start that a DST gap moved in the offset after the gap', () => {
    // 02:30 on March 10, 2024 does not exist in New York: the rule opens at 03:30 EDT.
    const window = hawkbitWindow(
      { repeat: 'daily', startTime: '02:30', timeZone: 'America/New_York' },
      new Date('2024-03-10T05:00:00Z'),
    );
    expect(window).toEqual({ schedule: '0 30 3 * * ?', duration: '04:00:00', timezone: '-04:00' });
  });

  it('writes offsets with their minutes, east and west', () => {
    expect(offsetText(5.75 * 3_600_000)).toBe('+05:45');
    expect(offsetText(-3.5 * 3_600_000)).toBe('-03:30');
    expect(offsetText(0)).toBe('+00:00');
  });

  it('opens where the console’s rule does, told again where needed, in 14,400 cases across zones, seasons and DST changes', () => {
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
      'Pacific/Pago_Pago',
    ];
    const random = seededRandom(22);
    let disagreements = 0;
    for (let trial = 0; trial < 14_400; trial += 1) {
      const timeZone = zones[trial % zones.length] ?? 'UTC';
      const startTime = `${String(Math.floor(random() * 24)).padStart(2, '0')}:${String(
        Math.floor(random() * 4) * 15,
      ).padStart(2, '0')}`;
      const schedule: MaintenanceSchedule =
        random() < 0.5
          ? { repeat: 'daily', startTime, timeZone }
          : weekly(Math.floor(random() * 7), startTime, timeZone);
      const now = new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 366 * 86_400_000));
      // hawkBit holds what it was told a period earlier; the console's server checks at `now`
      // and tells it again where the next window differs (a DST change in between).
      const period = (schedule.repeat === 'daily' ? 1 : 7) * 86_400_000;
      let held = hawkbitWindow(schedule, new Date(now.getTime() - period));
      if (needsReissue(held, schedule, now)) held = hawkbitWindow(schedule, now);
      const expected = nextMaintenanceWindow(schedule, now);
      const told = windowAt(held, now.getTime());
      if (told.start !== expected.start.getTime() || told.end !== expected.end.getTime()) {
        disagreements += 1;
      }
    }
    expect(disagreements).toBe(0);
  });
});
