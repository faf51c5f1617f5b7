import { setupServer } from 'msw/node';
import { CSRF_HEADER } from '../src/api/session';
import { Fleet, type FleetOptions } from './fleet/fleet';
import type { ScenarioName } from './fleet/scenarios';
import type { SessionOptions } from './fleet/sessions';
import { createHandlers } from './handlers';
import type { FaultSettings } from './handlers/faults';

/** The API root the tests' pages use (jsdom runs at http://localhost/). */
export const testApiRoot = 'http://localhost/api/';

let fleet = new Fleet({ scenario: 'demo' });
let faults: FaultSettings = { faults: 0, latency: 0 };

/** The built-in fleet for Vitest: MSW's Node server with the same handlers as the browser. */
export const server = setupServer(
  ...createHandlers({ apiRoot: testApiRoot, fleet: () => fleet, faults: () => faults }),
);

export function currentFleet(): Fleet {
  return fleet;
}

/**
 * A fresh fleet for the next test, in memory, optionally of another scenario; with the `store`
 * of an earlier one, the same fleet signed in as someone else.
 */
export function resetFleet(
  scenario: ScenarioName = 'demo',
  now?: () => number,
  session?: SessionOptions,
  hooks: Pick<FleetOptions, 'afterReboot' | 'store'> = {},
): Fleet {
  fleet = new Fleet({
    scenario,
    ...(now ? { now } : {}),
    ...(session ? { session } : {}),
    ...hooks,
  });
  faults = { faults: 0, latency: 0 };
  return fleet;
}

export function setFaults(next: FaultSettings): void {
  faults = next;
}

/**
 * The header a change needs in cookie mode: the CSRF token of the fleet's session, read from
 * `GET /session` under `apiRoot` (the tests' MSW root, or a real server's).
 */
export async function csrfHeader(apiRoot: string = testApiRoot): Promise<Record<string, string>> {
  const response = await fetch(new URL('session', apiRoot));
  const session = (await response.json()) as { csrfToken: string | null };
  return session.csrfToken ? { [CSRF_HEADER]: session.csrfToken } : {};
}
