/**
 * A route of the server's own resources (API tokens, webhooks): who calls (401), then their
 * permission (403), then the work, with the caller known to it.
 */
import type { Endpoint } from '../../src/api/endpoint';
import type { Actor, Gate } from './gate';
import { RefusedError, route, type Resolver } from './route';

export function admittedRoute(apiRoot: string, gate: () => Gate) {
  return <E extends Endpoint>(
    endpoint: E,
    resolve: (input: Parameters<Resolver<E>>[0] & { actor: Actor }) => ReturnType<Resolver<E>>,
  ) =>
    route(
      apiRoot,
      endpoint,
      async (input) => {
        const actor = input.actor;
        if (!actor) throw new RefusedError(401, 'unauthenticated', 'Sign in to use the console.');
        await gate().admit(input.request, actor, endpoint.permission);
        return resolve({ ...input, actor });
      },
      undefined,
      (request) => gate().authenticate(request),
    );
}
