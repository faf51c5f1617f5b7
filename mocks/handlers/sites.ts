import type { HttpHandler } from 'msw';
import { siteEndpoints } from '../../src/api/sites';
import type { Fleet } from '../fleet/fleet';
import { route } from './route';

export function siteHandlers(apiRoot: string, fleet: () => Fleet): HttpHandler[] {
  return [
    route(apiRoot, siteEndpoints.stats, () => fleet().siteStats()),
    route(apiRoot, siteEndpoints.list, ({ params, query }) =>
      fleet().listSites(params.deviceType, query),
    ),
    route(apiRoot, siteEndpoints.updateSite, ({ params, body }) =>
      fleet().updateSite(params.deviceType, body.siteNumber),
    ),
    route(apiRoot, siteEndpoints.updateAllPlan, ({ params }) =>
      fleet().planUpdateAll(params.deviceType),
    ),
    route(apiRoot, siteEndpoints.updateAll, ({ params, body }) =>
      fleet().updateAll(params.deviceType, body.requestId),
    ),
    route(apiRoot, siteEndpoints.cancel, ({ params }) =>
      fleet().cancelSiteUpdate(params.deviceType, params.siteNumber),
    ),
  ];
}
