import type { HttpHandler } from 'msw';
import { serverEndpoints } from '../../src/api/servers';
import type { Fleet } from '../fleet/fleet';
import { fleetRoute } from './route';

export function serverHandlers(apiRoot: string, fleet: () => Fleet): HttpHandler[] {
  const route = fleetRoute(apiRoot, fleet);
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
