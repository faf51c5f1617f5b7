import { describe, expect, it } from 'vitest';
import {
  freezeAt,
  freezeInstants,
  nextWindowOutsideFreezes,
  parseDay,
  thawed,
  type FreezeSpan,
} from './freezes';

const daily = { repeat: 'daily' as const, startTime: '22:00', timeZone: 'Europe/Berlin' };

function span(id: string, from: string, to: string, since = Date.parse('2026-01-01T00:00:00Z')) {
  const days = freezeInstants(from, to, 'Europe/Berlin');
  if (!days) throw new Error('bad days');
  return {
    id,
    name: `Freeze ${id}`,
    deviceType: null,
    ...days,
    since,
    timeZone: 'Europe/Berlin',
  } satisfies FreezeSpan;
}

describe('freeze days', () => {
  it('run from the first day’s midnight to the midnight after the last, in their zone', () => {
    expect(freezeInstants('2026-12-20', '2027-01-06', 'Europe/Berlin')).toEqual({
      start: Date.parse('2026-12-19T23:00:00Z'),
      end: Date.parse('2027-01-06T23:00:00Z'),
    });
    // The last Sunday of March is 23 hours long in Berlin.
    const spring = freezeInstants('2026-03-29', '2026-03-29', 'Europe/Berlin');
    expect(spring && (spring.end - spring.start) / 3_600_000).toBe(23);
  });

  it('refuse a last day before the first, and days that do not exist', () => {
    expect(freezeInstants('2026-12-20', '2026-12-19', 'UTC')).toBeNull();
    expect(parseDay('2026-02-30')).toBeNull();
    expect(parseDay('2026-02-28')).toEqual({ year: 2026, month: 2, day: 28 });
  });
});

describe('the window rule with freezes', () => {
  const holidays = span('F1', '2026-12-20', '2027-01-06');

  it('moves a window inside a freeze to the first window after it', () => {
    const { window, movedBy } = nextWindowOutsideFreezes(daily, new Date('2026-12-21T12:00:00Z'), [
      holidays,
    ]);
    expect(window.start.toISOString()).toBe('2027-01-07T21:00:00.000Z');
    expect(movedBy?.id).toBe('F1');
  });

  it('passes over a window that would run into a freeze', () => {
    // The window of December 19 runs 22:00–02:00, into the freeze's first day.
    const { window } = nextWindowOutsideFreezes(daily, new Date('2026-12-19T12:00:00Z'), [
      holidays,
    ]);
    expect(window.start.toISOString()).toBe('2027-01-07T21:00:00.000Z');
  });

  it('keeps the rule’s own window outside freezes, and one begun before the freeze was made', () => {
    const before = nextWindowOutsideFreezes(daily, new Date('2026-12-10T12:00:00Z'), [holidays]);
    expect(before).toMatchObject({ movedBy: null });
    expect(before.window.start.toISOString()).toBe('2026-12-10T21:00:00.000Z');
    const late = span('F2', '2026-12-10', '2026-12-11', Date.parse('2026-12-10T22:00:00Z'));
    const running = nextWindowOutsideFreezes(daily, new Date('2026-12-10T22:30:00Z'), [late]);
    expect(running.window.start.toISOString()).toBe('2026-12-10T21:00:00.000Z');
  });

  it('follows freezes that touch to the end of the last', () => {
    const next = span('F3', '2027-01-07', '2027-01-09');
    expect(freezeAt([holidays, next], Date.parse('2026-12-25T00:00:00Z'))?.id).toBe('F3');
    expect(thawed([holidays, next], Date.parse('2026-12-25T00:00:00Z'))).toBe(
      Date.parse('2027-01-09T23:00:00Z'),
    );
    expect(thawed([holidays], Date.parse('2026-12-01T00:00:00Z'))).toBe(
      Date.parse('2026-12-01T00:00:00Z'),
    );
  });
});
