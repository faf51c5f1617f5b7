import './storage-shim';
import { Fleet } from '../fleet/fleet';
import type { FleetStore } from '../fleet/persistence';
import type { ScenarioName } from '../fleet/scenario-names';
import type { SessionOptions } from '../fleet/sessions';
import { fleetHandlers } from '../handlers';
import { answerWith, type FleetEngine } from './engine';

/**
 * The fleet on the page's own thread: where dedicated workers are unavailable. The fleet is
 * built on the first request, so the console renders first.
 */
export function pageEngine(options: {
  scenario: ScenarioName;
  session: SessionOptions;
  store: FleetStore;
  apiRoot: string;
}): FleetEngine {
  let fleet: Fleet | undefined;
  const handlers = fleetHandlers({
    apiRoot: options.apiRoot,
    fleet: () =>
      (fleet ??= new Fleet({
        scenario: options.scenario,
        store: options.store,
        session: options.session,
      })),
  });
  return { kind: 'page', answer: (request) => answerWith(handlers, request) };
}
