import { http, type HttpHandler } from 'msw';
import type { Fleet } from '../fleet/fleet';
import { deviceHandlers } from './devices';
import { faultHandler, noFaults, type FaultSettings } from './faults';
import { serverHandlers } from './servers';
import { sessionHandlers } from './session';
import { siteHandlers } from './sites';
import { errorResponse, markSimulated } from './route';

export interface HandlerOptions {
  /** Absolute URL of the API root, e.g. `http://localhost:5173/api/`. */
  apiRoot: string;
  fleet: () => Fleet;
  faults?: () => FaultSettings;
}

/** Every handler of the built-in fleet, in the order MSW must try them. */
export function createHandlers(options: HandlerOptions): HttpHandler[] {
  return [
    faultHandler(options.apiRoot, options.faults ?? (() => noFaults)),
    ...fleetHandlers(options),
  ];
}

/** The fleet's own handlers, without injected faults (those stay with the page's clock). */
export function fleetHandlers({ apiRoot, fleet }: HandlerOptions): HttpHandler[] {
  return [
    ...sessionHandlers(apiRoot, fleet),
    ...deviceHandlers(apiRoot, fleet),
    ...siteHandlers(apiRoot, fleet),
    ...serverHandlers(apiRoot, fleet),
    http.all(`${apiRoot.replace(/\/$/, '')}/*`, ({ request }) =>
      markSimulated(
        errorResponse(
          404,
          'not_found',
          `The API has no ${request.method} ${new URL(request.url).pathname}. The console and server versions may not match.`,
        ),
        fleet().scenario.name,
      ),
    ),
  ];
}
