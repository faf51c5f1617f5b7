import type { HttpHandler } from 'msw';
import { deviceEndpoints } from '../../src/api/devices';
import { fleetRoute, RefusedError, type FleetBinding } from './route';

export function deviceHandlers(binding: FleetBinding): HttpHandler[] {
  const { fleet } = binding;
  const route = fleetRoute(binding);
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
      fleet().startUpdates(body.selection, body.requestId, body.freezeOverride),
    ),
    route(deviceEndpoints.detail, ({ params }) => {
      const device = fleet().device(params.deviceId);
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
