import { http, type HttpHandler } from 'msw';
import { approvalHandlers } from './approvals';
import { freezeHandlers } from './freezes';
import { deviceHandlers } from './devices';
import { faultHandler, noFaults, type FaultSettings } from './faults';
import { serverHandlers } from './servers';
import { sessionHandlers } from './session';
import { siteHandlers } from './sites';
import { errorResponse, markSimulated, type FleetBinding } from './route';

export interface HandlerOptions extends FleetBinding {
  /** Absolute URL of the API root, e.g. `http://localhost:5173/api/`. */
  apiRoot: string;
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
export function fleetHandlers(binding: HandlerOptions): HttpHandler[] {
  const { apiRoot, fleet } = binding;
  return [
    ...sessionHandlers(binding),
    ...deviceHandlers(binding),
    ...siteHandlers(binding),
    ...serverHandlers(binding),
    ...approvalHandlers(binding),
    ...freezeHandlers(binding),
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
