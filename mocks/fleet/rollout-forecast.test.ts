// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { MINUTE } from './clock';
import { forecastRollout, observeTimings, type SiteWork } from './rollout-forecast';
import type { Phase } from './site-lifecycle';

const NOW = Date.UTC(2024, 10, 9, 6, 0);

function parts(count: number, ms: number, from = NOW - count * ms): Phase[] {
  return Array.from({ length: count }, (_, index) => ({
    state: 'downloading' as const,
    from: from + index * ms,
    to: from + (index + 1) * ms,
    parts: index,
    interrupted: false,
  }));
}

const site = (fields: Partial<SiteWork>): SiteWork => ({
  channel: 'ethernet',
  now: 'idle',
  parts: 0,
  totalParts: 10,
  waits: false,
  ...fields,
});

describe('the rollout forecast', () => {
  it('uses the part times seen, and the nominal ones until enough are seen', () => {
    const nothing = observeTimings([], NOW);
    expect(nothing.ethernet).toMatchObject({ partLow: 5_600, partHigh: 10_400, seenParts: 0 });
    const seen = observeTimings(
      [
        { channel: 'ethernet', phases: parts(10, 5_000) },
        // Parts that end after now have not been seen yet.
        { channel: 'ethernet', phases: parts(3, 60_000, NOW - 60_000) },
      ],
      NOW,
    );
    expect(seen.ethernet).toMatchObject({ partLow: 5_000, partHigh: 5_000, seenParts: 11 });
    expect(seen.gprs.seenParts).toBe(0);
  });

  it('ends a started wave with its slowest site, starts the next after it and the soak, and counts waiting sites apart', () => {
    const timings = observeTimings([{ channel: 'ethernet', phases: parts(20, 6_000) }], NOW);
    const { waves, forecast } = forecastRollout(
      [
        {
          started: true,
          sites: [
            site({ now: 'installed', parts: 10 }),
            site({ now: 'running', parts: 5 }),
            site({ now: 'waiting-for-disarm', parts: 10, waits: true }),
          ],
        },
        { started: false, sites: [site({}), site({ waits: true })] },
      ],
      30 * MINUTE,
      timings,
      NOW,
    );
    const [first, second] = waves;
    expect(first).toEqual({ from: '2024-11-09T06:00:00.000Z', to: '2024-11-09T06:05:00.000Z' });
    // Wave 2 starts 30 minutes after wave 1 ends (06:01); its one site needs under 3 minutes.
    expect(second).toEqual({ from: '2024-11-09T06:30:00.000Z', to: '2024-11-09T06:35:00.000Z' });
    expect(forecast).toMatchObject({ finish: second, waiting: 2 });
    expect(forecast.basis).toMatch(/^Ethernet parts take 6 s–6 s \(20 seen\); GPRS parts/);
  });

  it('forecasts nothing once every site has ended', () => {
    const { forecast } = forecastRollout(
      [{ started: true, sites: [site({ now: 'installed' }), site({ now: 'cancelled' })] }],
      0,
      observeTimings([], NOW),
      NOW,
    );
    expect(forecast).toMatchObject({ finish: null, waiting: 0 });
  });
});
