import type { HttpHandler } from 'msw';
import { serverEndpoints } from '../../src/api/servers';
import type { Fleet } from '../fleet/fleet';
import { route } from './route';

export function serverHandlers(apiRoot: string, fleet: () => Fleet): HttpHandler[] {
  return [
    route(apiRoot, serverEndpoints.list, () => fleet().listServers()),
    route(apiRoot, serverEndpoints.detail, ({ params }) => fleet().server(params.serverId)),
    route(apiRoot, serverEndpoints.setTarget, ({ params, body }) =>
      fleet().setServerTarget(params.serverId, body),
    ),
    route(apiRoot, serverEndpoints.setSettings, ({ params, body }) =>
      fleet().setServerSettings(params.serverId, body),
    ),
    route(apiRoot, serverEndpoints.startUpgrade, ({ params, body }) =>
      fleet().startUpgrade(params.serverId, body.requestId),
    ),
  ];
}
