import type { HttpHandler } from 'msw';
import { freezeEndpoints } from '../../src/api/freezes';
import { fleetRoute, type FleetBinding } from './route';

/** Change freezes. */
export function freezeHandlers(binding: FleetBinding): HttpHandler[] {
  const { fleet } = binding;
  const route = fleetRoute(binding);
  return [
    route(freezeEndpoints.list, () => fleet().freezes.list()),
    route(freezeEndpoints.add, ({ body }) => fleet().freezes.add(body)),
    route(freezeEndpoints.end, ({ params, body }) =>
      fleet().freezes.end(params.freezeId, body.requestId),
    ),
  ];
}
