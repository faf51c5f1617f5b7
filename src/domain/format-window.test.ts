import { describe, expect, it } from 'vitest';
import { formatZonedInstant } from '@/lib/zoned-format';
import { formatMaintenanceWindow, formatWindowForOperator } from './format-window';
import { nextMaintenanceWindow } from './maintenance-window';

const format = (start: string, end: string, zone: string) =>
  formatMaintenanceWindow({ start: new Date(start), end: new Date(end) }, zone);

describe('formatMaintenanceWindow', () => {
  it('writes the product’s example with plain spaces', () => {
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

describe('formatWindowForOperator', () => {
  const window = { start: new Date('2024-11-09T08:00:00Z'), end: new Date('2024-11-09T12:00:00Z') };
  const display = (zone: string, locale = 'en-US', mode: 'local' | 'utc' = 'local') => ({
    mode,
    zone: mode === 'utc' ? 'UTC' : zone,
    localZone: zone,
    locale,
  });

  it('adds the operator’s time where it differs from the schedule’s zone', () => {
    expect(formatWindowForOperator(window, 'UTC', display('Europe/Stockholm'))).toBe(
      'November 9, 2024, 8:00 AM – 12:00 PM UTC — 9:00 AM – 1:00 PM in your time zone',
    );
  });

  it('says nothing more where the operator’s clock reads the same', () => {
    expect(formatWindowForOperator(window, 'UTC', display('UTC'))).toBe(
      'November 9, 2024, 8:00 AM – 12:00 PM UTC',
    );
    expect(formatWindowForOperator(window, 'Europe/Berlin', display('Europe/Stockholm'))).toBe(
      'November 9, 2024, 9:00 AM – 1:00 PM GMT+1 (Europe/Berlin)',
    );
  });

  it('names the operator’s date when it is another day there', () => {
    expect(formatWindowForOperator(window, 'UTC', display('Pacific/Kiritimati'))).toBe(
      'November 9, 2024, 8:00 AM – 12:00 PM UTC — November 9, 2024, 10:00 PM – November 10, 2024, 2:00 AM in your time zone',
    );
  });

  it('writes both in the operator’s locale', () => {
    expect(formatWindowForOperator(window, 'UTC', display('Europe/Stockholm', 'sv-SE'))).toBe(
      '9 november 2024, 08:00 – 12:00 UTC — 09:00 – 13:00 in your time zone',
    );
  });

  it('adds UTC, not the local zone, when the operator chose UTC', () => {
    expect(
      formatWindowForOperator(
        window,
        'America/New_York',
        display('Europe/Stockholm', 'en-US', 'utc'),
      ).endsWith('— 8:00 AM – 12:00 PM UTC'),
    ).toBe(true);
  });
});
