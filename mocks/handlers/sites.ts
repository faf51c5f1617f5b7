import type { HttpHandler } from 'msw';
import { siteEndpoints } from '../../src/api/sites';
import type { Fleet } from '../fleet/fleet';
import { fleetRoute } from './route';

export function siteHandlers(apiRoot: string, fleet: () => Fleet): HttpHandler[] {
  const route = fleetRoute(apiRoot, fleet);
  return [
    route(siteEndpoints.stats, () => fleet().siteStats()),
    route(siteEndpoints.list, ({ params, query }) => fleet().listSites(params.deviceType, query)),
    route(siteEndpoints.updateSite, ({ params, body }) =>
      fleet().updateSite(params.deviceType, body.siteNumber),
    ),
    route(siteEndpoints.updateAllPlan, ({ params }) => fleet().planUpdateAll(params.deviceType)),
    route(siteEndpoints.updateAll, ({ params, body }) =>
      fleet().updateAll(params.deviceType, body.requestId),
    ),
    route(siteEndpoints.cancel, ({ params }) =>
      fleet().cancelSiteUpdate(params.deviceType, params.siteNumber),
    ),
  ];
}
