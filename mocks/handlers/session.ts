import { http, HttpResponse, type HttpHandler } from 'msw';
import { activityEndpoints } from '../../src/api/activity';
import { sessionEndpoints } from '../../src/api/session';
import { SIMULATION_SESSION_PATH } from '../../src/api/simulation';
import type { Fleet } from '../fleet/fleet';
import { fleetRoute, markSimulated } from './route';

export function sessionHandlers(apiRoot: string, fleet: () => Fleet): HttpHandler[] {
  const route = fleetRoute(apiRoot, fleet);
  const root = apiRoot.replace(/\/$/, '');
  const simulated = (response: Response) => markSimulated(response, fleet().scenario.name);
  return [
    // Not part of the contract: the simulator's stand-in for a sign-in page and a time-out.
    http.delete(`${root}${SIMULATION_SESSION_PATH}`, () => {
      fleet().sessions.expire();
      return simulated(new HttpResponse(null, { status: 204 }));
    }),
    http.post(`${root}${SIMULATION_SESSION_PATH}`, () => {
      fleet().sessions.renew();
      return simulated(new HttpResponse(null, { status: 204 }));
    }),
    route(sessionEndpoints.get, ({ request }) => fleet().sessions.session(request)),
    route(activityEndpoints.operators, () => fleet().activityOperators()),
    route(activityEndpoints.exportCsv, ({ query }) => fleet().exportActivity(query)),
    route(activityEndpoints.list, ({ query }) => fleet().activity(query)),
  ];
}
