import type { HttpHandler } from 'msw';
import { rolloutEndpoints } from '../../src/api/rollouts';
import { holdEndpoints } from '../../src/api/holds';
import { recallEndpoints } from '../../src/api/recalls';
import { siteEndpoints } from '../../src/api/sites';
import { fleetRoute, type FleetBinding } from './route';

export function siteHandlers(binding: FleetBinding): HttpHandler[] {
  const { fleet } = binding;
  const route = fleetRoute(binding);
  return [
    route(siteEndpoints.stats, () => fleet().siteStats()),
    route(siteEndpoints.list, ({ params, query }) => fleet().listSites(params.deviceType, query)),
    route(siteEndpoints.updateSite, ({ params, body }) =>
      fleet().updateSite(params.deviceType, body.siteNumber, body.freezeOverride),
    ),
    route(siteEndpoints.updateAllPlan, ({ params }) => fleet().planUpdateAll(params.deviceType)),
    route(siteEndpoints.updateAll, ({ params, body }) =>
      fleet().updateAll(params.deviceType, body.requestId, body.freezeOverride),
    ),
    route(holdEndpoints.hold, ({ params, body }) => fleet().holdSites(params.deviceType, body)),
    route(holdEndpoints.release, ({ params, body }) =>
      fleet().releaseSites(params.deviceType, body),
    ),
    route(recallEndpoints.plan, ({ params }) => fleet().planRecall(params.deviceType)),
    route(recallEndpoints.recall, ({ params, body }) =>
      fleet().recallVersion(params.deviceType, body),
    ),
    route(siteEndpoints.cancel, ({ params }) =>
      fleet().cancelSiteUpdate(params.deviceType, params.siteNumber),
    ),
    route(rolloutEndpoints.list, ({ params }) => fleet().rollouts.list(params.deviceType)),
    route(rolloutEndpoints.preview, ({ params, body }) =>
      fleet().rollouts.preview(params.deviceType, body),
    ),
    route(rolloutEndpoints.start, ({ params, body }) =>
      fleet().rollouts.start(params.deviceType, body),
    ),
    route(rolloutEndpoints.get, ({ params }) =>
      fleet().rollouts.get(params.deviceType, params.rolloutId),
    ),
    ...(['pause', 'resume', 'halt'] as const).map((step) =>
      route(rolloutEndpoints[step], ({ params }) =>
        fleet().rollouts.step(params.deviceType, params.rolloutId, step),
      ),
    ),
    route(rolloutEndpoints.startWave, ({ params }) =>
      fleet().rollouts.startWave(params.deviceType, params.rolloutId, params.wave),
    ),
    route(rolloutEndpoints.rollbackPreview, ({ params }) =>
      fleet().rollouts.rollbackPreview(params.deviceType, params.rolloutId),
    ),
    route(rolloutEndpoints.rollback, ({ params, body }) =>
      fleet().rollouts.rollback(params.deviceType, params.rolloutId, body),
    ),
    route(rolloutEndpoints.retry, ({ params, body }) =>
      fleet().rollouts.retry(params.deviceType, params.rolloutId, params.wave, body.requestId),
    ),
  ];
}
