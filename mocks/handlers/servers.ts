import type { HttpHandler } from 'msw';
import { serverEndpoints } from '../../src/api/servers';
import { fleetRoute, type FleetBinding } from './route';

export function serverHandlers(binding: FleetBinding): HttpHandler[] {
  const { fleet } = binding;
  const route = fleetRoute(binding);
  return [
    route(serverEndpoints.list, () => fleet().listServers()),
    route(serverEndpoints.detail, ({ params }) => fleet().server(params.serverId)),
    route(serverEndpoints.setTarget, ({ params, body }) =>
      fleet().setServerTarget(params.serverId, body),
    ),
    route(serverEndpoints.setSettings, ({ params, body }) =>
      fleet().setServerSettings(params.serverId, body),
    ),
    route(serverEndpoints.startUpgrade, ({ params, body }) =>
      fleet().startUpgrade(params.serverId, body.requestId),
    ),
  ];
}
