import type { HttpHandler } from 'msw';
import type { Endpoint } from '../../src/api/endpoint';
import type { Gate } from '../../server/contract/gate';
import { RefusedError, route, type Resolver } from '../../server/contract/route';
import type { Fleet } from '../fleet/fleet';

export { errorResponse, markSimulated, RefusedError } from '../../server/contract/route';

/** The fleet a handler serves, and the gate its callers pass (the fleet's own by default). */
export interface FleetBinding {
  apiRoot: string;
  fleet: () => Fleet;
  gate?: () => Gate;
}

/** The gate of a binding: the one given, or the fleet's simulated session. */
export function gateOf({ fleet, gate }: FleetBinding): () => Gate {
  return gate ?? (() => fleet().sessions);
}

/**
 * The `route` of one fleet: every answer it serves, refusals included, says which simulated
 * scenario answered. Each call passes the gate: 401 without a session before its input is
 * even read; once its input fits the contract, 403 without the CSRF header or the permission a
 * change needs. A change is recorded as the caller's; one the fleet refuses (403, 404, 409,
 * 422) is recorded in its activity too.
 */
export function fleetRoute(binding: FleetBinding) {
  const { apiRoot, fleet } = binding;
  const gate = gateOf(binding);
  return <E extends Endpoint>(endpoint: E, resolve: Resolver<E>): HttpHandler =>
    route(
      apiRoot,
      endpoint,
      async (input) => {
        const current = fleet();
        const actor = input.actor;
        try {
          if (actor) await gate().admit(input.request, actor, endpoint.permission);
          // Nothing is awaited between naming the caller and the fleet recording the change.
          current.actor = actor;
          return await resolve(input);
        } catch (error) {
          if (endpoint.permission && error instanceof RefusedError && error.status !== 401) {
            current.actor = actor;
            current.refused(endpoint.id, input.params ?? {}, input.body, error);
          }
          throw error;
        }
      },
      () => fleet().scenario.name,
      (request) => gate().authenticate(request),
    );
}
