import { describe, expect, it } from 'vitest';
import { formatMaintenanceWindow, formatZonedInstant } from './format-window';
import { nextMaintenanceWindow } from './maintenance-window';

const format = (start: string, end: string, zone: string) =>
  formatMaintenanceWindow({ start: new Date(start), end: new Date(end) }, zone);

describe('formatMaintenanceWindow', () => {
  it('writes the seed’s example with plain spaces', () => {
    expect(format('2024-11-09T08:00:00Z', '2024-11-09T12:00:00Z', 'UTC')).toBe(
      'November 9, 2024, 8:00 AM – 12:00 PM UTC',
    );
    expect(format('2024-11-10T12:00:00Z', '2024-11-10T16:00:00Z', 'UTC')).toBe(
      'November 10, 2024, 12:00 PM – 4:00 PM UTC',
    );
  });

  it('names both dates for a window that crosses midnight', () => {
    expect(format('2024-11-09T22:00:00Z', '2024-11-10T02:00:00Z', 'UTC')).toBe(
      'November 9, 2024, 10:00 PM – November 10, 2024, 2:00 AM UTC',
    );
  });

  it('shows the time in the schedule’s zone and names the zone', () => {
    expect(format('2024-11-09T07:00:00Z', '2024-11-09T11:00:00Z', 'America/New_York')).toBe(
      'November 9, 2024, 2:00 AM – 6:00 AM EST (America/New_York)',
    );
  });

  it('names each end’s zone when a DST change falls inside the window', () => {
    const window = nextMaintenanceWindow(
      { repeat: 'daily', startTime: '00:00', timeZone: 'America/New_York' },
      new Date('2024-11-03T03:00:00Z'),
    );
    expect(formatMaintenanceWindow(window, 'America/New_York')).toBe(
      'November 3, 2024, 12:00 AM EDT – 3:00 AM EST (America/New_York)',
    );
  });
});

describe('formatZonedInstant', () => {
  it('writes an instant in a zone', () => {
    expect(formatZonedInstant(new Date('2024-11-09T10:37:00Z'), 'UTC')).toBe(
      'November 9, 2024, 10:37 AM UTC',
    );
  });
});
