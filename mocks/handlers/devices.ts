import type { HttpHandler } from 'msw';
import { deviceEndpoints } from '../../src/api/devices';
import type { Fleet } from '../fleet/fleet';
import { RefusedError, route } from './route';

export function deviceHandlers(apiRoot: string, fleet: () => Fleet): HttpHandler[] {
  return [
    // Before `/devices/{deviceId}`, which would otherwise take "facets" for an id.
    route(apiRoot, deviceEndpoints.facets, () => fleet().deviceFacets()),
    route(apiRoot, deviceEndpoints.list, ({ query }) => fleet().listDevices(query)),
    route(apiRoot, deviceEndpoints.selectionSummary, ({ body }) => fleet().summarize(body)),
    route(apiRoot, deviceEndpoints.setSchedule, ({ body }) =>
      fleet().setSchedule(body.selection, body.schedule),
    ),
    route(apiRoot, deviceEndpoints.startUpdates, ({ body }) =>
      fleet().startUpdates(body.selection, body.requestId),
    ),
    route(apiRoot, deviceEndpoints.detail, ({ params }) => {
      const device = fleet().devices().get(params.deviceId);
      if (!device) {
        throw new RefusedError(
          404,
          'not_found',
          `Device ${params.deviceId} was not found. It may have been removed from the fleet.`,
        );
      }
      return device;
    }),
  ];
}
