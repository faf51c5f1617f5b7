import type { HttpHandler } from 'msw';
import { deviceEndpoints } from '../../src/api/devices';
import type { Fleet } from '../fleet/fleet';
import { fleetRoute, RefusedError } from './route';

export function deviceHandlers(apiRoot: string, fleet: () => Fleet): HttpHandler[] {
  const route = fleetRoute(apiRoot, fleet);
  return [
    // Before `/devices/{deviceId}`, which would otherwise take "facets" for an id.
    route(deviceEndpoints.facets, () => fleet().deviceFacets()),
    route(deviceEndpoints.exportCsv, ({ query }) => fleet().exportDevices(query)),
    route(deviceEndpoints.list, ({ query }) => fleet().listDevices(query)),
    route(deviceEndpoints.selectionSummary, ({ body }) => fleet().summarize(body)),
    route(deviceEndpoints.setSchedule, ({ body }) =>
      fleet().setSchedule(body.selection, body.schedule),
    ),
    route(deviceEndpoints.startUpdates, ({ body }) =>
      fleet().startUpdates(body.selection, body.requestId),
    ),
    route(deviceEndpoints.detail, ({ params }) => {
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
