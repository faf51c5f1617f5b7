import { http, HttpResponse, type HttpHandler } from 'msw';
import { activityEndpoints } from '../../src/api/activity';
import { sessionEndpoints } from '../../src/api/session';
import { SIMULATION_SESSION_PATH } from '../../src/api/simulation';
import { Answered, route } from '../../server/contract/route';
import { fleetRoute, gateOf, markSimulated, type FleetBinding } from './route';

export function sessionHandlers(binding: FleetBinding): HttpHandler[] {
  const { apiRoot, fleet } = binding;
  const fleetRouted = fleetRoute(binding);
  const gate = gateOf(binding);
  const root = apiRoot.replace(/\/$/, '');
  const simulated = (response: Response) => markSimulated(response, fleet().scenario.name);
  const scenario = () => fleet().scenario.name;
  const { signIn, signOut } = gate();
  return [
    // The simulator's stand-in for a sign-in page and a time-out: only where the fleet's own
    // simulated operator is signed in, never behind a gate of the console's server.
    ...(binding.gate
      ? []
      : [
          http.delete(`${root}${SIMULATION_SESSION_PATH}`, () => {
            fleet().sessions.expire();
            return simulated(new HttpResponse(null, { status: 204 }));
          }),
          http.post(`${root}${SIMULATION_SESSION_PATH}`, () => {
            fleet().sessions.renew();
            return simulated(new HttpResponse(null, { status: 204 }));
          }),
        ]),
    // Signing in and out come before any session, so they pass no gate first.
    ...(signIn
      ? [
          route(
            apiRoot,
            sessionEndpoints.signIn,
            async ({ request, body }) => {
              const { value, headers } = await signIn(request, body);
              return new Answered(value, headers);
            },
            scenario,
          ),
        ]
      : []),
    ...(signOut
      ? [
          route(
            apiRoot,
            sessionEndpoints.signOut,
            async ({ request }) => {
              const { value, headers } = await signOut(request);
              return new Answered(value, headers);
            },
            scenario,
          ),
        ]
      : []),
    fleetRouted(sessionEndpoints.get, ({ request }) => gate().session(request)),
    fleetRouted(activityEndpoints.operators, () => fleet().activityOperators()),
    fleetRouted(activityEndpoints.exportCsv, ({ query }) => fleet().exportActivity(query)),
    fleetRouted(activityEndpoints.list, ({ query }) => fleet().activity(query)),
  ];
}
