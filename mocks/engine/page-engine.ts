import './storage-shim';
import { Fleet } from '../fleet/fleet';
import type { FleetStore } from '../fleet/persistence';
import type { ScenarioName } from '../fleet/scenario-names';
import type { SessionOptions } from '../fleet/sessions';
import type { AfterReboot } from '../fleet/site-seeds';
import { fleetHandlers } from '../handlers';
import { answerWith, type FleetEngine } from './engine';

/**
 * The fleet on the page's own thread: where dedicated workers are unavailable. The fleet is
 * built on the first request, so the console renders first.
 */
export function pageEngine(options: {
  scenario: ScenarioName;
  session: SessionOptions;
  afterReboot?: Record<number, AfterReboot>;
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
        ...(options.afterReboot ? { afterReboot: options.afterReboot } : {}),
      })),
  });
  return { kind: 'page', answer: (request) => answerWith(handlers, request) };
}
