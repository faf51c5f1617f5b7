import type { Rollout } from '../../src/api/rollouts';
import { SiteListQuery } from '../../src/api/sites';
import { HOUR, MINUTE } from './clock';
import { Fleet } from './fleet';
import { memoryStore, type FleetStore } from './persistence';

/** The refusal an action throws (a RefusedError), for tests of the fleet's rules. */
export function refusal(action: () => unknown): { status: number; code: string; message: string } {
  try {
    action();
  } catch (error) {
    return error as { status: number; code: string; message: string };
  }
  throw new Error('expected a refusal');
}

/**
 * The demo fleet at a fixed start, changed by an administrator, its clock moved by the test:
 * `site` reads a Nord GSM site, `nord` its type's figures, `until` moves the clock until a rollout gets somewhere.
 */
export function adminDemo(store: FleetStore = memoryStore(), start = Date.UTC(2024, 10, 8, 9, 0)) {
  let time = start;
  const fleet = new Fleet({ scenario: 'demo', store, now: () => time });
  fleet.actor = { id: 'ada', name: 'Ada Admin', role: 'administrator' };
  const site = (number: number) =>
    fleet
      .listSites('Nord GSM', SiteListQuery.parse({ q: String(number) }))
      .items.find((item) => item.number === number);
  const advance = (ms: number) => {
    time += ms;
  };
  const until = (id: string, done: (rollout: Rollout) => boolean) => {
    for (let waited = 0; waited <= 48 * HOUR; waited += 5 * MINUTE) {
      const rollout = fleet.rollouts.get('Nord GSM', id);
      if (done(rollout)) return rollout;
      advance(5 * MINUTE);
    }
    throw new Error('the rollout never got there');
  };
  const nord = () => fleet.siteStats().items.find((type) => type.deviceType === 'Nord GSM');
  return { fleet, site, nord, advance, until };
}
