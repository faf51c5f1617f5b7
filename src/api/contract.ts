import { activityEndpoints } from './activity';
import { approvalEndpoints } from './approvals';
import { freezeEndpoints } from './freezes';
import { notificationEndpoints } from './notifications';
import { deviceEndpoints } from './devices';
import { holdEndpoints } from './holds';
import { recallEndpoints } from './recalls';
import type { Endpoint } from './endpoint';
import { rolloutEndpoints } from './rollouts';
import { serverEndpoints } from './servers';
import { sessionEndpoints } from './session';
import { siteEndpoints } from './sites';
import { tokenEndpoints } from './tokens';
import { webhookEndpoints } from './webhooks';

/**
 * Every operation of the wire contract. The built-in fleet serves each of them and the
 * OpenAPI document lists each of them; issues add their resources here.
 */
export const contract = {
  session: sessionEndpoints,
  activity: activityEndpoints,
  devices: deviceEndpoints,
  sites: siteEndpoints,
  holds: holdEndpoints,
  recalls: recallEndpoints,
  rollouts: rolloutEndpoints,
  approvals: approvalEndpoints,
  freezes: freezeEndpoints,
  notifications: notificationEndpoints,
  servers: serverEndpoints,
  tokens: tokenEndpoints,
  webhooks: webhookEndpoints,
} satisfies Record<string, Record<string, Endpoint>>;

export function allEndpoints(): Endpoint[] {
  return Object.values(contract).flatMap((group) => Object.values(group) as Endpoint[]);
}
